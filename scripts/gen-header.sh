#!/usr/bin/env bash
# Regenerates include/cxkit.h from bindings/c with cbindgen (through the drift test).
set -euo pipefail
cd "$(dirname "$0")/.."
CXKIT_BLESS=1 cargo test --quiet -p cxkit-c header_matches_committed_file
