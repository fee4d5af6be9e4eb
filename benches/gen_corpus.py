#!/usr/bin/env python3
"""Render a benchmark corpus of scanned pages (not the samples' pages).

Usage:  python3 benches/gen_corpus.py OUT_DIR [PAGES]     (needs Pillow)

PAGES (default 12) pages in dossiers of three: a decision with the
two-column header, an application form and a list, for people drawn at
random (fixed seed), scanned as office scans would be: 300 dpi grey JPEG,
200 dpi grey PNG, some skewed by up to 2°, one in four at 150 dpi. The same
arguments give the same files.
"""
from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "samples"))

import generate as G  # noqa: E402
from generate import Page, header_two_col, motto_centred, title, fields_block  # noqa: E402

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Ngọc", "Quang", "Thu", "Hữu"]
GIVEN = ["An", "Bình", "Cúc", "Dũng", "Giang", "Hà", "Khoa", "Lan", "Mạnh", "Nga", "Phúc",
         "Quyên", "Sơn", "Tâm", "Uyên", "Việt", "Xuân", "Yến"]
COMMUNES = ["xã Tân Chi, huyện Tiên Du", "xã Đông Phong, huyện Yên Phong",
            "phường Vũ Ninh, thành phố Bắc Ninh", "xã Nhân Thắng, huyện Gia Bình"]


def person(rng: random.Random) -> dict:
    year = rng.randint(1950, 2000)
    female = rng.random() < 0.5
    cccd = f"027{(1 if female else 0) + (2 if year >= 2000 else 0)}{year % 100:02d}" \
           f"{rng.randint(0, 999999):06d}"
    return {"name": f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
            "dob": f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{year}",
            "cccd": cccd, "addr": rng.choice(COMMUNES) + ", tỉnh Bắc Ninh",
            "female": female}


def decision(rng: random.Random, who: dict, dpi: int) -> Page:
    p = Page(dpi)
    no = rng.randint(100, 999)
    header_two_col(p, ["UBND TỈNH BẮC NINH", "SỞ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI"],
                   f"Số: {no}/QĐ-SLĐTBXH", f"Bắc Ninh, ngày {rng.randint(1, 28)} tháng "
                   f"{rng.randint(1, 12)} năm {rng.randint(2019, 2024)}")
    title(p, ["QUYẾT ĐỊNH", "Về việc hỗ trợ người lao động"])
    p.para("Căn cứ Nghị quyết số 68/NQ-CP ngày 01 tháng 7 năm 2021 của Chính phủ về một "
           "số chính sách hỗ trợ người lao động và người sử dụng lao động gặp khó khăn;")
    p.para("Xét đề nghị của Trưởng phòng Lao động - Việc làm,")
    p.line("QUYẾT ĐỊNH:", style="b", align="center")
    amount = rng.choice([1_500_000, 1_855_000, 2_400_000, 3_710_000])
    money = f"{amount:,}".replace(",", ".")
    p.para(f"Điều 1. Hỗ trợ {'bà' if who['female'] else 'ông'} {who['name']}, sinh ngày "
           f"{who['dob']}, số CCCD {who['cccd']}, thường trú tại {who['addr']}, số tiền "
           f"{money} đồng.")
    p.para("Điều 2. Chánh Văn phòng Sở, Trưởng phòng Kế hoạch - Tài chính và người có tên "
           "tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.")
    return p


def application(who: dict, dpi: int) -> Page:
    p = Page(dpi)
    motto_centred(p)
    title(p, ["ĐƠN ĐỀ NGHỊ", "Hỗ trợ tiền thuê nhà"])
    p.line("Kính gửi: Ủy ban nhân dân xã", indent_mm=10)
    fields_block(p, [f"Họ và tên: {who['name']}", f"Ngày sinh: {who['dob']}",
                     f"Số CCCD: {who['cccd']}", f"Nơi thường trú: {who['addr']}"])
    p.para("Tôi làm đơn này đề nghị được xem xét hỗ trợ tiền thuê nhà theo quy định. Tôi "
           "xin cam đoan những thông tin trên là đúng sự thật./.")
    return p


def table(rng: random.Random, dpi: int) -> Page:
    p = Page(dpi)
    title(p, ["DANH SÁCH", "Người lao động được hỗ trợ"])
    rows = []
    for i in range(12):
        q = person(rng)
        rows.append([str(i + 1), q["name"], q["dob"][-4:], q["cccd"]])
    p.table([("STT", 0.08, "center"), ("Họ và tên", 0.38, "left"),
             ("Năm sinh", 0.20, "center"), ("Số CCCD", 0.34, "center")], rows, pt=11)
    return p


def main():
    out = Path(sys.argv[1])
    pages = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    if out.exists():
        shutil.rmtree(out)
    rng = random.Random(20261127)
    made = 0
    d = 0
    while made < pages:
        who = person(rng)
        folder = out / f"hồ sơ {d + 1:03d} - {who['name']}"
        folder.mkdir(parents=True)
        low = d % 4 == 3  # one dossier in four scanned at 150 dpi
        for k, make in enumerate((lambda dpi: decision(rng, who, dpi),
                                  lambda dpi: application(who, dpi),
                                  lambda dpi: table(rng, dpi))):
            if made == pages:
                break
            dpi = 150 if low else (300 if k < 2 else 200)
            page = make(dpi)
            img = G.scan(page, rng.randint(0, 10**6), angle=rng.uniform(-2.0, 2.0))
            if k == 2 and not low:
                img.save(folder / f"trang {k + 1}.png", "PNG", dpi=(dpi, dpi), optimize=True)
            else:
                G.save_jpeg(img, folder / f"trang {k + 1}.jpg", dpi, 82)
            made += 1
        d += 1
    print(f"{made} pages in {d} dossiers under {out}")


if __name__ == "__main__":
    main()
