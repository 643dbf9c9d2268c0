#!/usr/bin/env bash
# Checks the Python package as a user installs it:
#  - the wheel in target/wheels (built by scripts/test.sh with zig for manylinux_2_28, the
#    glibc 2.28 of RHEL 8) carries the manylinux_2_28 tag and auditwheel agrees that its
#    symbols allow it;
#  - it installs into a clean venv that has only numpy, and works there without pandas;
#  - `pip install .` (from the source tree, a dev-profile build) works in another clean venv;
#  - an sdist builds and holds what a build from it needs;
#  - the extras name what each part needs.
# Usage: scripts/check-packaging.sh   (after the wheel step of scripts/test.sh)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
py=.venv/bin/python
work=target/packaging
rm -rf "$work"
mkdir -p "$work"

wheels=(target/wheels/cxkit-*.whl)
[ "${#wheels[@]}" -eq 1 ] || { echo "expected one wheel in target/wheels, found ${wheels[*]}" >&2; exit 1; }
wheel=${wheels[0]}
case "$wheel" in
  *manylinux_2_28_x86_64*) ;;
  *) echo "the wheel $wheel is not tagged manylinux_2_28" >&2; exit 1 ;;
esac
.venv/bin/auditwheel show "$wheel" | tee "$work/auditwheel.txt"
tr '\n' ' ' < "$work/auditwheel.txt" | grep -q 'platform tag: "manylinux_2_28_x86_64"' \
  || { echo "auditwheel does not find the wheel consistent with manylinux_2_28" >&2; exit 1; }

smoke='
import importlib.util, cxkit
assert importlib.util.find_spec("pandas") is None, "pandas is not a dependency"
r = cxkit.nps([10, 9, 3, 7])
assert r.score == 25.0, r.score
print("cxkit", cxkit.__version__, "without pandas: nps", r.score)
try:
    import cxkit.plot
    cxkit.plot.nps(r)
except ImportError as e:
    assert "cxkit[plot]" in str(e), e
    print("cxkit.plot without matplotlib:", e)
'
"$py" -m venv "$work/wheel-venv"
"$work/wheel-venv/bin/python" -m pip install --quiet --disable-pip-version-check numpy "$wheel"
"$work/wheel-venv/bin/python" -c "$smoke"

"$py" -m venv "$work/source-venv"
MATURIN_PEP517_ARGS="--profile dev" "$work/source-venv/bin/python" -m pip install --quiet \
  --disable-pip-version-check .
"$work/source-venv/bin/python" -c "$smoke"

.venv/bin/maturin sdist --out "$work/sdist" > "$work/sdist.log"
sdist=$(ls "$work"/sdist/cxkit-*.tar.gz)
tar -tzf "$sdist" > "$work/sdist.txt"
for f in pyproject.toml Cargo.toml crates/cxkit/Cargo.toml bindings/python/Cargo.toml \
  python/cxkit/__init__.py python/cxkit/_cxkit.pyi python/cxkit/py.typed python/cxkit/plot/__init__.py \
  crates/cxkit/src/report/lang/zh.toml; do
  grep -q "^cxkit-[^/]*/$f\$" "$work/sdist.txt" || { echo "the sdist lacks $f" >&2; exit 1; }
done
echo "sdist $sdist: $(wc -l < "$work/sdist.txt") files"

# The extras: each names the packages its part imports.
"$py" - <<'PY'
import tomllib
extras = tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]
need = {"plot": {"matplotlib", "pandas"}, "spark": {"pyspark", "pandas", "pyarrow"}, "pandas": {"pandas"},
        "polars": {"polars"}, "dask": {"dask[dataframe]", "pandas"}}
for extra, names in need.items():
    got = {r.split(">")[0].split("=")[0] for r in extras[extra]}
    assert names <= got, (extra, got)
print("extras:", ", ".join(sorted(extras)))
PY
