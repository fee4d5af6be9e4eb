#!/usr/bin/env bash
# Bounded-time fuzzing of the library with cargo-fuzz (libFuzzer):
#   decode_page  preprocess::count_pages / decode_page on arbitrary file bytes
#   extract      extract::extract on arbitrary text split into pages at '\f'
#
#   bash scripts/fuzz.sh [SECONDS]      SECONDS per target, default 60
#   FUZZ_SANITIZER=address bash scripts/fuzz.sh [SECONDS]
#
# Runs on the stable toolchain. By default without a sanitizer (libFuzzer's
# coverage flags are stable rustc flags; sohoa has no unsafe code, and the
# Rust code's own bounds and overflow checks are on): 2 to 5 times the
# executions per second of an AddressSanitizer build. FUZZ_SANITIZER=address
# builds with -Zsanitizer=address, a nightly flag that stable accepts under
# RUSTC_BOOTSTRAP=1, into its own target dir (fuzz/target/asan/).
# Installs cargo-fuzz and the system libraries when missing.
#
# Corpora: each target reads its committed seeds (fuzz/corpus/<target>/),
# the saved crash inputs turned regression cases (tests/fuzz_regressions/<target>/,
# when present: a case that still crashes fails at once) and a working corpus
# (fuzz/corpus-work/<target>/, not committed), the only one libFuzzer writes
# to. The working corpus is emptied at the start of every run: it fills up
# with inputs that are slow to decode (large declared images), and libFuzzer
# replays its whole corpus before it looks at the clock, so keeping it would
# break the time bound. A target can still overrun SECONDS by the few slow
# inputs it is running when time is up (0-30 s seen).
#
# Exit status: 0 when no target found anything; 1 when one crashed (panic,
# sanitizer report, timeout or out-of-memory): the inputs are left in
# fuzz/artifacts/<target>/ and their paths printed; 2 when the fuzz crate
# does not build.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

secs="${1:-60}"
if ! [[ "$secs" =~ ^[0-9]+$ ]] || [ "$secs" -eq 0 ]; then
    echo "usage: bash scripts/fuzz.sh [SECONDS]   (seconds per target, default 60)" >&2
    exit 2
fi
targets=(decode_page extract)
cargo_fuzz_version=0.13.2

# libtesseract/leptonica headers and clang: sohoa links them even though the
# fuzz targets never call OCR.
bash scripts/install-deps.sh

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz: installing cargo-fuzz $cargo_fuzz_version" >&2
    cargo install cargo-fuzz --locked --version "$cargo_fuzz_version"
fi

# The fuzz build uses the dependency versions the main build locks: start
# from the main Cargo.lock (cargo adds libfuzzer-sys to it).
cp Cargo.lock fuzz/Cargo.lock

sanitizer="${FUZZ_SANITIZER:-none}"
case "$sanitizer" in
    none) flags=(--fuzz-dir fuzz --sanitizer none) ;;
    address) flags=(--fuzz-dir fuzz --sanitizer address --target-dir fuzz/target/asan) ;;
    *) echo "fuzz: FUZZ_SANITIZER must be none or address" >&2; exit 2 ;;
esac
# RUSTC_BOOTSTRAP only for the cargo-fuzz commands (needed by -Zsanitizer;
# harmless without it), not for the install above.
fuzz() { RUSTC_BOOTSTRAP=1 cargo fuzz "$@"; }

echo "fuzz: building ${targets[*]}, sanitizer $sanitizer (first build: several minutes)" >&2
build_start=$SECONDS
if ! fuzz build "${flags[@]}"; then
    echo "fuzz: the fuzz crate did not build" >&2
    exit 2
fi
echo "fuzz: built in $((SECONDS - build_start)) s" >&2

stamp="$(mktemp)"
trap 'rm -f "$stamp"' EXIT
failed=()
for t in "${targets[@]}"; do
    work="$root/fuzz/corpus-work/$t"
    rm -rf "$work"
    mkdir -p "$work"
    corpora=("$work" "$root/fuzz/corpus/$t")
    if [ -d "$root/tests/fuzz_regressions/$t" ]; then
        corpora+=("$root/tests/fuzz_regressions/$t")
    fi
    opts=(-max_total_time="$secs" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1)
    if [ -f "$root/fuzz/dict/$t.dict" ]; then
        opts+=(-dict="$root/fuzz/dict/$t.dict")
    fi
    echo "fuzz: $t for $secs s" >&2
    if ! fuzz run "${flags[@]}" "$t" "${corpora[@]}" -- "${opts[@]}"; then
        failed+=("$t")
    fi
done

if ((${#failed[@]})); then
    echo >&2
    echo "fuzz: FAILED: ${failed[*]}" >&2
    found=0
    while IFS= read -r f; do
        case "$(basename "$f")" in
            crash-* | timeout-* | oom-* | leak-* | deadly-signal-*) ;;
            *) continue ;;
        esac
        found=1
        t="$(basename "$(dirname "$f")")"
        f="${f#"$root"/}"
        echo "fuzz: input: $f" >&2
        echo "fuzz:   replay:     RUSTC_BOOTSTRAP=1 cargo fuzz run ${flags[*]} $t $f" >&2
        echo "fuzz:   minimise:   RUSTC_BOOTSTRAP=1 cargo fuzz tmin ${flags[*]} $t $f" >&2
        echo "fuzz:   regression: mkdir -p tests/fuzz_regressions/$t && cp $f tests/fuzz_regressions/$t/<what-it-is>" >&2
    done < <(find "$root/fuzz/artifacts" -type f -newer "$stamp" 2>/dev/null | sort)
    if ((found == 0)); then
        echo "fuzz: no input saved in fuzz/artifacts/ (see the output above)" >&2
    fi
    exit 1
fi
echo "fuzz: ${targets[*]}: no crash in $secs s each" >&2
