#!/usr/bin/env python3
"""Searchable PDFs from the same scans: OCRmyPDF against sohoa, one run.

Usage:  python3 benches/pdf_peer.py [--work DIR] [--jobs N] [--sohoa PATH]
                                    [--ocrmypdf PATH] [--img2pdf PATH] [--files-at-once N]
                                    [--skip-ocrmypdf] [--skip-sohoa] [--json FILE]
                                    [--also-without-deskew]

The pages are those of samples/dossiers that have a true text in
samples/truth (as samples/check_cer.py matches them: dossier, file, page
index in the file), copied into WORK/corpus so that both tools get exactly
those pages and nothing else (not the deliberately broken scan). One PDF per
dossier on both sides:

- OCRmyPDF: each file to a PDF with img2pdf at the page's dpi (from the
  truth), the files of a dossier joined with qpdf, then
  `ocrmypdf -l vie --output-type pdfa --rotate-pages --deskew --jobs N`,
  dossier after dossier (its own parallelism is over the pages of a file,
  so a one-page dossier keeps one core busy; `--files-at-once 2` runs two
  dossiers at a time, as GNU parallel would).
- sohoa: `sohoa ingest WORK/corpus --jobs N` into a fresh index, then
  `sohoa export --pdf WORK/sohoa-pdf --per dossier` (timed together and the
  export alone).

For both: seconds per page and pages per second (wall clock), PDF bytes per
page, the character error rate of the text layer against the truth, page by
page (NFC, whitespace runs as one space, Levenshtein over the truth's length:
samples/check_cer.py's own functions), and `qpdf --check`. The text layer is
read twice: by `pdftotext` (its layout analysis reorders what it finds, as a
viewer's copy would) and by `pdftotext -raw` (the order the PDF was written
in); the first is the headline, the second tells reading order from OCR
errors. For sohoa the CER of its stored text is given beside. A markdown
table goes to stdout.

Install OCRmyPDF (a bench run by hand, not part of CI):
    apt-get install ghostscript qpdf poppler-utils tesseract-ocr-vie tesseract-ocr-osd
    pip install ocrmypdf img2pdf        (or in a venv; then pass --ocrmypdf/--img2pdf)

Exit status: 0 when both sides were measured; 2 when a tool is missing or
failed (what could be measured is still printed), e.g. a sohoa without
`export --pdf`.
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "samples"))

from check_cer import levenshtein, norm  # noqa: E402


def natural_key(name: str) -> list:
    """"trang 2" before "trang 10", as sohoa orders a dossier's files."""
    return [int(t) if t.isdigit() else t.lower() for t in re.split(r"(\d+)", name)]


class Pages:
    """The truth pages, by dossier: [(file, index in file, dpi, text)]."""

    def __init__(self, samples: Path):
        self.by_dossier: dict[str, list[tuple[str, int, int, str]]] = {}
        for tf in sorted((samples / "truth").rglob("*.json")):
            t = json.loads(tf.read_text(encoding="utf-8"))
            pages = [(p["file"], p["index"], p["dpi"], p["text"]) for p in t["pages"]]
            pages.sort(key=lambda p: (natural_key(p[0]), p[1]))
            self.by_dossier[t["dossier"]] = pages
        self.samples = samples

    def count(self) -> int:
        return sum(len(p) for p in self.by_dossier.values())

    def truth(self, dossier: str, file: str, index: int) -> str | None:
        for f, i, _, text in self.by_dossier.get(dossier, []):
            if (f, i) == (file, index):
                return text
        return None

    def files(self, dossier: str) -> list[tuple[str, int]]:
        """The dossier's files in page order, each with its dpi."""
        seen: dict[str, int] = {}
        for f, _, dpi, _ in self.by_dossier[dossier]:
            seen.setdefault(f, dpi)
        return sorted(seen.items(), key=lambda x: natural_key(x[0]))

    def copy_corpus(self, to: Path) -> None:
        if to.exists():
            shutil.rmtree(to)
        for d in self.by_dossier:
            for f, _ in self.files(d):
                (to / d).mkdir(parents=True, exist_ok=True)
                shutil.copy2(self.samples / "dossiers" / d / f, to / d / f)


def run(cmd: list, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)


def tool(path: str) -> str | None:
    """An executable by path or on PATH."""
    if os.sep in path:
        return path if os.access(path, os.X_OK) else None
    return shutil.which(path)


def pdf_pages_text(pdf: Path, raw: bool = False) -> list[str]:
    """The text layer page by page: in pdftotext's reading order (its
    layout analysis, as a viewer's copy or a search engine would get it) or,
    with `raw`, in the order the PDF's producer wrote it."""
    mode = ["-raw"] if raw else []
    out = run(["pdftotext", *mode, "-enc", "UTF-8", pdf, "-"], check=True).stdout
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages = pages[:-1]
    return pages


def qpdf_clean(pdf: Path) -> bool:
    # 0: no problem; 2: errors; 3: warnings only
    return run(["qpdf", "--check", pdf]).returncode == 0


class Result:
    def __init__(self, name: str):
        self.name = name
        self.seconds: float | None = None
        self.pages = 0
        self.bytes = 0
        self.distance = 0
        self.distance_raw = 0
        self.truth_chars = 0
        self.worst = 0.0
        self.pdfs = 0
        self.qpdf_clean = 0
        self.note = ""

    def measure(self, pdfs: dict[str, Path], order: dict[str, list[tuple[str, int]]],
                pages: Pages) -> list[str]:
        """Bytes, text-layer CER and qpdf of one PDF per dossier; `order` is
        each PDF's pages as (file, index in file). Returns the problems."""
        problems = []
        for dossier, pdf in sorted(pdfs.items()):
            if not pdf.is_file():
                problems.append(f"{self.name}: no PDF for {dossier} ({pdf})")
                continue
            self.pdfs += 1
            self.bytes += pdf.stat().st_size
            self.qpdf_clean += qpdf_clean(pdf)
            texts, raws = pdf_pages_text(pdf), pdf_pages_text(pdf, raw=True)
            want = order[dossier]
            if len(texts) != len(want):
                problems.append(f"{self.name}: {pdf} has {len(texts)} pages, {len(want)} expected")
            for (file, index), got, raw in zip(want, texts, raws):
                self.pages += 1
                truth = pages.truth(dossier, file, index)
                if truth is None:
                    continue
                t = norm(truth)
                d = levenshtein(t, norm(got))
                self.distance += d
                self.distance_raw += levenshtein(t, norm(raw))
                self.truth_chars += len(t)
                self.worst = max(self.worst, d / max(1, len(t)))
        return problems

    def cer(self) -> float | None:
        return self.distance / self.truth_chars if self.truth_chars else None

    def cer_raw(self) -> float | None:
        return self.distance_raw / self.truth_chars if self.truth_chars else None

    def json(self) -> dict:
        return {
            "tool": self.name, "seconds": self.seconds, "pages": self.pages,
            "pdf_bytes": self.bytes, "pdfs": self.pdfs, "qpdf_clean": self.qpdf_clean,
            "cer": self.cer(), "cer_raw": self.cer_raw(),
            "worst_page_cer": self.worst if self.truth_chars else None,
            "note": self.note,
        }


def ocrmypdf_side(args, pages: Pages, corpus: Path, work: Path,
                  deskew: bool = True) -> tuple[Result, list[str]]:
    at_once = f", {args.files_at_once} dossiers at once" if args.files_at_once > 1 else ""
    flags = "--rotate-pages --deskew" if deskew else "--rotate-pages, no --deskew"
    r = Result(f"OCRmyPDF {version(args.ocrmypdf)} (img2pdf + ocrmypdf {flags} "
               f"--jobs {args.jobs}{at_once})")
    suffix = "" if deskew else "-no-deskew"
    out = work / f"ocrmypdf-pdf{suffix}"
    tmp = work / f"ocrmypdf-tmp{suffix}"
    for d in (out, tmp):
        if d.exists():
            shutil.rmtree(d)
        d.mkdir(parents=True)

    def one(n: int, dossier: str) -> tuple[Path | None, list[str]]:
        parts = []
        for k, (file, dpi) in enumerate(pages.files(dossier)):
            part = tmp / f"{n:03d}-{k:02d}.pdf"
            p = run([args.img2pdf, "-s", f"{dpi}dpix{dpi}dpi", "-o", part,
                     corpus / dossier / file])
            if p.returncode != 0:
                return None, [f"img2pdf {dossier}/{file}: {p.stderr.strip()}"]
            parts.append(part)
        joined = parts[0]
        if len(parts) > 1:
            joined = tmp / f"{n:03d}.pdf"
            p = run(["qpdf", "--empty", "--pages", *parts, "--", joined])
            if p.returncode not in (0, 3):
                return None, [f"qpdf join {dossier}: {p.stderr.strip()}"]
        target = out / f"{dossier}.pdf"
        target.parent.mkdir(parents=True, exist_ok=True)
        p = run([args.ocrmypdf, "-l", "vie", "--output-type", "pdfa", "--rotate-pages",
                 *(["--deskew"] if deskew else []), "--jobs", str(args.jobs), "--quiet",
                 joined, target])
        if p.returncode != 0:
            return None, [f"ocrmypdf {dossier}: exit {p.returncode}: {p.stderr.strip()[-400:]}"]
        return target, []

    dossiers = sorted(pages.by_dossier)
    t0 = time.monotonic()
    with ThreadPoolExecutor(max_workers=args.files_at_once) as ex:
        done = list(ex.map(one, range(len(dossiers)), dossiers))
    r.seconds = time.monotonic() - t0
    pdfs, order, problems = {}, {}, []
    for dossier, (target, p) in zip(dossiers, done):
        problems += p
        if target is not None:
            pdfs[dossier] = target
            order[dossier] = [(f, i) for f, i, _, _ in pages.by_dossier[dossier]]
    problems += r.measure(pdfs, order, pages)
    return r, problems


def version(exe: str) -> str:
    p = run([exe, "--version"])
    return p.stdout.strip().splitlines()[0] if p.returncode == 0 and p.stdout.strip() else "?"


def has_export_pdf(sohoa: str) -> bool:
    p = run([sohoa, "export", "--help"])
    return p.returncode == 0 and "--pdf" in p.stdout


def sohoa_side(args, pages: Pages, corpus: Path, work: Path):
    """(ingest+export result, export-only result, problems); the results are
    None when the side could not be measured."""
    problems = []
    index = work / "sohoa-index"
    out = work / "sohoa-pdf"
    for d in (index, out):
        if d.exists():
            shutil.rmtree(d)
    t0 = time.monotonic()
    p = run([args.sohoa, "ingest", corpus, "--index", index, "--jobs", str(args.jobs)])
    ingest_s = time.monotonic() - t0
    if p.returncode != 0:
        problems.append(f"sohoa ingest: exit {p.returncode}: {p.stderr.strip()[-400:]}")
        return None, None, ingest_s, problems
    if not has_export_pdf(args.sohoa):
        problems.append(
            f"{args.sohoa} has no `export --pdf` (`sohoa export --help` does not list it): "
            f"the sohoa PDFs cannot be made yet; ingest alone took {ingest_s:.1f} s for "
            f"{pages.count()} pages. Build a sohoa with `export --pdf` and run again.")
        return None, None, ingest_s, problems
    t1 = time.monotonic()
    p = run([args.sohoa, "export", "--pdf", out, "--per", "dossier", "--index", index])
    export_s = time.monotonic() - t1
    if p.returncode != 0:
        problems.append(f"sohoa export --pdf: exit {p.returncode}: {p.stderr.strip()[-400:]}")
        return None, None, ingest_s, problems

    # Page order of each dossier's PDF: the dossier's own, from show --json.
    # With the stored text's CER beside it: what the text layer started from.
    pdfs, order, stored = {}, {}, [0, 0]
    for dossier in pages.by_dossier:
        s = run([args.sohoa, "show", dossier, "--index", index, "--json"])
        if s.returncode != 0:
            problems.append(f"sohoa show {dossier}: {s.stderr.strip()}")
            continue
        shown = json.loads(s.stdout)
        order[dossier] = [(pg["file"], pg["file_page"] - 1) for pg in shown["pages"]]
        pdfs[dossier] = out / f"{dossier}.pdf"
        for pg in shown["pages"]:
            truth = pages.truth(dossier, pg["file"], pg["file_page"] - 1)
            if truth is not None:
                stored[0] += levenshtein(norm(truth), norm(pg["text"]))
                stored[1] += len(norm(truth))
    both = Result(f"sohoa ingest + export --pdf --per dossier (--jobs {args.jobs})")
    both.seconds = ingest_s + export_s
    problems += both.measure(pdfs, order, pages)
    alone = copy.copy(both)
    alone.name = "sohoa export --pdf alone (OCR already stored)"
    alone.seconds = export_s
    alone.note = "the same files"
    both.note = (f"ingest {ingest_s:.1f} s, export {export_s:.2f} s; "
                 f"CER of the stored text {stored[0] / max(1, stored[1]) * 100:.2f}%")
    return both, alone, ingest_s, problems


def table(rows: list[Result]) -> str:
    lines = ["| tool | pages | seconds | s/page | pages/s | PDF bytes/page | text CER "
             "(worst page) | CER, `-raw` order | qpdf --check | note |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---|---|"]
    for r in rows:
        spp = r.seconds / r.pages if r.pages and r.seconds is not None else None
        cer = r.cer()
        lines.append("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |".format(
            r.name, r.pages,
            f"{r.seconds:.2f}" if r.seconds is not None else "—",
            f"{spp:.3f}" if spp is not None else "—",
            f"{1 / spp:.2f}" if spp else "—",
            f"{r.bytes / r.pages:,.0f}" if r.pages and r.pdfs else "—",
            f"{cer * 100:.2f}% ({r.worst * 100:.2f}%)" if cer is not None else "—",
            f"{r.cer_raw() * 100:.2f}%" if cer is not None else "—",
            f"{r.qpdf_clean}/{r.pdfs} clean" if r.pdfs else "—",
            r.note))
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--work", type=Path, default=ROOT / "target" / "bench-pdf")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--sohoa", default=str(ROOT / "target" / "release" / "sohoa"))
    ap.add_argument("--ocrmypdf", default="ocrmypdf")
    ap.add_argument("--img2pdf", default="img2pdf")
    ap.add_argument("--samples", type=Path, default=ROOT / "samples")
    ap.add_argument("--files-at-once", type=int, default=1, metavar="N",
                    help="OCRmyPDF runs on N dossiers at once (default 1: one after another)")
    ap.add_argument("--skip-ocrmypdf", action="store_true")
    ap.add_argument("--skip-sohoa", action="store_true")
    ap.add_argument("--also-without-deskew", action="store_true",
                    help="also run OCRmyPDF without --deskew, which then embeds each scan "
                         "as it is (as sohoa does): the size of the same pages at the "
                         "scan's own fidelity")
    ap.add_argument("--json", type=Path, help="also write the results as JSON to FILE")
    args = ap.parse_args()

    missing = [t for t in ("pdftotext", "qpdf") if not tool(t)]
    if missing:
        print(f"pdf_peer: missing {', '.join(missing)} (apt-get install poppler-utils qpdf)",
              file=sys.stderr)
        return 2
    pages = Pages(args.samples)
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus"
    pages.copy_corpus(corpus)
    print(f"{pages.count()} pages with a true text, in {len(pages.by_dossier)} dossiers "
          f"({corpus})", file=sys.stderr)

    rows, problems, failed = [], [], False
    if not args.skip_ocrmypdf:
        found = [tool(args.ocrmypdf), tool(args.img2pdf)]
        if None in found:
            problems.append(f"OCRmyPDF side skipped: {args.ocrmypdf} or {args.img2pdf} not found "
                            f"(pip install ocrmypdf img2pdf; apt-get install ghostscript)")
            failed = True
        else:
            args.ocrmypdf, args.img2pdf = found
            print("running OCRmyPDF …", file=sys.stderr)
            r, p = ocrmypdf_side(args, pages, corpus, work)
            rows.append(r)
            problems += p
            failed |= bool(p)
            if args.also_without_deskew:
                print("running OCRmyPDF without --deskew …", file=sys.stderr)
                r, p = ocrmypdf_side(args, pages, corpus, work, deskew=False)
                rows.append(r)
                problems += p
                failed |= bool(p)
    sohoa_rows = []
    if not args.skip_sohoa:
        if not tool(args.sohoa):
            problems.append(f"sohoa side skipped: no {args.sohoa} (cargo build --release)")
            failed = True
        else:
            print("running sohoa …", file=sys.stderr)
            both, alone, ingest_s, p = sohoa_side(args, pages, corpus, work)
            problems += p
            failed |= bool(p)
            if both is None:
                r = Result(f"sohoa ingest only (--jobs {args.jobs}), no PDF")
                r.seconds, r.pages = ingest_s, pages.count()
                r.note = "`export --pdf` missing: nothing to measure but time"
                rows.append(r)
            else:
                sohoa_rows = [both, alone]
                rows += sohoa_rows

    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{pages.count()} pages, {len(pages.by_dossier)} dossiers, one PDF per dossier; "
          f"{os.cpu_count()} cores, load average at the end {load} (1/5/15 min)\n")
    print(table(rows))
    ocr = rows[0] if rows and rows[0].name.startswith("OCRmyPDF") and rows[0].pages else None
    if ocr and sohoa_rows:
        both = sohoa_rows[0]
        speed = (both.pages / both.seconds) / (ocr.pages / ocr.seconds)
        size = (both.bytes / both.pages) / (ocr.bytes / ocr.pages)
        print(f"\nsohoa vs OCRmyPDF: {speed:.1f}× the pages/s (goal ≥ 10×), "
              f"{size:.2f}× the bytes per page (goal ≤ 1), CER "
              f"{both.cer() * 100:.2f}% vs {ocr.cer() * 100:.2f}% (goal: lower; in the "
              f"order written, {both.cer_raw() * 100:.2f}% vs {ocr.cer_raw() * 100:.2f}%)")
    for p in problems:
        print(f"pdf_peer: {p}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps([r.json() for r in rows], ensure_ascii=False, indent=1)
                             + "\n", encoding="utf-8")
    return 2 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
