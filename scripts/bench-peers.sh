#!/usr/bin/env bash
# Runs the peer comparison (benches/peers/run.py) from a fresh checkout: sets up .venv
# (scripts/python-env.sh), installs the peers of benches/peers/requirements.txt, builds and
# installs a release wheel of cxkit, then times every workload; arguments go to run.py
# (--quick for a smoke run, --only WORKLOAD ..., --repeat N). Writes benches/peers/results.md
# and results.json. Run scripts/test.sh afterwards to put the debug wheel back for the tests.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/python-env.sh
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r benches/peers/requirements.txt
# plspm (the PLS peer) needs pandas 2.1–2.2: its own interpreter, which run.py talks to.
[ -x .venv-plspm/bin/python ] || python3 -m venv .venv-plspm
.venv-plspm/bin/python -m pip install --quiet --disable-pip-version-check -r benches/peers/requirements-plspm.txt
rm -rf target/wheels-release
.venv/bin/maturin build --release --quiet --out target/wheels-release
.venv/bin/python -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps target/wheels-release/cxkit-*.whl
# Some machines preset OpenBLAS variables for another CPU; let numpy's OpenBLAS choose.
exec env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE .venv/bin/python benches/peers/run.py "$@"
