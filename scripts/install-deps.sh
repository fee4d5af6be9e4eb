#!/usr/bin/env bash
# Install what sohoa needs and is missing, on Debian or Ubuntu: Tesseract with
# the Vietnamese and orientation models, the headers the `tesseract` crate
# links against, clang for its bindgen step, the Vietnamese hunspell
# dictionary the lexicon reads at run time, headless Chromium with
# chromedriver for the browser test of `sohoa serve`, and qpdf and
# poppler-utils (pdftotext, pdfinfo, pdffonts, pdfimages, pdftoppm), which
# tests/pdf.rs checks the exported PDFs with. Uses sudo when not root.
# Safe to run again: it installs nothing that is already there.
set -euo pipefail

packages=(tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd libtesseract-dev
          libleptonica-dev clang libclang-dev pkg-config hunspell-vi
          chromium chromium-driver qpdf poppler-utils)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 2; }
        sudo="sudo"
    fi
    echo "install-deps: installing ${missing[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

if ! command -v cargo >/dev/null; then
    echo "install-deps: Rust (cargo) ≥ 1.88 is needed: install it with rustup (https://rustup.rs)," >&2
    echo "install-deps: Debian's own rustc is too old for tantivy." >&2
    exit 2
fi
