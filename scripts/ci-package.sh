#!/usr/bin/env bash
# CI's package check, after the tests (it packages the release binary they
# built: no second build): install cargo-deb if missing, build
# sohoa_<version>_amd64.deb the way `make deb` does, install it with apt
# (so that its Depends resolve; a reinstall when this version is already
# in), `systemd-analyze verify` the installed units, and ingest samples/
# with the installed /usr/bin/sohoa into a temporary index. Uses sudo when
# not root. Prints the time of each step.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
bin=$target/release/sohoa
[ -x "$bin" ] || { echo "ci-package: $bin missing: run the tests (cargo test --release) first" >&2; exit 2; }
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo=sudo; fi
step() { echo "ci-package: $1 ($((SECONDS - t)) s)" >&2; t=$SECONDS; }
t=$SECONDS

if ! cargo deb --version >/dev/null 2>&1; then
    cargo install cargo-deb --locked
fi
step "cargo-deb $(cargo deb --version | awk '{print $2}') ready"
# systemd-analyze (no systemd needed as PID 1 for `verify`).
if ! command -v systemd-analyze >/dev/null; then
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends systemd >&2
fi

rm -rf debian/generated
"$bin" generate man --out debian/generated/man
"$bin" generate completions --out debian/generated/completions
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo deb --no-build --locked --strip --output "$out" >&2
deb=$(ls "$out"/sohoa_*_amd64.deb)
step "built $(basename "$deb") ($(du -k "$deb" | cut -f1) kB)"
contents=$(dpkg-deb --contents "$deb")
for f in ./usr/bin/sohoa ./usr/share/man/man1/sohoa.1 ./usr/share/bash-completion/completions/sohoa \
         ./usr/lib/systemd/system/sohoa-serve.service ./usr/lib/systemd/system/sohoa-watch.service \
         ./usr/lib/systemd/system/sohoa-verify.timer ./etc/sohoa/sohoa.toml; do
    grep -q " $f" <<<"$contents" || { echo "ci-package: $f is not in the package" >&2; exit 1; }
done
depends=$(dpkg-deb --field "$deb" Depends)
grep -q tesseract-ocr-vie <<<"$depends" || { echo "ci-package: Depends lacks tesseract-ocr-vie: $depends" >&2; exit 1; }

DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --reinstall "$deb" >&2
step "installed ($(dpkg-query -W -f='${Version}' sohoa))"
getent passwd sohoa >/dev/null || { echo "ci-package: no sohoa system user" >&2; exit 1; }
[ -d /var/lib/sohoa ] || { echo "ci-package: no /var/lib/sohoa" >&2; exit 1; }

systemd-analyze verify /usr/lib/systemd/system/sohoa-serve.service \
    /usr/lib/systemd/system/sohoa-watch.service \
    /usr/lib/systemd/system/sohoa-verify.service \
    /usr/lib/systemd/system/sohoa-verify.timer
step "systemd-analyze verify passed"

work=$(mktemp -d)
trap 'rm -rf "$out" "$work"' EXIT
# samples/ holds one broken scan on purpose (ingest then exits 1): leave it out.
cp -r samples/dossiers "$work/scans"
rm "$work/scans/lao-dong-ngoai-nuoc/Phạm Quốc Hùng/trang 2.jpg"
/usr/bin/sohoa ingest "$work/scans" --index "$work/index" >"$work/report.txt"
/usr/bin/sohoa verify --index "$work/index" >/dev/null
n=$(/usr/bin/sohoa list --index "$work/index" --json | wc -l)
step "installed sohoa ingested samples/dossiers ($n dossiers) and verify passed"
