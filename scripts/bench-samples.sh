#!/usr/bin/env bash
# Throughput and re-run costs on samples/dossiers, each into a fresh
# temporary index: a first ingest with --jobs 1 and with --jobs 2 (every page
# OCR'd), then, on the --jobs 2 index, an unchanged re-run and a reindex,
# each also as a share of the first run's time.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked >&2
sohoa=target/release/sohoa
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
num() { grep -o "\"$2\": [0-9.]*" "$1" | head -1 | awk '{print $2}'; }
now() { date +%s.%N; }
calc() { awk "BEGIN { print $1 }"; }

printf '%-28s %8s %10s %10s\n' run pages seconds pages/s
for jobs in 1 2; do
    "$sohoa" ingest samples/dossiers --index "$tmp/index-$jobs" --jobs "$jobs" \
        --report "$tmp/report-$jobs.json" 2>/dev/null || [ $? -eq 1 ]
    r="$tmp/report-$jobs.json"
    printf '%-28s %8s %10.2f %10.2f\n' "ingest --jobs $jobs" "$(num "$r" pages_ocr)" \
        "$(num "$r" seconds)" "$(num "$r" pages_per_second)"
done
first=$(num "$tmp/report-2.json" seconds)
pages=$(num "$tmp/report-2.json" pages_ok)

t0=$(now)
"$sohoa" ingest samples/dossiers --index "$tmp/index-2" --report "$tmp/rerun.json" 2>/dev/null || [ $? -eq 1 ]
rerun=$(calc "$(now) - $t0")
printf '%-28s %8s %10.2f %10s   %.1f%% of the first run (OCR'"'"'d again: %s)\n' "unchanged re-run (wall)" \
    "$pages" "$rerun" - "$(calc "100 * $rerun / $first")" "$(num "$tmp/rerun.json" pages_ocr)"

t0=$(now)
"$sohoa" reindex --index "$tmp/index-2" 2>/dev/null
reindex=$(calc "$(now) - $t0")
printf '%-28s %8s %10.2f %10.0f   %.1f%% of the first run\n' "reindex (wall)" "$pages" "$reindex" \
    "$(calc "$pages / $reindex")" "$(calc "100 * $reindex / $first")"
