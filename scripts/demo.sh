#!/usr/bin/env bash
# The main job on the bundled samples: install what is missing, build,
# ingest samples/dossiers into index/, then show what is there and a search.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cargo build --release --locked
sohoa=target/release/sohoa
# Exit code 1 is expected: samples/ holds one deliberately broken scan.
status=0
# --reindex-if-needed: an index/ left by an older sohoa is rebuilt from its store.
"$sohoa" ingest samples/dossiers --index index --report index/last-report.json \
    --reindex-if-needed || status=$?
if [ "$status" -gt 1 ]; then exit "$status"; fi
echo
echo "== sohoa list"
"$sohoa" list --index index
echo
echo "== sohoa search \"tran van bay\"   (typed without tone marks)"
"$sohoa" search "tran van bay" --index index --limit 3
echo
echo "== sohoa export --pdf index/archive   (one searchable PDF/A per document)"
"$sohoa" export --pdf index/archive --index index
echo
echo "== sohoa export --catalog index/archive/muc-luc.csv   (the archive's catalogue)"
"$sohoa" export --catalog index/archive/muc-luc.csv --index index
