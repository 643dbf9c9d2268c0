#!/usr/bin/env bash
# Runs the C entry points' Rust-side tests (bindings/c/tests/abi.rs, nulls.rs) under Miri,
# which checks every raw pointer the bindings turn into a reference or slice, every handle they box and
# free, and every out-parameter they write. Tree Borrows, because rayon's crossbeam-epoch
# uses tagged integer pointers that Stacked Borrows cannot follow; leaks are not checked
# here (rayon's pool outlives main; valgrind and LeakSanitizer check leaks in tests/c/run.sh).
# Skips with a message where no nightly toolchain with Miri can be had.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if ! rustup toolchain list | grep -q '^nightly'; then
  echo "miri: no nightly toolchain: Miri run skipped" >&2
  exit 0
fi
if ! rustup +nightly component list --installed 2> /dev/null | grep -q '^miri'; then
  rustup +nightly component add miri > /dev/null 2>&1 || {
    echo "miri: the miri component cannot be installed: Miri run skipped" >&2
    exit 0
  }
fi
export MIRIFLAGS="-Zmiri-tree-borrows -Zmiri-permissive-provenance -Zmiri-ignore-leaks"
cargo +nightly miri test --quiet -p cxkit-c --test abi --test nulls
