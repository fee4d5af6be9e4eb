#!/usr/bin/env bash
# Latency of the web page's HTML screens (home, results, dossier, list,
# error) over a running `sohoa serve` on an index of samples/: N requests of
# each kind, one at a time, timed by curl (time to the last byte), then
# p50/p99 per kind and over all. Usage:
#   bash scripts/bench-web.sh [INDEX] [N]     (defaults: index/, 200)
# The index must exist (`make demo` makes index/). Prints one line per kind;
# exits 1 when the p99 over all HTML pages is above 50 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
INDEX=${1:-index}
N=${2:-200}
BIN=${SOHOA:-target/release/sohoa}
[ -x "$BIN" ] || { echo "bench-web: build first (cargo build --release)" >&2; exit 2; }
[ -d "$INDEX" ] || { echo "bench-web: no index at $INDEX (make demo)" >&2; exit 2; }
PORT=$((20000 + RANDOM % 20000))
"$BIN" serve --index "$INDEX" --addr "127.0.0.1:$PORT" 2>/dev/null &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.1; done
BASE="http://127.0.0.1:$PORT"
# The first dossier of the list, and a few queries of the kinds officers type.
ID=$("$BIN" list --index "$INDEX" --json | head -1 | python3 -c 'import sys,json,urllib.parse;print(urllib.parse.quote(json.load(sys.stdin)["dossier"],safe=""))')
declare -A URLS=(
  [home]="/"
  [results-name]="/?q=tran+van+bay"
  [results-words]="/?q=c%E1%BB%99ng+h%C3%B2a"
  [results-id]="/?q=027+048+001+234"
  [results-near]="/?q=L%C3%AA+Th%E1%BB%8B+Lan"
  [dossier]="/dossiers/$ID?q=nguyen"
  [list]="/dossiers?sort=ngay"
  [error-404]="/dossiers/khong-co"
)
TMP=$(mktemp -d)
for kind in "${!URLS[@]}"; do
  url="$BASE${URLS[$kind]}"
  curl -s -o /dev/null "$url"  # warm
  for _ in $(seq "$N"); do curl -s -o /dev/null -w '%{time_total}\n' "$url"; done > "$TMP/$kind"
done
python3 - "$TMP" <<'PY'
import os, sys
d = sys.argv[1]
def pct(xs, p):
    xs = sorted(xs); return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]
every = []
for kind in sorted(os.listdir(d)):
    xs = [float(x) * 1000 for x in open(os.path.join(d, kind)) if x.strip()]
    every += xs
    print(f"{kind:15} n={len(xs):4}  p50 {pct(xs, 50):6.2f} ms  p99 {pct(xs, 99):6.2f} ms  max {max(xs):6.2f} ms")
p99 = pct(every, 99)
print(f"{'all HTML':15} n={len(every):4}  p50 {pct(every, 50):6.2f} ms  p99 {p99:6.2f} ms")
sys.exit(0 if p99 <= 50 else 1)
PY
