#!/usr/bin/env python3
"""Assemble held-back multi-document dossiers for measuring the split of a
dossier into documents (văn bản), from pages the samples do not render.

Usage:  python3 samples/heldback.py OUT [REAL]
        (REAL defaults to ../shared/real beside the worktree, /work/shared/real)

Writes OUT/dossiers/<dossier>/<NN original name> (copies, in the order below)
and OUT/truth/<dossier>.json in the samples' truth format (see README.md),
with "pages" from the `.gt.txt` transcriptions and "documents" (first and last
page, and the type where the page prints a title). The pages come from
samples/degraded (generated, but never used to write the segmentation rules)
and the four real one-page documents of REAL; each source file is one whole
document, except "Lê Thị Mai", whose second page is the certificate's blank
back. The split of these dossiers was written down here before the rules were
run on them; the rules must not be tuned on them afterwards.

    sohoa ingest OUT/dossiers --index IDX
    sohoa eval --truth OUT/truth --index IDX     # "Documents (split)" lines
"""
from __future__ import annotations

import json
import shutil
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEGRADED = HERE / "degraded"

# (source folder, file, its documents: list of (pages in the file, doc_type))
SOURCES = {
    "tinhgia": ("real", "th-tinhgia-4113-2020", "trang1.png", [(1, "cong_van")]),
    "bvdk": ("real", "bn-bvdk-6191-2021", "trang1.png", [(1, "cong_van")]),
    "nd30": ("real", "nd-30-2020-photo", "trang1.jpg", [(1, "nghi_dinh")]),
    # A textbook page reproducing a school notice: one page, one document.
    "sgk": ("real", "sgk-vbhc-tr107", "trang1.jpg", [(1, None)]),
    "thongbao": ("deg", "Thông báo 600 dpi", "thong bao.jpg", [(1, "thong_bao")]),
    "qd1996": ("deg", "Quyết định 1996", "quyet dinh.jpg", [(1, "quyet_dinh")]),
    "ds1996": ("deg", "Quyết định 1996", "danh sach.jpg", [(1, "danh_sach")]),
    "fax": ("deg", "Công văn fax", "cong van.tif", [(1, "cong_van")]),
    "gcn": ("deg", "Lê Thị Mai", "trang 1.jpg", [(1, "giay_chung_nhan")]),
    # The blank back of the certificate: part of the certificate.
    "gcn_back": ("deg", "Lê Thị Mai", "trang 2.jpg", [(1, "+")]),
    "don": ("deg", "Vũ Văn Hải", "don de nghi.png", [(1, "don_de_nghi")]),
    "bienban": ("deg", "Biên bản photo", "bien ban.jpg", [(1, "bien_ban")]),
    # A decision and the list attached to it, in one PDF.
    "pdf": ("deg", "Trương Văn Sáu", "ho so.pdf", [(1, "quyet_dinh"), (1, "danh_sach")]),
}

DOSSIERS = {
    "ghép 1 hai công văn": ["tinhgia", "bvdk"],
    "ghép 2 nghị định thông báo": ["nd30", "thongbao", "sgk"],
    "ghép 3 quyết định danh sách công văn": ["qd1996", "ds1996", "fax"],
    "ghép 4 giấy chứng nhận đơn": ["gcn", "gcn_back", "don"],
    "ghép 5 biên bản hồ sơ pdf": ["bienban", "pdf"],
    "ghép 6 đơn giấy chứng nhận công văn": ["don", "gcn", "gcn_back", "bvdk"],
}


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    out = Path(sys.argv[1])
    real = Path(sys.argv[2]) if len(sys.argv) > 2 else HERE.parent.parent / "shared" / "real"
    for sub in ("dossiers", "truth"):
        if (out / sub).exists():
            shutil.rmtree(out / sub)
    for name, keys in DOSSIERS.items():
        name = nfc(name)
        folder = out / "dossiers" / name
        folder.mkdir(parents=True)
        pages, documents, page_no = [], [], 0
        for n, key in enumerate(keys, 1):
            kind, src, file, docs = SOURCES[key]
            base = (real if kind == "real" else DEGRADED) / src
            target = nfc(f"{n:02d} {file}")
            shutil.copyfile(base / file, folder / target)
            truth = (base / f"{file}.gt.txt").read_text(encoding="utf-8")
            for index, text in enumerate(truth.split("\f")):
                pages.append({"file": target, "index": index, "text": nfc(text)})
            for count, doc_type in docs:
                first, last = page_no + 1, page_no + count
                page_no = last
                if doc_type == "+":
                    documents[-1]["pages"][1] = last
                    continue
                doc = {"pages": [first, last]}
                if doc_type:
                    doc["doc_type"] = doc_type
                documents.append(doc)
        assert page_no == len(pages), name
        truth = {"dossier": name, "pages": pages, "documents": documents}
        path = out / "truth" / f"{name}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"{name}: {len(pages)} pages, {len(documents)} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
