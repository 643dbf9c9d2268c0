#!/usr/bin/env bash
# Runs every test of cxkit: formatting and lints, the Rust tests (core, CLI, C header drift),
# the crate's packaging (cargo publish --dry-run), the C library installed into a prefix and
# the C program built against it through pkg-config and CMake, under valgrind and the
# sanitizers, the C entry points under Miri, the committed fuzz corpus, and pytest against the
# freshly built wheel, including the HTML report rendered in headless Chromium and a local
# Spark session (Chromium and Java installed by scripts/system-env.sh when missing).
# Usage: scripts/test.sh            (from anywhere; installs what Python needs into .venv)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

step() { printf '\n== %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (all crates, all targets, warnings are errors)"
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "cargo doc (broken links and missing docs are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet

step "Rust tests (core, CLI, C header drift)"
cargo test --quiet

step "Rust crate: cargo publish --dry-run -p cxkit (the package builds alone)"
cargo publish --dry-run --quiet --allow-dirty -p cxkit

step "Python and build tools into .venv (the C tests' CMake too)"
scripts/python-env.sh

step "C ABI: installed with scripts/install-c.sh, built through pkg-config and CMake, run under valgrind, AddressSanitizer + UndefinedBehaviorSanitizer"
tests/c/run.sh

step "C ABI: the entry points' pointer handling under Miri (nightly; skipped without it)"
scripts/miri.sh

step "Fuzz corpus: every committed fuzz input replayed (scripts/fuzz.sh fuzzes for longer)"
cargo test --quiet --manifest-path fuzz/Cargo.toml

step "Python: build the wheel (linked by zig for glibc 2.28: manylinux_2_28, RHEL 8) and install it into .venv"
rm -rf target/wheels
PATH="$root/.venv/bin:$PATH" .venv/bin/maturin build --quiet --zig --compatibility manylinux_2_28 --out target/wheels
.venv/bin/python -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps target/wheels/cxkit-*.whl
step "Python packaging: auditwheel, the wheel and pip install . in clean venvs with only numpy, the sdist, the extras"
scripts/check-packaging.sh
step "Python: stubs match the module (mypy stubtest)"
.venv/bin/python -m mypy.stubtest --ignore-disjoint-bases cxkit

step "Python: pytest against the installed wheel (the report in headless Chromium, Spark, Dask; the docs site: tests/python/test_docs.py runs the notebooks and scripts/docs.sh, cargo doc included)"
scripts/system-env.sh
.venv/bin/python -m pytest tests/python -q -p no:cacheprovider
