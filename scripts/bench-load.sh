#!/usr/bin/env bash
# `make bench-load`: 50 concurrent sessions (search, open a dossier, its
# first page image) against `sohoa serve` on loopback for 60 s, while
# `sohoa watch` ingests copies of sample dossiers into the same index.
# Reports requests, errors, p50/p99 per kind and the server's RSS at the
# start, middle and end (VmRSS of /proc/PID/status). Fails on any error.
#
#   bash scripts/bench-load.sh [SECONDS] [CLIENTS]   (defaults 60 50)
#   COOKIE='name=value' bash scripts/bench-load.sh    (a session's cookie)
#   ACCOUNTS=1 bash scripts/bench-load.sh             (accounts on: each client
#       logs in as its own session of a `tra_cuu` user, every request audited)
#
# Work files under $CARGO_TARGET_DIR (or target)/bench-load/; the samples
# index there is built once (OCR of samples/dossiers, base/) and copied for
# each run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
clients=${2:-50}
target=${CARGO_TARGET_DIR:-target}
bin=$target/release/sohoa
[ -x "$bin" ] || { echo "bench-load: $bin missing: cargo build --release --locked" >&2; exit 2; }
work=$target/bench-load
mkdir -p "$work"
base=$work/base
if [ ! -f "$work/base.done" ]; then
    rm -rf "$base"
    # Exit 1: samples/ holds one broken scan on purpose.
    "$bin" ingest samples/dossiers --index "$base" >/dev/null 2>"$work/ingest.log" || true
    rm -rf "$base/cache"
    touch "$work/base.done"
fi
# Each run on a fresh copy: no dossiers of an earlier run's copies, and
# page images decoded afresh, as after a new ingest.
index=$work/index
rm -rf "$index"
cp -a "$base" "$index"
login=()
if [ -n "${ACCOUNTS:-}" ]; then
    password=mat-khau-tai-thu
    echo "$password" | "$bin" user add tai-thu --role tra_cuu --index "$index" >/dev/null
    login=(--login "tai-thu:$password")
fi
incoming=$work/incoming
rm -rf "$incoming"
mkdir -p "$incoming"

pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

"$bin" serve --index "$index" --addr 127.0.0.1:0 2>"$work/serve.log" &
serve_pid=$!
pids+=("$serve_pid")
addr=""
for _ in $(seq 100); do
    addr=$(sed -n 's|.*http://\([^/]*\)/.*|\1|p' "$work/serve.log" | head -1)
    [ -n "$addr" ] && break
    sleep 0.1
done
[ -n "$addr" ] || { cat "$work/serve.log" >&2; exit 2; }

"$bin" watch "$incoming" --index "$index" --jobs 1 --settle 2s --rescan 5s \
    2>"$work/watch.log" &
pids+=("$!")

# Copies of sample dossiers arrive during the run, one every few seconds.
(
    n=0
    end=$((SECONDS + seconds))
    for d in samples/dossiers/*/*/; do
        [ $SECONDS -lt $end ] || break
        n=$((n + 1))
        mkdir -p "$incoming/lan-$n"
        cp -r "$d" "$incoming/lan-$n/"
        sleep 5
    done
) &
pids+=("$!")

# The server's RSS every second of the run (kB), in $work/rss.
: > "$work/rss"
( while kill -0 "$serve_pid" 2>/dev/null; do
      awk '/^VmRSS/ {print $2}' "/proc/$serve_pid/status" >> "$work/rss"
      sleep 1
  done ) &
pids+=("$!")
set +e
python3 scripts/load-client.py "$addr" --clients "$clients" --seconds "$seconds" \
    ${COOKIE:+--cookie "$COOKIE"} "${login[@]}" > "$work/result.json"
code=$?
set -e
ingested=$(grep -c "pages ok" "$work/watch.log" || true)
if [ -n "${ACCOUNTS:-}" ]; then
    lines=$(cat "$index"/audit/*.jsonl 2>/dev/null | wc -l)
    "$bin" audit verify --index "$index" >/dev/null && chain=whole || chain=BROKEN
    echo "bench-load: audit log: $lines lines, chain $chain" >&2
fi
python3 - "$work/result.json" "$work/rss" "$ingested" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"bench-load: {r['clients']} sessions for {r['seconds']} s: {r['requests']} requests "
      f"({r['per_second']}/s), {r['errors']} errors, {r['reconnects']} reconnects")
for kind, k in r["kinds"].items():
    print(f"  {kind:8} {k['requests']:6} requests {k['errors']:3} errors  "
          f"p50 {k['p50_ms']} ms  p99 {k['p99_ms']} ms  max {k['max_ms']} ms")
rss = [int(x) for x in open(sys.argv[2]).read().split()]
if rss:
    mb = lambda kb: f"{kb / 1024:.0f} MB"
    warm = rss[min(len(rss) - 1, max(2, len(rss) // 10))]
    print(f"  server RSS: idle {mb(rss[0])}; under load: after warm-up {mb(warm)}, "
          f"middle {mb(rss[len(rss) // 2])}, end {mb(rss[-1])}, most {mb(max(rss))}")
print(f"  watch runs finished during the load: {sys.argv[3]}")
for s in r["error_samples"]:
    print("  error:", s)
PY
tail -3 "$work/watch.log" | sed 's/^/  watch: /'
exit $code
