#!/usr/bin/env bash
# Pages per second of a fresh ingest of samples/dossiers, with --jobs 1 and
# --jobs 2, each into a new temporary index (so every page is OCR'd).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked >&2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%-8s %8s %10s %10s\n' jobs pages seconds pages/s
for jobs in 1 2; do
    target/release/sohoa ingest samples/dossiers --index "$tmp/index-$jobs" --jobs "$jobs" \
        --report "$tmp/report-$jobs.json" 2>/dev/null || [ $? -eq 1 ]
    r="$tmp/report-$jobs.json"
    num() { grep -o "\"$1\": [0-9.]*" "$r" | head -1 | awk '{print $2}'; }
    printf '%-8s %8s %10.2f %10.2f\n' "$jobs" "$(num pages_ocr)" "$(num seconds)" "$(num pages_per_second)"
done
