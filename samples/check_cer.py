#!/usr/bin/env python3
"""OCR every good page of the samples with the Tesseract CLI and report the
character error rate (CER) against the ground truth.

Usage:  python3 samples/check_cer.py [--max 0.01] [-v] [-j N] [--psm N] [dossier-substring ...]

Normalisation (both sides): NFC, every whitespace run -> one space, strip.
CER = Levenshtein distance / length of the normalised truth.
Multi-page TIFFs are OCRed once; Tesseract separates pages with a form feed.
Exit status 1 if any page is above --max.
"""
from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import subprocess
import sys
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()


def levenshtein(a: str, b: str) -> int:
    # trim the common prefix/suffix, then the classic two-row DP
    i = 0
    while i < len(a) and i < len(b) and a[i] == b[i]:
        i += 1
    a, b = a[i:], b[i:]
    while a and b and a[-1] == b[-1]:
        a, b = a[:-1], b[:-1]
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for x, ca in enumerate(a, 1):
        cur = [x]
        for y, cb in enumerate(b, 1):
            cur.append(min(prev[y] + 1, cur[y - 1] + 1, prev[y - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def ocr(path: Path, lang: str, psm: int | None = None) -> list[str]:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    cmd = ["tesseract", str(path), "-", "-l", lang]
    if psm is not None:
        cmd += ["--psm", str(psm)]
    out = subprocess.run(cmd, env=env, capture_output=True,
                         check=True).stdout.decode("utf-8")
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages = pages[:-1]
    return pages


def show_diff(truth: str, got: str, width: int = 25):
    sm = difflib.SequenceMatcher(None, truth, got, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        ctx = truth[max(0, i1 - width):i1]
        print(f"      {op:7s} …{ctx}[{truth[i1:i2]}] -> [{got[j1:j2]}]")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--max", type=float, default=0.01, help="max CER per page")
    ap.add_argument("--lang", default="vie")
    ap.add_argument("--psm", type=int, default=None,
                    help="page segmentation mode (default: the CLI's own, 3 = auto)")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("-v", "--verbose", action="store_true", help="print the differences")
    ap.add_argument("--root", type=Path, default=HERE,
                    help="directory holding dossiers/ and truth/ (default: samples/)")
    ap.add_argument("only", nargs="*", help="substrings of dossier names to check")
    args = ap.parse_args()
    root = args.root

    truths = []
    for tf in sorted((root / "truth").rglob("*.json")):
        t = json.loads(tf.read_text(encoding="utf-8"))
        if args.only and not any(o in t["dossier"] for o in args.only):
            continue
        truths.append(t)

    files = sorted({(t["dossier"], p["file"]) for t in truths for p in t["pages"]})
    with ThreadPoolExecutor(max_workers=args.jobs) as ex:
        results = dict(zip(files, ex.map(
            lambda df: ocr(root / "dossiers" / df[0] / df[1], args.lang, args.psm), files)))

    worst, failed, n = 0.0, 0, 0
    for t in truths:
        print(t["dossier"])
        for p in t["pages"]:
            pages = results[(t["dossier"], p["file"])]
            got = norm(pages[p["index"]]) if p["index"] < len(pages) else ""
            want = norm(p["text"])
            d = levenshtein(want, got)
            cer = d / max(1, len(want))
            ok = cer <= args.max
            n += 1
            failed += not ok
            worst = max(worst, cer)
            print(f"  {'ok  ' if ok else 'FAIL'} {p['file']} [{p['index']}] "
                  f"{p['dpi']} dpi: CER {cer * 100:.2f}% ({d}/{len(want)} chars)")
            if args.verbose or not ok:
                show_diff(want, got)
    print(f"{n} pages, {failed} above {args.max * 100:.1f}%, worst {worst * 100:.2f}%")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
