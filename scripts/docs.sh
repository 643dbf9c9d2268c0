#!/usr/bin/env bash
# Builds the user guide into target/site, offline: the Markdown pages of docs/ with the Python
# API reference (mkdocstrings over python/cxkit and its stubs), the five notebooks of
# examples/notebooks executed and rendered, the C API page generated from include/cxkit.h,
# the glossary from the README, and the Rust API (cargo doc) copied under rust/.
# `mkdocs build --strict`: any warning fails the build, and so does a page that would load a
# script, style sheet or font from another host (checked by scripts/docs_hooks.py).
# Usage: scripts/docs.sh            (open target/site/index.html)
#   CXKIT_DOCS_SKIP_RUST=1    do not run cargo doc (use target/doc if it is there, else a
#                             placeholder page)
#   CXKIT_DOCS_NOTEBOOKS=DIR  take the executed notebooks from DIR instead of running them
# Needs the packages of tests/python/requirements.txt in .venv (scripts/python-env.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
python=${PYTHON:-"$root/.venv/bin/python"}
start=$SECONDS

if [ "${CXKIT_DOCS_SKIP_RUST:-0}" != 1 ]; then
  echo "docs: the Rust API (cargo doc --no-deps -p cxkit)" >&2
  cargo doc --no-deps -p cxkit --quiet
fi
export CXKIT_DOCS_RUST="$root/target/doc"

if [ -z "${CXKIT_DOCS_NOTEBOOKS:-}" ]; then
  echo "docs: running the notebooks" >&2
  executed="$root/target/docs-build/notebooks"
  rm -rf "$executed"
  "$python" scripts/docs_notebooks.py execute --out "$executed"
  export CXKIT_DOCS_NOTEBOOKS="$executed"
fi

echo "docs: mkdocs build --strict" >&2
# Material for MkDocs prints a banner about its successor unless told not to.
NO_MKDOCS_2_WARNING=1 "$python" -m mkdocs build --strict --quiet --config-file mkdocs.yml
echo "docs: built target/site in $((SECONDS - start)) s (open target/site/index.html)" >&2
