#!/usr/bin/env bash
# The whole test suite: install what is missing, then unit and integration
# tests (the integration tests run the real binary, real Tesseract and a real
# tantivy index on samples/). One build profile (release) for everything, so
# the demo, the tests and the benchmarks share one build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cargo test --release --locked "$@"
