#!/usr/bin/env python3
"""A blind held-back set of multi-document dossiers for the split into documents.

Usage:  python3 samples/gen_heldback.py OUT [--seed N]

Writes OUT/dossiers/<group>/<dossier>/<page files> (scanner-style names, page
order = natural order of the names, then page within a multi-page file) and
OUT/truth/<group>/<dossier>.json in the samples' truth format (README.md):
"dossier", "pages" (file, index, dpi, upright, text), "queries" and
"documents" for every dossier.  "fields" is left out on purpose: the set is
for the split, not for extraction.  --seed only changes the scan noise, skew
jitter and signatures, never the content or the split.

The templates and wording were written for this file (not copied from the
other sample generators) from the Nghị định 30/2020/NĐ-CP layout and the
forms of real dossiers of a Sở / Phòng LĐ-TB&XH (Hải Dương and Bắc Giang):
issuer block top left, motto top right, "Số: …", place and date, title,
trích yếu / "V/v", body, "Nơi nhận:" beside the signer, page numbers from
page 2 in the top margin.  Only the page primitives of generate.py (Page,
scan, fonts) are reused.

Boundary rules (decided when each dossier was written, truth first)
--------------------------------------------------------------------
A document (văn bản) starts at a page that carries its own heading (an
issuing-body block and/or the national motto and a title; for a citizen's
form the motto and the form title) and runs through its signature.  It also
owns:
  * continuation pages, with a page number at the top ("2", "- 2 -",
    "Trang 2/2") or without one, starting mid-sentence or mid-table, a table
    going on without its header row, or "(tiếp theo)" lines;
  * a last page holding only the final sentences, "Nơi nhận" and the signer;
  * a confirmation block printed on the form itself ("XÁC NHẬN CỦA UBND XÃ"
    at the foot of a tờ khai / đơn): part of that form, not a document;
  * the blank back of its last sheet (scanned duplex);
  * an appendix ("PHỤ LỤC", "DANH SÁCH … kèm theo Quyết định số …") that has
    no heading of its own (no issuing-body block, no "Số:", no place/date
    line) and only points to its parent with a "Kèm theo …" line: the
    appendix is part of the parent document ("kèm theo" rule).
An attachment that has its own issuing-body header, place/date line and
signer is a document of its own, even when it says "Kèm theo Tờ trình …"
(the list of dossier "Cận nghèo thôn Đông Cao").  A page stamped "BẢN SAO"
is a document like any other (the copy of one).  Two documents of the same
type one after another are two documents.

Values per document: doc_type is the slug of the document's title (Tờ khai
and Bản khai -> ban_khai; Đơn đề nghị / Đơn xin -> don_de_nghi; Giấy xác
nhận, Trích lục khai sinh, Giấy ủy quyền -> khac); document_no is the "Số:"
of its first page (null when none is printed); signed_date is the first
place/date line of the document (the declarant's date on a form that also
carries a commune confirmation), ISO, null when none is printed.
"""
from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import sys
import time
import unicodedata
import zlib
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate as G  # noqa: E402
from generate import Page, nfc  # noqa: E402

_DJV = Path("/usr/share/fonts/truetype/dejavu")
G.FONT_FILES.setdefault("h", _DJV / "DejaVuSans-Oblique.ttf")      # handwriting-ish
G.FONT_FILES.setdefault("hc", _DJV / "DejaVuSansCondensed-Oblique.ttf")

SEED = 0
HAND_INK = 60
MOTTO_1 = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_1b = "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_2 = "Độc lập - Tự do - Hạnh phúc"
SO_HD = ["UBND TỈNH HẢI DƯƠNG", "SỞ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI"]
SO_BG = ["UBND TỈNH BẮC GIANG", "SỞ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI"]


def fold(s: str) -> str:
    s = unicodedata.normalize("NFD", nfc(s).replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in s if unicodedata.category(c) != "Mn").lower()


# ---------------------------------------------------------------------------
# Page templates
# ---------------------------------------------------------------------------
def new_page(dpi: int) -> Page:
    return Page(dpi)


def landscape(dpi: int) -> Page:
    """An A4 page printed in landscape (a wide table)."""
    p = Page(dpi, margins_mm=(20, 20, 20, 15))
    p.w, p.h = p.h, p.w
    p.img = Image.new("L", (p.w, p.h), 255)
    p.draw = ImageDraw.Draw(p.img)
    p.top, p.bottom = p.mm(20), p.h - p.mm(15)
    p.left, p.right = p.mm(25), p.w - p.mm(20)
    p.y = p.top
    return p


def page_number(p: Page, s: str):
    """Page number centred in the top margin (ND 30: from page 2)."""
    assert not p.lines
    p.y = p.mm(9)
    p.line(s, align="center", pt=11)
    p.y = max(p.y, p.top)


def stamp(p: Page, s: str = "BẢN SAO"):
    """A rectangular copy stamp in the top-right margin."""
    assert not p.lines
    fnt = p.f("b", 13)
    w = fnt.getlength(s)
    x1 = p.right - p.mm(4)
    x0 = x1 - w
    y = p.mm(7)
    asc = fnt.getmetrics()[0]
    p.draw.text((x0, y + asc), s, font=fnt, fill=85, anchor="ls")
    pad = p.mm(2)
    lw = max(2, p.dpi // 100)
    p.draw.rectangle([x0 - pad, y - pad, x1 + pad, y + p.px(13) + pad], outline=85, width=lw)
    p.lines.append(nfc(s))
    p.y = max(p.y, p.top)


def header(p: Page, issuer: list[str], so: str | None, dateline: str | None,
           vv: list[str] | None = None, hpt=11.0, motto=MOTTO_1, split=0.42):
    """ND 30 header: issuer (+ Số, + V/v) left, motto (+ place/date) right."""
    left = []
    bold = issuer
    if len(issuer) > 1 and not issuer[0].startswith(("ỦY BAN", "TRUNG TÂM", "CÔNG TY")):
        left.append(dict(s=issuer[0], style="hr", pt=hpt))
        bold = issuer[1:]
    for i, b in enumerate(bold):
        left.append(dict(s=b, style="hb", pt=hpt, underline=0.4 if i == len(bold) - 1 else None))
    if so:
        left += [dict(space=4), dict(s=so, style="hr", pt=hpt)]
    for v in vv or []:
        left.append(dict(s=v, style="hr", pt=10))
    right = [dict(s=motto, style="hb", pt=hpt),
             dict(s=MOTTO_2, style="hb", pt=hpt + 0.5, underline=1.0)]
    if dateline:
        right += [dict(space=4), dict(s=dateline, style="i", pt=hpt)]
    p.columns(left, right, split=split, gap_mm=10, extend_left_mm=10, mode="blocks")
    p.space(12)


def motto_only(p: Page, motto=MOTTO_1, form_no: str | None = None):
    if form_no:
        p.line(form_no, style="i", pt=10.5, align="right")
    p.line(motto, style="b", align="center")
    p.line(MOTTO_2, style="b", align="center", underline=0.9)
    p.space(10)


def title(p: Page, lines: list[str]):
    p.line(lines[0], style="b", pt=14, align="center")
    for s in lines[1:]:
        p.line(s, style="b", align="center")
    p.space(6)


def centred(p: Page, s: str, style="r", pt=None):
    p.line(s, style=style, pt=pt, align="center")


def paras(p: Page, items: list[str], **kw):
    for s in items:
        p.para(s, **kw)


def lines_(p: Page, items: list[str], indent_mm=10.0, style="r"):
    for s in items:
        p.line(s, indent_mm=indent_mm, style=style)


def fill(p: Page, label: str, value: str, indent_mm=0.0, style="h"):
    """A form line: printed label, a faint dotted leader, the value written by
    hand (oblique sans, lighter ink, wavering baseline)."""
    label, value = nfc(label), nfc(value)
    fr, fh = p.f("r"), p.f(style, p.body_pt + 0.5)
    x = p.left + p.mm(indent_mm)
    base = p.y + fr.getmetrics()[0]
    p._text(x, base, label, fr)
    lx = x + fr.getlength(label) + fr.getlength(" ")
    # dotted leader: tiny light dots, a rule rather than text
    step = max(4, p.dpi // 50)
    r = max(1, p.dpi // 300)
    for dx in range(round(lx), round(p.right), step):
        p.draw.ellipse([dx, base + 2, dx + r, base + 2 + r], fill=175)
    vx = lx + p.mm(2)
    rng = random.Random(zlib.crc32(value.encode()) + SEED)
    for wd in value.split():
        jitter = rng.randint(-p.dpi // 100, p.dpi // 100)
        p._text(vx, base - p.dpi // 150 + jitter, wd, fh, fill=HAND_INK)
        vx += fh.getlength(wd) + fh.getlength(" ") * 1.1
    if vx > p.right + 2:
        raise RuntimeError(f"fill-in too wide: {label} {value}")
    p.lines.append(f"{label} {value}")
    p.y += p.lh()
    p._check()


def signer(p: Page, roles: list[str], name: str, seed: int,
           noinhan: list[str] | None = None, dateline: str | None = None,
           note: str | None = None, split=0.45, hand_name=False):
    left = []
    if noinhan:
        left = [dict(s="Nơi nhận:", style="bi", pt=11, align="left")]
        left += [dict(s=x, pt=10.5, align="left") for x in noinhan]
    right = []
    if dateline:
        right.append(dict(s=dateline, style="i", pt=11))
    right += [dict(s=r, style="b") for r in roles]
    if note:
        right.append(dict(s=note, style="i", pt=11))
    right += [dict(sign=True, seed=seed + SEED), dict(s=name, style="h" if hand_name else "b")]
    p.columns(left, right, split=split)


def two_signers(p: Page, a: tuple, b: tuple, seed: int, split=0.5):
    """Two signers side by side: (roles, name) each."""
    la = [dict(s=r, style="b", pt=11) for r in a[0]] + [dict(sign=True, seed=seed + SEED),
                                                 dict(s=a[1], style="b")]
    lb = [dict(s=r, style="b", pt=11) for r in b[0]] + [dict(sign=True, seed=seed + 1 + SEED),
                                                 dict(s=b[1], style="b")]
    p.columns(la, lb, split=split)


def table(p: Page, cols, rows, head=True, pt=10.5, row_em=1.7):
    """Book-style table (rules on top, under the header, at the bottom).
    head=False: a table going on from the previous page, no header row."""
    fb, fr = p.f("b", pt), p.f("r", pt)
    total = p.right - p.left
    xs = [p.left]
    for _, frac, _ in cols:
        xs.append(xs[-1] + total * frac)
    pad = p.mm(1.0)
    rh = round(p.px(pt) * row_em)
    lw = max(1, round(p.dpi / 150))

    def row(cells, fnt):
        asc = fnt.getmetrics()[0]
        base = p.y + (rh - p.px(pt)) / 2 + asc * 0.92
        for (_, _, al), x0, x1, c in zip(cols, xs, xs[1:], cells):
            c = nfc(c)
            w = fnt.getlength(c)
            if w > (x1 - x0) - 2 * pad:
                raise RuntimeError(f"cell too wide: {c!r}")
            x = x0 + (x1 - x0 - w) / 2 if al == "c" else (x1 - pad - w if al == "r" else x0 + pad)
            p._text(x, base, c, fnt)
        p.lines.append(" ".join(nfc(c) for c in cells if c != ""))
        p.y += rh

    p.draw.line([(xs[0], p.y), (xs[-1], p.y)], fill=G.INK, width=lw)
    if head:
        row([c[0] for c in cols], fb)
        p.draw.line([(xs[0], p.y), (xs[-1], p.y)], fill=G.INK, width=lw)
    for r in rows:
        row(r, fr)
    p.draw.line([(xs[0], p.y), (xs[-1], p.y)], fill=G.INK, width=lw)
    p.y += p.px(pt) // 2
    p._check()


# ---------------------------------------------------------------------------
# Scans
# ---------------------------------------------------------------------------
def office(p: Page, seed: int, angle: float, **kw) -> Image.Image:
    jit = random.Random(seed * 7 + SEED).uniform(-0.08, 0.08) if SEED else 0.0
    return G.scan(p, seed + SEED, angle + jit, **kw)


def photo(p: Page, seed: int, angle: float = 2.2, shadow: int = 120) -> Image.Image:
    """A phone photo of the sheet on a desk: paper smaller than the frame,
    tilted, a shadow falling across one side, soft focus, noisy."""
    rng = random.Random(seed + SEED)
    sheet = ImageChops.multiply(G.paper(p.img.size, 236, rng, uneven=8), p.img)
    W, H = round(p.w * 1.08), round(p.h * 1.06)
    canvas = Image.new("L", (W, H), 70)
    canvas.paste(sheet, ((W - p.w) // 2 + rng.randint(-20, 20), (H - p.h) // 2))
    canvas = canvas.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=70)
    # shadow of the phone / hand: dark on the right, falling off to the left
    ramp = Image.linear_gradient("L").transpose(Image.Transpose.ROTATE_90)
    ramp = ImageOps.mirror(ramp).resize((W, H))
    lut = [round(255 - (255 - shadow) * max(0.0, (v / 255 - 0.55) / 0.45) ** 1.4)
           for v in range(256)]
    canvas = ImageChops.multiply(canvas, ImageOps.mirror(ramp).point(lut))
    canvas = canvas.filter(ImageFilter.GaussianBlur(1.3 * p.dpi / 300))
    canvas = ImageChops.add(canvas, G.noise_image(canvas.size, 8.0, rng), 1.0, -128)
    return canvas


def blank_back(front: Page, seed: int) -> Image.Image:
    """The back of a sheet scanned duplex: paper, faint mirrored show-through,
    noise and dust."""
    rng = random.Random(seed + SEED)
    show = ImageOps.mirror(front.img).point(lambda v: 255 - (255 - v) * 8 // 255)
    back = ImageChops.multiply(G.paper(show.size, 239, rng, uneven=5), show)
    back = back.filter(ImageFilter.GaussianBlur(1.4 * front.dpi / 300))
    back = ImageChops.add(back, G.noise_image(back.size, 6.0, rng), 1.0, -128)
    dr = ImageDraw.Draw(back)
    for _ in range(50):
        x, y = rng.randrange(back.width), rng.randrange(back.height)
        r = rng.choice((1, 2, 2, 3))
        dr.ellipse([x, y, x + r, y + r], fill=rng.randrange(50, 150))
    return back


def jpeg(img: Image.Image, path: Path, dpi: int | None, q: int = 80):
    kw = dict(quality=q, optimize=True)
    if dpi:
        kw["dpi"] = (dpi, dpi)
    img.save(path, "JPEG", **kw)


# ---------------------------------------------------------------------------
# Dossier + truth
# ---------------------------------------------------------------------------
class Dossier:
    def __init__(self, out: Path, group: str, name: str):
        self.group, self.name = nfc(group), nfc(name)
        self.out = out
        self.dir = out / "dossiers" / self.group / self.name
        self.dir.mkdir(parents=True, exist_ok=True)
        self.pages: list[dict] = []
        self.docs: list[dict] = []
        self.queries: list[dict] = []

    def page(self, file: str, p: Page | None, img: Image.Image | None = None, q: int = 80,
             index: int = 0, upright=True, dpi=None, store_dpi=True, text=None,
             save=True):
        """Record one page (and save img as JPEG unless save=False)."""
        file = nfc(file)
        d = dpi or p.dpi
        if save:
            jpeg(img, self.dir / file, d if store_dpi else None, q)
        self.pages.append({"file": file, "index": index, "dpi": d, "upright": upright,
                           "text": p.text() if text is None else text})

    def doc(self, first: int, last: int, doc_type: str, no: str | None, date: str | None):
        self.docs.append({"pages": [first, last], "doc_type": doc_type,
                          "document_no": nfc(no) if no else None, "signed_date": date})

    def person(self, name: str):
        self.queries += [{"q": fold(name), "top": 3}, {"q": nfc(name), "top": 1}]

    def write(self):
        n = len(self.pages)
        # the documents tile the pages: consecutive, no gap, no overlap
        exp = 1
        for d in self.docs:
            assert d["pages"][0] == exp and d["pages"][1] >= d["pages"][0], (self.name, d)
            exp = d["pages"][1] + 1
        assert exp == n + 1, (self.name, exp, n)
        for pg in self.pages:
            assert pg["text"] == nfc(pg["text"]) and "ỵ" not in pg["text"].lower()
        truth = {"dossier": f"{self.group}/{self.name}", "pages": self.pages,
                 "queries": self.queries, "documents": self.docs}
        path = self.out / "truth" / self.group / f"{self.name}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return truth


# ---------------------------------------------------------------------------
# Reusable document bodies
# ---------------------------------------------------------------------------
def citizen_sign(p: Page, dateline: str, role: str, name: str, seed: int, note=True):
    p.space(4)
    signer(p, [role], name, seed, dateline=dateline,
           note="(Ký, ghi rõ họ tên)" if note else None, hand_name=True)


def commune_confirm(p: Page, commune: str, text: str, dateline: str, name: str, seed: int):
    p.space(4)
    centred(p, f"XÁC NHẬN CỦA ỦY BAN NHÂN DÂN XÃ {commune.upper()}", style="b")
    p.para(text)
    signer(p, ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], name, seed, dateline=dateline)


# ===========================================================================
# The dossiers
# ===========================================================================
def d01_pham_van_thinh(out):
    d = Dossier(out, "nguoi-co-cong", "Phạm Văn Thịnh")
    name, dpi = "Phạm Văn Thịnh", 250
    # p1-2: tờ khai (form, two pages, no page number, commune confirmation at the foot)
    p = new_page(dpi)
    motto_only(p, form_no="Mẫu số 09")
    title(p, ["TỜ KHAI", "Đề nghị giải quyết chế độ đối với người hoạt động",
              "kháng chiến bị nhiễm chất độc hóa học"])
    p.line("I. THÔNG TIN NGƯỜI KHAI", style="b")
    fill(p, "Họ và tên:", name)
    fill(p, "Ngày, tháng, năm sinh:", "15/06/1950")
    fill(p, "Giới tính:", "Nam")
    fill(p, "Số CCCD:", "030050004127")
    fill(p, "Quê quán:", "xã Hồng Dụ, huyện Ninh Giang")
    fill(p, "Nơi thường trú:", "thôn An Cư, xã Hồng Dụ")
    fill(p, "Số điện thoại:", "0976 215 338")
    p.space(4)
    p.line("II. QUÁ TRÌNH HOẠT ĐỘNG KHÁNG CHIẾN", style="b")
    paras(p, ["Tháng 4 năm 1968 nhập ngũ, huấn luyện tại Trung đoàn 8, sau đó vào chiến "
              "trường miền Nam, chiến đấu tại vùng Tây Ninh, Bình Long từ năm 1969 đến "
              "năm 1973, là vùng quân đội Mỹ sử dụng chất độc hóa học.",
              "Tháng 11 năm 1975 phục viên về địa phương, tham gia sản xuất nông "
              "nghiệp tại thôn An Cư, xã Hồng Dụ."])
    p.space(4)
    p.line("III. TÌNH TRẠNG BỆNH TẬT", style="b")
    p.para("Hiện nay tôi mắc bệnh thiếu máu cơ tim, tăng huyết áp, đã được Hội đồng "
           "giám định y khoa tỉnh Hải Dương kết luận tỷ lệ tổn thương cơ thể 61% tại "
           "Biên bản giám định y khoa số 215/GĐYK ngày 12 tháng 01 năm 2023.")
    d.page("scan0001.jpg", p, office(p, 1101, 0.4))
    p = new_page(dpi)
    p.line("IV. CON ĐẺ CỦA NGƯỜI KHAI", style="b")
    paras(p, ["Con thứ nhất: Phạm Văn Hào, sinh năm 1978, sức khỏe bình thường.",
              "Con thứ hai: Phạm Thị Hoài, sinh năm 1981, sức khỏe bình thường."])
    p.space(4)
    p.para("Tôi xin cam đoan những nội dung kê khai trên là đúng sự thật, nếu sai tôi "
           "xin chịu trách nhiệm trước pháp luật.")
    citizen_sign(p, "Hồng Dụ, ngày 06 tháng 3 năm 2023", "NGƯỜI KHAI", name, 11)
    commune_confirm(p, "Hồng Dụ",
                    "Ông Phạm Văn Thịnh hiện thường trú tại thôn An Cư, xã Hồng Dụ; những "
                    "nội dung ông kê khai trên là đúng với hồ sơ lưu tại địa phương.",
                    "Hồng Dụ, ngày 08 tháng 3 năm 2023", "Vũ Đình Tâm", 12)
    d.page("scan0002.jpg", p, office(p, 1102, -0.5))
    d.doc(1, 2, "ban_khai", None, "2023-03-06")
    # p3-4: biên bản of the commune board, page 2 numbered
    p = new_page(dpi)
    header(p, ["UBND XÃ HỒNG DỤ", "HỘI ĐỒNG XÁC NHẬN", "NGƯỜI CÓ CÔNG"], "Số: 03/BB-HĐXN",
           "Hồng Dụ, ngày 10 tháng 3 năm 2023")
    title(p, ["BIÊN BẢN", "Họp Hội đồng xác nhận người có công xã Hồng Dụ"])
    paras(p, ["Vào hồi 8 giờ 00 phút ngày 10 tháng 3 năm 2023, tại Hội trường Ủy ban "
              "nhân dân xã Hồng Dụ, Hội đồng xác nhận người có công xã họp xét hồ sơ đề "
              "nghị giải quyết chế độ đối với người hoạt động kháng chiến bị nhiễm chất "
              "độc hóa học.",
              "Thành phần gồm 07/07 thành viên Hội đồng:"])
    lines_(p, ["1. Ông Vũ Đình Tâm, Chủ tịch UBND xã, Chủ tịch Hội đồng;",
               "2. Bà Nguyễn Thị Huế, công chức LĐ-TB&XH, Thư ký;",
               "3. Ông Đặng Văn Thụ, Chủ tịch Hội Cựu chiến binh xã;",
               "4. Ông Phạm Hữu Lộc, Bí thư Đoàn xã;",
               "5. Bà Lê Thị Thoa, Chủ tịch Hội Liên hiệp phụ nữ xã;",
               "6. Ông Trần Văn Cử, Trưởng thôn An Cư;",
               "7. Ông Nguyễn Văn Đồng, Trưởng trạm y tế xã."])
    p.space(3)
    p.line("NỘI DUNG CUỘC HỌP", style="b", align="center")
    paras(p, ["Bà Nguyễn Thị Huế báo cáo hồ sơ của ông Phạm Văn Thịnh, sinh năm 1950, "
              "thường trú tại thôn An Cư, gồm: tờ khai, bản sao giấy xác nhận quá trình "
              "tham gia kháng chiến, biên bản giám định y khoa số 215/GĐYK.",
              "Các thành viên Hội đồng đối chiếu hồ sơ, lấy ý kiến của Hội Cựu chiến "
              "binh và nhân dân thôn An Cư; ý kiến đều thống nhất ông Phạm Văn Thịnh đã "
              "hoạt động tại vùng quân đội Mỹ sử dụng chất độc hóa học trong thời gian"])
    d.page("scan0003.jpg", p, office(p, 1103, 1.2))
    p = new_page(dpi)
    page_number(p, "2")
    paras(p, ["từ năm 1969 đến năm 1973, hiện bị bệnh, suy giảm khả năng lao động.",
              "Hội đồng biểu quyết: 07/07 thành viên nhất trí đề nghị Phòng Lao động - "
              "Thương binh và Xã hội huyện Ninh Giang xem xét, trình Sở Lao động - "
              "Thương binh và Xã hội tỉnh giải quyết chế độ cho ông Phạm Văn Thịnh.",
              "Cuộc họp kết thúc vào hồi 10 giờ 30 phút cùng ngày; biên bản đã được "
              "đọc lại cho các thành viên cùng nghe và nhất trí ký tên./."])
    p.space(8)
    two_signers(p, (["THƯ KÝ"], "Nguyễn Thị Huế"), (["CHỦ TỊCH HỘI ĐỒNG"], "Vũ Đình Tâm"), 13)
    d.page("scan0004.jpg", p, office(p, 1104, -0.3))
    d.doc(3, 4, "bien_ban", "03/BB-HĐXN", "2023-03-10")
    # p5: decision of the department
    p = new_page(dpi)
    header(p, SO_HD, "Số: 612/QĐ-SLĐTBXH", "Hải Dương, ngày 24 tháng 4 năm 2023")
    title(p, ["QUYẾT ĐỊNH", "Về việc trợ cấp hàng tháng đối với người hoạt động",
              "kháng chiến bị nhiễm chất độc hóa học"])
    centred(p, "GIÁM ĐỐC SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", style="b")
    centred(p, "TỈNH HẢI DƯƠNG", style="b")
    p.space(4)
    paras(p, ["Căn cứ Pháp lệnh Ưu đãi người có công với cách mạng ngày 09 tháng 12 "
              "năm 2020;",
              "Căn cứ Nghị định số 131/2021/NĐ-CP ngày 30 tháng 12 năm 2021 của Chính "
              "phủ quy định chi tiết và biện pháp thi hành Pháp lệnh Ưu đãi người có "
              "công với cách mạng;",
              "Xét đề nghị của Trưởng phòng Người có công,"], style="i")
    centred(p, "QUYẾT ĐỊNH:", style="b")
    paras(p, ["Điều 1. Trợ cấp hàng tháng đối với ông Phạm Văn Thịnh, sinh năm 1950, "
              "quê quán xã Hồng Dụ, huyện Ninh Giang, tỉnh Hải Dương, người hoạt động "
              "kháng chiến bị nhiễm chất độc hóa học, suy giảm khả năng lao động 61%.",
              "Mức trợ cấp: 2.622.000 đồng/tháng, kể từ ngày 01 tháng 5 năm 2023.",
              "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
              "Điều 3. Chánh Văn phòng Sở, Trưởng phòng Người có công, Trưởng phòng Lao "
              "động - Thương binh và Xã hội huyện Ninh Giang và ông Phạm Văn Thịnh chịu "
              "trách nhiệm thi hành Quyết định này./."])
    p.space(6)
    signer(p, ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Trịnh Quang Huấn", 14,
           noinhan=["- Như Điều 3;", "- BHXH tỉnh;", "- Lưu: VT, NCC."])
    d.page("scan0005.jpg", p, office(p, 1105, 0.25))
    d.doc(5, 5, "quyet_dinh", "612/QĐ-SLĐTBXH", "2023-04-24")
    d.person(name)
    return d.write()


def d02_doan_thi_nhan(out):
    d = Dossier(out, "nguoi-co-cong", "Đoàn Thị Nhàn")
    name, dpi = "Đoàn Thị Nhàn", 300
    p = new_page(dpi)
    motto_only(p, motto=MOTTO_1b)
    title(p, ["ĐƠN ĐỀ NGHỊ", "Hưởng trợ cấp tuất hàng tháng"])
    centred(p, "Kính gửi: Ủy ban nhân dân xã Đoàn Tùng, huyện Thanh Miện")
    p.space(6)
    fill(p, "Tôi tên là:", name)
    fill(p, "Sinh năm:", "1954")
    fill(p, "Số CCCD:", "030154002216")
    fill(p, "Nơi thường trú:", "thôn Đông Tứ, xã Đoàn Tùng")
    fill(p, "Quan hệ với liệt sĩ:", "Vợ")
    fill(p, "Họ và tên liệt sĩ:", "Nguyễn Văn Mịch")
    p.space(4)
    paras(p, ["Chồng tôi là liệt sĩ Nguyễn Văn Mịch, hi sinh ngày 20 tháng 6 năm 1972 "
              "tại mặt trận Quảng Trị, đã được Nhà nước cấp Bằng Tổ quốc ghi công.",
              "Hiện nay tôi đã cao tuổi, sống một mình, không có thu nhập ổn định. Tôi "
              "làm đơn này kính đề nghị Ủy ban nhân dân xã xác nhận và đề nghị cấp có "
              "thẩm quyền giải quyết trợ cấp tuất nuôi dưỡng hàng tháng cho tôi theo "
              "quy định.",
              "Tôi xin chân thành cảm ơn!"])
    citizen_sign(p, "Đoàn Tùng, ngày 14 tháng 8 năm 2023", "NGƯỜI LÀM ĐƠN", name, 21)
    d.page("trang 1.jpg", p, office(p, 1201, -0.4))
    d.doc(1, 1, "don_de_nghi", None, "2023-08-14")
    p = new_page(dpi)
    header(p, ["UBND HUYỆN THANH MIỆN", "ỦY BAN NHÂN DÂN", "XÃ ĐOÀN TÙNG"], "Số: 47/GXN-UBND",
           "Đoàn Tùng, ngày 16 tháng 8 năm 2023")
    title(p, ["GIẤY XÁC NHẬN", "Hoàn cảnh của thân nhân liệt sĩ"])
    paras(p, ["Ủy ban nhân dân xã Đoàn Tùng xác nhận:",
              "Bà Đoàn Thị Nhàn, sinh năm 1954, thường trú tại thôn Đông Tứ, xã Đoàn "
              "Tùng, huyện Thanh Miện, là vợ của liệt sĩ Nguyễn Văn Mịch.",
              "Bà Nhàn hiện sống cô đơn, không nơi nương tựa, không có lương hưu hay "
              "trợ cấp bảo hiểm xã hội hàng tháng.",
              "Giấy xác nhận này cấp để bà Đoàn Thị Nhàn bổ sung hồ sơ đề nghị hưởng trợ "
              "cấp tuất nuôi dưỡng./."])
    p.space(6)
    signer(p, ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Lê Văn Chuyên", 22,
           noinhan=["- Như trên;", "- Lưu: VP."])
    d.page("trang 2.jpg", p, office(p, 1202, 0.6))
    d.doc(2, 2, "khac", "47/GXN-UBND", "2023-08-16")
    # p3: decision, p4: its appendix (no heading of its own) -> one document
    p = new_page(dpi)
    header(p, SO_HD, "Số: 1347/QĐ-SLĐTBXH", "Hải Dương, ngày 05 tháng 10 năm 2023")
    title(p, ["QUYẾT ĐỊNH", "Về việc trợ cấp tuất nuôi dưỡng hàng tháng"])
    centred(p, "GIÁM ĐỐC SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", style="b")
    p.space(4)
    paras(p, ["Căn cứ Nghị định số 131/2021/NĐ-CP ngày 30 tháng 12 năm 2021 của Chính "
              "phủ;",
              "Căn cứ Nghị định số 55/2023/NĐ-CP ngày 21 tháng 7 năm 2023 của Chính phủ "
              "sửa đổi mức hưởng trợ cấp ưu đãi người có công với cách mạng;",
              "Xét hồ sơ và đề nghị của Trưởng phòng Người có công,"], style="i")
    centred(p, "QUYẾT ĐỊNH:", style="b")
    paras(p, ["Điều 1. Trợ cấp tuất nuôi dưỡng hàng tháng đối với thân nhân liệt sĩ "
              "có tên tại Phụ lục kèm theo Quyết định này, kể từ ngày 01 tháng 11 năm "
              "2023.",
              "Điều 2. Phòng Lao động - Thương binh và Xã hội huyện Thanh Miện có trách "
              "nhiệm chi trả trợ cấp theo đúng quy định.",
              "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Sở, "
              "Trưởng phòng Người có công, Trưởng phòng Lao động - Thương binh và Xã hội "
              "huyện Thanh Miện và các cá nhân có tên tại Phụ lục chịu trách nhiệm thi "
              "hành Quyết định này./."])
    p.space(6)
    signer(p, ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Trịnh Quang Huấn", 23,
           noinhan=["- Như Điều 3;", "- Lưu: VT, NCC."])
    d.page("trang 3.jpg", p, office(p, 1203, -0.3))
    p = new_page(dpi)
    title(p, ["PHỤ LỤC", "DANH SÁCH THÂN NHÂN LIỆT SĨ HƯỞNG TRỢ CẤP"])
    centred(p, "(Kèm theo Quyết định số 1347/QĐ-SLĐTBXH ngày 05/10/2023", style="i", pt=11)
    centred(p, "của Giám đốc Sở Lao động - Thương binh và Xã hội)", style="i", pt=11)
    p.space(6)
    table(p, [("STT", 0.07, "c"), ("Họ và tên", 0.25, "l"), ("Năm sinh", 0.14, "c"),
              ("Quan hệ", 0.13, "c"), ("Liệt sĩ", 0.23, "l"), ("Mức (đồng)", 0.18, "r")],
          [["1", "Đoàn Thị Nhàn", "1954", "Vợ", "Nguyễn Văn Mịch", "2.789.000"]])
    p.para("Tổng cộng: 01 người, số tiền 2.789.000 đồng/tháng.", first_indent_mm=0)
    d.page("trang 4.jpg", p, office(p, 1204, 0.35))
    d.doc(3, 4, "quyet_dinh", "1347/QĐ-SLĐTBXH", "2023-10-05")
    d.person(name)
    return d.write()


def d03_luong_van_khai(out):
    """Single document: a certificate photographed on a desk, then the blank back."""
    d = Dossier(out, "nguoi-co-cong", "Lương Văn Khải")
    name, dpi = "Lương Văn Khải", 250
    p = new_page(dpi)
    header(p, SO_HD, "Số: 2291/GCN-SLĐTBXH", "Hải Dương, ngày 18 tháng 12 năm 2022")
    title(p, ["GIẤY CHỨNG NHẬN", "THƯƠNG BINH"])
    p.para("Giám đốc Sở Lao động - Thương binh và Xã hội tỉnh Hải Dương chứng nhận:")
    lines_(p, ["Ông: LƯƠNG VĂN KHẢI", "Sinh năm: 1955", "Số CCCD: 030055001893",
               "Nguyên quán: xã Gia Tân, huyện Gia Lộc, tỉnh Hải Dương",
               "Nơi thường trú: thôn Thọ Xuân, xã Gia Tân, huyện Gia Lộc",
               "Cấp bậc, chức vụ khi bị thương: Hạ sĩ, chiến sĩ",
               "Đơn vị khi bị thương: Tiểu đoàn 2, Trung đoàn 64",
               "Bị thương ngày 07/01/1979 tại biên giới phía Bắc",
               "Tỷ lệ tổn thương cơ thể: 34%"])
    p.para("Là thương binh, được hưởng các chế độ ưu đãi theo quy định của Pháp lệnh "
           "Ưu đãi người có công với cách mạng./.")
    p.space(6)
    signer(p, ["GIÁM ĐỐC"], "Đào Xuân Quang", 31)
    d.page("IMG_2041.jpg", p, photo(p, 1301, angle=2.4), q=78, store_dpi=False)
    d.page("IMG_2042.jpg", None, blank_back(p, 1302), dpi=dpi, text="", store_dpi=False)
    d.doc(1, 2, "giay_chung_nhan", "2291/GCN-SLĐTBXH", "2022-12-18")
    d.person(name)
    return d.write()


def d04_qd_1520(out):
    """Single document over 3 pages: a decision and its two-page list (no heading
    of its own, 'Kèm theo Quyết định'): the list is part of the decision."""
    d = Dossier(out, "nguoi-co-cong", "QĐ 1520 điều chỉnh trợ cấp")
    dpi = 250
    p = new_page(dpi)
    header(p, ["UBND TỈNH HẢI DƯƠNG", "SỞ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI"],
           "Số: 1520/QĐ-SLĐTBXH", "Hải Dương, ngày 28 tháng 7 năm 2023")
    title(p, ["QUYẾT ĐỊNH", "Về việc điều chỉnh mức trợ cấp, phụ cấp ưu đãi",
              "đối với người có công với cách mạng"])
    centred(p, "GIÁM ĐỐC SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", style="b")
    p.space(4)
    paras(p, ["Căn cứ Nghị định số 55/2023/NĐ-CP ngày 21 tháng 7 năm 2023 của Chính phủ "
              "sửa đổi, bổ sung một số điều của Nghị định số 75/2021/NĐ-CP quy định mức "
              "hưởng trợ cấp, phụ cấp và các chế độ ưu đãi người có công với cách mạng;",
              "Xét đề nghị của Trưởng phòng Người có công,"], style="i")
    centred(p, "QUYẾT ĐỊNH:", style="b")
    paras(p, ["Điều 1. Điều chỉnh mức trợ cấp, phụ cấp ưu đãi hàng tháng đối với 24 "
              "người có công với cách mạng thuộc huyện Tứ Kỳ có tên trong Danh sách kèm "
              "theo Quyết định này, kể từ ngày 01 tháng 7 năm 2023.",
              "Điều 2. Phòng Lao động - Thương binh và Xã hội huyện Tứ Kỳ chi trả phần "
              "chênh lệch tháng 7 năm 2023 cùng kỳ chi trả tháng 8 năm 2023.",
              "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Sở, "
              "Trưởng phòng Người có công, Trưởng phòng Kế hoạch - Tài chính và Trưởng "
              "phòng Lao động - Thương binh và Xã hội huyện Tứ Kỳ chịu trách nhiệm thi "
              "hành Quyết định này./."])
    p.space(6)
    signer(p, ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Trịnh Quang Huấn", 41,
           noinhan=["- Như Điều 3;", "- Giám đốc Sở (b/c);", "- Lưu: VT, NCC."])
    d.page("001.jpg", p, office(p, 1401, 0.3))
    rng = random.Random(1520)
    people = []
    sur = ["Nguyễn", "Trần", "Phạm", "Vũ", "Đỗ", "Bùi", "Hoàng", "Lê", "Đinh", "Mạc"]
    mid_m, mid_f = ["Văn", "Hữu", "Đình", "Xuân"], ["Thị", "Thị", "Ngọc"]
    giv_m = ["Thuận", "Lộc", "Khoa", "Bảo", "Tiến", "Hợp", "Tuyên", "Sáng", "Chiến", "Phú"]
    giv_f = ["Lành", "Mận", "Thoa", "Xuyến", "Hảo", "Vân", "Nụ", "Dịu"]
    kinds = [("Thương binh", "1.987.000"), ("Bệnh binh", "2.455.000"),
             ("Thân nhân LS", "2.789.000"), ("CĐHH", "2.622.000")]
    communes = ["Quang Phục", "Tân Kỳ", "Đại Hợp", "Minh Đức", "Hà Kỳ", "Tiên Động"]
    while len(people) < 24:
        f = rng.random() < 0.3
        nm = f"{rng.choice(sur)} {rng.choice(mid_f if f else mid_m)} {rng.choice(giv_f if f else giv_m)}"
        if nm in [x[0] for x in people]:
            continue
        k = rng.choice(kinds)
        people.append((nm, str(rng.randint(1940, 1958)), rng.choice(communes), k[0], k[1]))
    cols = [("STT", 0.07, "c"), ("Họ và tên", 0.25, "l"), ("Năm sinh", 0.14, "c"),
            ("Xã", 0.16, "l"), ("Đối tượng", 0.21, "l"), ("Mức mới", 0.17, "r")]
    rows = [[str(i + 1), *x] for i, x in enumerate(people)]
    p = new_page(dpi)
    centred(p, "DANH SÁCH", style="b", pt=13)
    centred(p, "NGƯỜI CÓ CÔNG ĐIỀU CHỈNH MỨC TRỢ CẤP TỪ 01/7/2023", style="b")
    centred(p, "(Kèm theo Quyết định số 1520/QĐ-SLĐTBXH ngày 28/7/2023)", style="i", pt=11)
    p.line("Đơn vị tính: đồng/tháng", style="i", pt=10.5, align="right")
    table(p, cols, rows[:18])
    d.page("002.jpg", p, office(p, 1402, -0.45))
    p = new_page(dpi)
    page_number(p, "2")
    table(p, cols, rows[18:], head=False)
    p.para("Tổng số: 24 người./.", first_indent_mm=0)
    d.page("003.jpg", p, office(p, 1403, 0.5))
    d.doc(1, 3, "quyet_dinh", "1520/QĐ-SLĐTBXH", "2023-07-28")
    return d.write()


def d05_hoang_van_tu(out):
    d = Dossier(out, "ho-ngheo", "Hộ ông Hoàng Văn Tư")
    name, dpi = "Hoàng Văn Tư", 250
    f = lambda k: f"Scan_20231115_{k:04d}.jpg"
    p = new_page(dpi)
    motto_only(p)
    title(p, ["ĐƠN ĐỀ NGHỊ", "Xét duyệt, bổ sung hộ nghèo năm 2023"])
    centred(p, "Kính gửi: Ban giảm nghèo xã Cẩm Vũ")
    p.space(6)
    fill(p, "Họ và tên chủ hộ:", name)
    fill(p, "Năm sinh:", "1969")
    fill(p, "Số CCCD:", "030069007734")
    fill(p, "Địa chỉ:", "thôn Hoàng Xá, xã Cẩm Vũ, huyện Cẩm Giàng")
    fill(p, "Số nhân khẩu:", "05")
    p.space(4)
    paras(p, ["Gia đình tôi có 05 nhân khẩu, vợ tôi bị tai biến nằm một chỗ từ tháng 5 "
              "năm 2023, hai con đang đi học, thu nhập chủ yếu từ 2 sào ruộng và làm "
              "thuê theo mùa vụ, bình quân khoảng 1.200.000 đồng/người/tháng.",
              "Tôi làm đơn này đề nghị Ban giảm nghèo xã xem xét, bổ sung hộ gia đình "
              "tôi vào danh sách hộ nghèo năm 2023 để được hưởng các chính sách hỗ trợ "
              "của Nhà nước.",
              "Tôi xin cam đoan những nội dung trên là đúng sự thật./."])
    citizen_sign(p, "Cẩm Vũ, ngày 02 tháng 11 năm 2023", "NGƯỜI VIẾT ĐƠN", name, 51)
    d.page(f(1), p, office(p, 1501, -0.35))
    d.doc(1, 1, "don_de_nghi", None, "2023-11-02")
    p = new_page(dpi)
    header(p, ["UBND HUYỆN CẨM GIÀNG", "ỦY BAN NHÂN DÂN", "XÃ CẨM VŨ"], "Số: 112/BB-UBND",
           "Cẩm Vũ, ngày 08 tháng 11 năm 2023")
    title(p, ["BIÊN BẢN", "Kiểm tra, xác minh hộ gia đình đề nghị bổ sung hộ nghèo"])
    paras(p, ["Hôm nay, hồi 14 giờ 00 phút ngày 08 tháng 11 năm 2023, tại nhà ông Hoàng "
              "Văn Tư, thôn Hoàng Xá, xã Cẩm Vũ, Tổ công tác gồm:",
              "1. Ông Phạm Ngọc Lâm, Phó Chủ tịch UBND xã, Trưởng Ban giảm nghèo;",
              "2. Bà Đỗ Thị Lụa, công chức Văn hóa - Xã hội;",
              "3. Ông Nguyễn Hữu Phúc, Trưởng thôn Hoàng Xá.",
              "Đã tiến hành kiểm tra thực tế điều kiện sống của hộ ông Hoàng Văn Tư, kết "
              "quả như sau:",
              "Về nhà ở: nhà cấp 4 xây năm 1998, mái ngói đã xuống cấp, diện tích 42 m2, "
              "tường nứt, chưa có nhà vệ sinh hợp vệ sinh.",
              "Về tài sản: 01 xe máy cũ, 01 ti vi, không có tài sản có giá trị khác.",
              "Về thu nhập: thu từ trồng lúa và làm thuê, bình quân 1.150.000 "
              "đồng/người/tháng, thấp hơn chuẩn nghèo khu vực nông thôn theo Nghị định "
              "số 07/2021/NĐ-CP."])
    d.page(f(2), p, office(p, 1502, 0.55))
    p = new_page(dpi)   # continuation without a page number
    paras(p, ["Về mức độ thiếu hụt dịch vụ xã hội cơ bản: thiếu hụt chỉ số nhà ở, chỉ số "
              "nhà tiêu hợp vệ sinh và chỉ số y tế (người bệnh nặng dài ngày).",
              "Kết luận: Hộ ông Hoàng Văn Tư đủ điều kiện đưa vào danh sách bình xét bổ "
              "sung hộ nghèo năm 2023. Tổ công tác thống nhất trình Ban giảm nghèo xã tổ "
              "chức bình xét theo quy định.",
              "Biên bản lập xong hồi 15 giờ 30 phút cùng ngày, đã đọc lại cho các thành "
              "viên và chủ hộ cùng nghe, nhất trí ký tên./."])
    p.space(8)
    two_signers(p, (["CHỦ HỘ"], name), (["TRƯỞNG BAN GIẢM NGHÈO"], "Phạm Ngọc Lâm"), 52)
    d.page(f(3), p, office(p, 1503, -0.2))
    d.doc(2, 3, "bien_ban", "112/BB-UBND", "2023-11-08")
    p = new_page(dpi)
    header(p, ["UBND HUYỆN CẨM GIÀNG", "ỦY BAN NHÂN DÂN", "XÃ CẨM VŨ"], "Số: 58/TB-UBND",
           "Cẩm Vũ, ngày 20 tháng 11 năm 2023")
    title(p, ["THÔNG BÁO", "Kết quả bình xét bổ sung hộ nghèo năm 2023"])
    paras(p, ["Căn cứ kết quả họp bình xét của thôn Hoàng Xá ngày 15 tháng 11 năm 2023 "
              "và kết quả kiểm tra, xác minh của Tổ công tác, Ủy ban nhân dân xã Cẩm Vũ "
              "thông báo:",
              "Hộ ông Hoàng Văn Tư, thôn Hoàng Xá, có 05 nhân khẩu, được bình xét đủ "
              "điều kiện bổ sung vào danh sách hộ nghèo năm 2023 của xã.",
              "Thông báo này được niêm yết công khai tại trụ sở Ủy ban nhân dân xã và "
              "nhà văn hóa thôn Hoàng Xá trong thời gian 03 ngày làm việc. Mọi ý kiến "
              "phản ánh đề nghị gửi về Ban giảm nghèo xã trước ngày 24 tháng 11 năm "
              "2023./."])
    p.space(6)
    signer(p, ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Phạm Ngọc Lâm", 53,
           noinhan=["- UBND huyện (b/c);", "- Thôn Hoàng Xá;", "- Lưu: VP."])
    d.page(f(4), p, office(p, 1504, 0.4))
    d.doc(4, 4, "thong_bao", "58/TB-UBND", "2023-11-20")
    p = new_page(dpi)
    header(p, ["ỦY BAN NHÂN DÂN", "HUYỆN CẨM GIÀNG"], "Số: 3105/QĐ-UBND",
           "Cẩm Giàng, ngày 04 tháng 12 năm 2023")
    title(p, ["QUYẾT ĐỊNH", "Về việc công nhận bổ sung hộ nghèo năm 2023", "xã Cẩm Vũ"])
    centred(p, "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN CẨM GIÀNG", style="b")
    p.space(4)
    paras(p, ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
              "Căn cứ Nghị định số 07/2021/NĐ-CP ngày 27 tháng 01 năm 2021 của Chính phủ "
              "quy định chuẩn nghèo đa chiều giai đoạn 2021 - 2025;",
              "Xét đề nghị của Trưởng phòng Lao động - Thương binh và Xã hội huyện,"],
          style="i")
    centred(p, "QUYẾT ĐỊNH:", style="b")
    paras(p, ["Điều 1. Công nhận bổ sung hộ ông Hoàng Văn Tư, thôn Hoàng Xá, xã Cẩm Vũ "
              "là hộ nghèo năm 2023.",
              "Điều 2. Hộ gia đình có tên tại Điều 1 được hưởng các chính sách hỗ trợ "
              "đối với hộ nghèo theo quy định kể từ ngày Quyết định có hiệu lực.",
              "Điều 3. Chánh Văn phòng HĐND và UBND huyện, Trưởng phòng Lao động - "
              "Thương binh và Xã hội, Chủ tịch UBND xã Cẩm Vũ và hộ gia đình có tên tại "
              "Điều 1 chịu trách nhiệm thi hành Quyết định này./."])
    p.space(6)
    signer(p, ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Nguyễn Thế Hùng", 54,
           noinhan=["- Như Điều 3;", "- Lưu: VT."])
    d.page(f(5), p, office(p, 1505, -0.6))
    d.doc(5, 5, "quyet_dinh", "3105/QĐ-UBND", "2023-12-04")
    d.person(name)
    return d.write()


def d06_can_ngheo_dong_cao(out):
    """One bilevel multi-page TIFF: a submission and its list; the list has its own
    header, date and signer, so it is a document of its own."""
    d = Dossier(out, "ho-ngheo", "Cận nghèo thôn Đông Cao")
    dpi = 300
    p1 = new_page(dpi)
    header(p1, ["UBND HUYỆN KIM THÀNH", "ỦY BAN NHÂN DÂN", "XÃ KIM XUYÊN"],
           "Số: 87/TTr-UBND", "Kim Xuyên, ngày 12 tháng 12 năm 2023")
    title(p1, ["TỜ TRÌNH", "Về việc đề nghị công nhận hộ cận nghèo năm 2024",
               "thôn Đông Cao"])
    centred(p1, "Kính gửi: Ủy ban nhân dân huyện Kim Thành")
    p1.space(4)
    paras(p1, ["Căn cứ Quyết định số 24/2021/QĐ-TTg ngày 16 tháng 7 năm 2021 của Thủ "
               "tướng Chính phủ quy định quy trình rà soát hộ nghèo, hộ cận nghèo hằng "
               "năm;",
               "Căn cứ kết quả rà soát hộ nghèo, hộ cận nghèo năm 2023 tại thôn Đông Cao, "
               "Ủy ban nhân dân xã Kim Xuyên kính trình Ủy ban nhân dân huyện xem xét, "
               "công nhận 14 hộ cận nghèo năm 2024 của thôn Đông Cao (có danh sách kèm "
               "theo).",
               "Các hộ trên đã được niêm yết công khai, không có ý kiến thắc mắc, khiếu "
               "nại.",
               "Ủy ban nhân dân xã Kim Xuyên kính trình Ủy ban nhân dân huyện xem xét, "
               "quyết định./."])
    p1.space(6)
    signer(p1, ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Mạc Văn Toản", 61,
           noinhan=["- Như trên;", "- Phòng LĐ-TB&XH huyện;", "- Lưu: VP."])
    rng = random.Random(2024)
    sur = ["Nguyễn", "Mạc", "Phạm", "Vũ", "Lưu", "Đồng", "Trần", "Hoàng"]
    rows = []
    used = set()
    while len(rows) < 14:
        fem = rng.random() < 0.35
        nm = (f"{rng.choice(sur)} {'Thị' if fem else rng.choice(['Văn', 'Đức', 'Công'])} "
              f"{rng.choice(['Hạnh', 'Là', 'Huệ', 'Mơ']) if fem else rng.choice(['Khởi', 'Bằng', 'Quý', 'Ngọ', 'Thân', 'Hòa', 'Lập', 'Tình'])}")
        if nm in used:
            continue
        used.add(nm)
        rows.append([str(len(rows) + 1), nm, str(rng.randint(1950, 1990)),
                     str(rng.randint(2, 6)), rng.choice(["Đông Cao 1", "Đông Cao 2"])])
    cols = [("STT", 0.08, "c"), ("Họ và tên chủ hộ", 0.34, "l"), ("Năm sinh", 0.16, "c"),
            ("Số khẩu", 0.14, "c"), ("Xóm", 0.28, "l")]
    p2 = new_page(dpi)
    header(p2, ["UBND HUYỆN KIM THÀNH", "ỦY BAN NHÂN DÂN", "XÃ KIM XUYÊN"], None,
           "Kim Xuyên, ngày 12 tháng 12 năm 2023")
    title(p2, ["DANH SÁCH", "Hộ cận nghèo năm 2024 thôn Đông Cao"])
    centred(p2, "(Kèm theo Tờ trình số 87/TTr-UBND ngày 12/12/2023)", style="i", pt=11)
    p2.space(4)
    table(p2, cols, rows[:10])
    p3 = new_page(dpi)
    table(p3, cols, rows[10:], head=False)
    p3.para(f"Tổng cộng: 14 hộ, {sum(int(r[3]) for r in rows)} nhân khẩu.", first_indent_mm=0)
    p3.space(6)
    two_signers(p3, (["NGƯỜI LẬP BIỂU"], "Lưu Thị Bình"),
                (["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Mạc Văn Toản"), 62)
    imgs = [G.scan_bilevel(p1, 1601 + SEED, 0.3), G.scan_bilevel(p2, 1602 + SEED, -0.4),
            G.scan_bilevel(p3, 1603 + SEED, 0.6)]
    fn = "DS can ngheo Dong Cao.tif"
    imgs[0].save(d.dir / fn, save_all=True, append_images=imgs[1:], compression="group4",
                 dpi=(dpi, dpi))
    for i, p in enumerate((p1, p2, p3)):
        d.page(fn, p, index=i, save=False)
    d.doc(1, 1, "to_trinh", "87/TTr-UBND", "2023-12-12")
    d.doc(2, 3, "danh_sach", None, "2023-12-12")
    return d.write()


def d07_bui_thi_sen(out):
    d = Dossier(out, "ho-ngheo", "Bùi Thị Sen")
    name, dpi = "Bùi Thị Sen", 250
    p = new_page(dpi)
    motto_only(p)
    title(p, ["ĐƠN ĐỀ NGHỊ", "Cấp thẻ bảo hiểm y tế"])
    centred(p, "Kính gửi: Ủy ban nhân dân xã Quang Phục")
    p.space(6)
    fill(p, "Họ và tên:", name)
    fill(p, "Ngày sinh:", "22/09/1986")
    fill(p, "Giới tính:", "Nữ")
    fill(p, "Số CCCD:", "030186009251")
    fill(p, "Địa chỉ:", "thôn Lạc Dục, xã Quang Phục, huyện Tứ Kỳ")
    fill(p, "Mã số BHXH:", "3022187654")
    p.space(4)
    paras(p, ["Gia đình tôi thuộc hộ nghèo năm 2024 theo Giấy chứng nhận hộ nghèo do "
              "Ủy ban nhân dân xã cấp (bản sao kèm theo).",
              "Tôi đề nghị Ủy ban nhân dân xã lập danh sách đề nghị Bảo hiểm xã hội "
              "huyện Tứ Kỳ cấp thẻ bảo hiểm y tế năm 2024 cho tôi và 03 thành viên trong "
              "hộ theo quy định./."])
    citizen_sign(p, "Quang Phục, ngày 09 tháng 01 năm 2024", "NGƯỜI ĐỀ NGHỊ", name, 71)
    d.page("trang 1.jpg", p, office(p, 1701, 0.5))
    d.doc(1, 1, "don_de_nghi", None, "2024-01-09")
    p = new_page(dpi)
    stamp(p, "BẢN SAO")
    header(p, ["UBND HUYỆN TỨ KỲ", "ỦY BAN NHÂN DÂN", "XÃ QUANG PHỤC"], "Số: 21/GCN-UBND",
           "Quang Phục, ngày 03 tháng 01 năm 2024")
    title(p, ["GIẤY CHỨNG NHẬN", "HỘ NGHÈO"])
    paras(p, ["Ủy ban nhân dân xã Quang Phục chứng nhận:",
              "Hộ bà Bùi Thị Sen, thôn Lạc Dục, xã Quang Phục, huyện Tứ Kỳ, tỉnh Hải "
              "Dương là hộ nghèo năm 2024 theo Quyết định số 4012/QĐ-UBND ngày 28 tháng "
              "12 năm 2023 của Ủy ban nhân dân huyện Tứ Kỳ.",
              "Số thành viên trong hộ: 04 người.",
              "Giấy chứng nhận có giá trị đến ngày 31 tháng 12 năm 2024./."])
    p.space(6)
    signer(p, ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Đinh Công Tráng", 72)
    d.page("trang 2.jpg", p, office(p, 1702, -0.7))
    d.page("trang 3.jpg", None, blank_back(p, 1703), dpi=dpi, text="")
    d.doc(2, 3, "giay_chung_nhan", "21/GCN-UBND", "2024-01-03")
    d.person(name)
    return d.write()


def d08_nguyen_van_luc(out):
    d = Dossier(out, "tro-cap-xa-hoi", "Nguyễn Văn Lực")
    name, dpi = "Nguyễn Văn Lực", 250
    p = new_page(dpi)
    motto_only(p, form_no="Mẫu số 1a")
    title(p, ["TỜ KHAI ĐỀ NGHỊ TRỢ GIÚP XÃ HỘI", "(Áp dụng đối với người cao tuổi)"])
    p.line("I. THÔNG TIN CỦA ĐỐI TƯỢNG", style="b")
    fill(p, "1. Họ và tên:", name)
    fill(p, "Ngày, tháng, năm sinh:", "03/02/1943")
    fill(p, "Giới tính:", "Nam")
    fill(p, "Số CCCD:", "030043000518")
    fill(p, "2. Nơi thường trú:", "thôn Phú Khê, xã Gia Tân")
    fill(p, "3. Tình trạng hôn nhân:", "Góa vợ")
    fill(p, "4. Số con:", "Không có")
    fill(p, "5. Có lương hưu hay trợ cấp không:", "Không")
    p.space(4)
    p.line("II. THÔNG TIN NGƯỜI CÓ NGHĨA VỤ PHỤNG DƯỠNG", style="b")
    p.para("Ông Nguyễn Văn Lực không có người có nghĩa vụ và quyền phụng dưỡng theo "
           "quy định của pháp luật về hôn nhân và gia đình.")
    p.space(4)
    p.line("III. HOÀN CẢNH SỐNG", style="b")
    p.para("Hiện ông sống một mình trong căn nhà cấp 4 do cháu họ xây giúp năm 2010; "
           "sức khỏe yếu, thường xuyên đau khớp, không còn khả năng lao động, không có "
           "thu nhập.")
    d.page("trang 1.jpg", p, office(p, 1801, -0.25))
    p = new_page(dpi)   # page 2 of the form: no number, confirmation at the foot
    p.line("IV. ĐỀ NGHỊ", style="b")
    p.para("Tôi đề nghị được hưởng trợ cấp xã hội hàng tháng dành cho người cao tuổi "
           "cô đơn thuộc hộ nghèo theo Nghị định số 20/2021/NĐ-CP của Chính phủ.")
    p.para("Tôi xin cam đoan những lời khai trên là đúng sự thật, nếu có điều gì khai "
           "không đúng, tôi xin chịu trách nhiệm hoàn toàn.")
    citizen_sign(p, "Gia Tân, ngày 11 tháng 4 năm 2023", "NGƯỜI KHAI", name, 81)
    commune_confirm(p, "Gia Tân",
                    "Ủy ban nhân dân xã Gia Tân xác nhận ông Nguyễn Văn Lực có hộ khẩu "
                    "thường trú tại thôn Phú Khê và những thông tin kê khai trên là đúng.",
                    "Gia Tân, ngày 12 tháng 4 năm 2023", "Bùi Văn Khang", 82)
    d.page("trang 2.jpg", p, office(p, 1802, 0.45))
    d.doc(1, 2, "ban_khai", None, "2023-04-11")
    p = new_page(dpi)
    header(p, ["UBND HUYỆN GIA LỘC", "ỦY BAN NHÂN DÂN", "XÃ GIA TÂN"], "Số: 09/BB-HĐXD",
           "Gia Tân, ngày 20 tháng 4 năm 2023")
    title(p, ["BIÊN BẢN", "Họp Hội đồng xét duyệt trợ giúp xã hội"])
    paras(p, ["Hồi 14 giờ 00 ngày 20 tháng 4 năm 2023, tại Ủy ban nhân dân xã Gia Tân, "
              "Hội đồng xét duyệt trợ giúp xã hội xã họp xét duyệt hồ sơ đề nghị trợ cấp "
              "xã hội hàng tháng.",
              "Chủ trì: ông Bùi Văn Khang, Chủ tịch UBND xã, Chủ tịch Hội đồng.",
              "Thư ký: bà Vũ Thị Nhài, công chức Lao động - Thương binh và Xã hội.",
              "Hội đồng đã xem xét hồ sơ của ông Nguyễn Văn Lực, sinh năm 1943, thôn Phú "
              "Khê, người cao tuổi cô đơn thuộc hộ nghèo, không có người có nghĩa vụ "
              "phụng dưỡng.",
              "Kết quả biểu quyết: 09/09 thành viên dự họp nhất trí đề nghị Chủ tịch Ủy "
              "ban nhân dân huyện Gia Lộc quyết định trợ cấp xã hội hàng tháng đối với "
              "ông Nguyễn Văn Lực, hệ số 1,5.",
              "Cuộc họp kết thúc hồi 15 giờ 00 cùng ngày./."])
    p.space(6)
    two_signers(p, (["THƯ KÝ"], "Vũ Thị Nhài"), (["CHỦ TỊCH HỘI ĐỒNG"], "Bùi Văn Khang"), 83)
    d.page("trang 3.jpg", p, office(p, 1803, 0.2))
    d.doc(3, 3, "bien_ban", "09/BB-HĐXD", "2023-04-20")
    p = new_page(dpi)
    header(p, ["UBND HUYỆN GIA LỘC", "ỦY BAN NHÂN DÂN", "XÃ GIA TÂN"], "Số: 31/TTr-UBND",
           "Gia Tân, ngày 21 tháng 4 năm 2023")
    title(p, ["TỜ TRÌNH", "Đề nghị trợ cấp xã hội hàng tháng"])
    centred(p, "Kính gửi: Phòng Lao động - Thương binh và Xã hội huyện Gia Lộc")
    p.space(4)
    paras(p, ["Căn cứ Nghị định số 20/2021/NĐ-CP ngày 15 tháng 3 năm 2021 của Chính phủ "
              "quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội;",
              "Căn cứ Biên bản họp Hội đồng xét duyệt trợ giúp xã hội xã ngày 20 tháng 4 "
              "năm 2023,",
              "Ủy ban nhân dân xã Gia Tân đề nghị Phòng Lao động - Thương binh và Xã hội "
              "thẩm định, trình Chủ tịch Ủy ban nhân dân huyện quyết định trợ cấp xã hội "
              "hàng tháng đối với ông Nguyễn Văn Lực, sinh năm 1943, thôn Phú Khê.",
              "Hồ sơ gửi kèm: tờ khai của đối tượng, biên bản họp Hội đồng./."])
    p.space(6)
    signer(p, ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Bùi Văn Khang", 84,
           noinhan=["- Như trên;", "- Lưu: VP."])
    d.page("trang 4.jpg", p, office(p, 1804, -0.4))
    d.doc(4, 4, "to_trinh", "31/TTr-UBND", "2023-04-21")
    p = new_page(dpi)   # scanned upside down
    header(p, ["ỦY BAN NHÂN DÂN", "HUYỆN GIA LỘC"], "Số: 1877/QĐ-UBND",
           "Gia Lộc, ngày 10 tháng 5 năm 2023")
    title(p, ["QUYẾT ĐỊNH", "Về việc trợ cấp xã hội hàng tháng"])
    centred(p, "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN GIA LỘC", style="b")
    p.space(4)
    paras(p, ["Căn cứ Nghị định số 20/2021/NĐ-CP ngày 15 tháng 3 năm 2021 của Chính phủ;",
              "Xét đề nghị của Trưởng phòng Lao động - Thương binh và Xã hội,"], style="i")
    centred(p, "QUYẾT ĐỊNH:", style="b")
    paras(p, ["Điều 1. Trợ cấp xã hội hàng tháng đối với ông Nguyễn Văn Lực, sinh năm "
              "1943, thôn Phú Khê, xã Gia Tân, người cao tuổi cô đơn thuộc hộ nghèo.",
              "Mức trợ cấp: 540.000 đồng/tháng (hệ số 1,5 nhân mức chuẩn 360.000 đồng), "
              "kể từ tháng 5 năm 2023. Ông Nguyễn Văn Lực được cấp thẻ bảo hiểm y tế "
              "theo quy định.",
              "Điều 2. Quyết định có hiệu lực kể từ ngày ký. Chánh Văn phòng HĐND và "
              "UBND huyện, Trưởng phòng Lao động - Thương binh và Xã hội, Chủ tịch UBND "
              "xã Gia Tân và ông Nguyễn Văn Lực chịu trách nhiệm thi hành Quyết định "
              "này./."])
    p.space(6)
    signer(p, ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Tăng Văn Hiển", 85,
           noinhan=["- Như Điều 2;", "- Lưu: VT."])
    d.page("trang 5.jpg", p, office(p, 1805, 0.35).rotate(180), upright=False)
    d.doc(5, 5, "quyet_dinh", "1877/QĐ-UBND", "2023-05-10")
    d.person(name)
    return d.write()


def d09_tran_thi_gai(out):
    d = Dossier(out, "tro-cap-xa-hoi", "Trần Thị Gái")
    name, dpi = "Trần Thị Gái", 250
    p = new_page(dpi)
    motto_only(p)
    title(p, ["ĐƠN ĐỀ NGHỊ", "Xác định, xác định lại mức độ khuyết tật"])
    centred(p, "Kính gửi: Chủ tịch Ủy ban nhân dân xã Hồng Phong")
    p.space(6)
    fill(p, "Họ và tên người khuyết tật:", name)
    fill(p, "Sinh ngày:", "17/11/1979")
    fill(p, "Số CCCD:", "030179011406")
    fill(p, "Nơi ở:", "thôn Đồng Xá, xã Hồng Phong, huyện Ninh Giang")
    fill(p, "Người đại diện:", "Trần Văn Xuân (bố đẻ)")
    p.space(4)
    paras(p, ["Con gái tôi bị bại liệt từ nhỏ, đi lại rất khó khăn, không tự phục vụ "
              "được sinh hoạt cá nhân hằng ngày.",
              "Tôi đề nghị Hội đồng xác định mức độ khuyết tật xã xem xét, xác định mức "
              "độ khuyết tật và cấp Giấy xác nhận khuyết tật cho con tôi./."])
    citizen_sign(p, "Hồng Phong, ngày 05 tháng 6 năm 2023", "NGƯỜI VIẾT ĐƠN",
                 "Trần Văn Xuân", 91)
    d.page("IMG_5501.jpg", p, office(p, 1901, 0.3))
    d.doc(1, 1, "don_de_nghi", None, "2023-06-05")
    p = new_page(dpi)
    header(p, ["UBND XÃ HỒNG PHONG", "HỘI ĐỒNG XÁC ĐỊNH", "MỨC ĐỘ KHUYẾT TẬT"],
           "Số: 06/BB-HĐXĐKT", "Hồng Phong, ngày 16 tháng 6 năm 2023")
    title(p, ["BIÊN BẢN", "Xác định mức độ khuyết tật"])
    paras(p, ["Hôm nay, ngày 16 tháng 6 năm 2023, tại trạm y tế xã Hồng Phong, Hội đồng "
              "xác định mức độ khuyết tật xã tiến hành xác định mức độ khuyết tật đối "
              "với bà Trần Thị Gái, sinh ngày 17/11/1979, thôn Đồng Xá.",
              "Thành phần Hội đồng gồm: ông Lê Hữu Nghị, Chủ tịch UBND xã, Chủ tịch Hội "
              "đồng; bà Phạm Thị Quyên, Trạm trưởng Trạm y tế; bà Đỗ Thị Xoan, công chức "
              "Lao động - Thương binh và Xã hội; ông Vũ Văn Lễ, Chủ tịch Hội Người cao "
              "tuổi; bà Hoàng Thị Nhung, Chủ tịch Hội Liên hiệp phụ nữ xã.",
              "Phương pháp xác định: quan sát trực tiếp và đánh giá đơn giản theo bộ câu "
              "hỏi về các hoạt động đi lại, ăn uống, đại tiện, tiểu tiện, vệ sinh cá "
              "nhân, mặc quần áo, giao tiếp.",
              "Kết quả xác định: dạng tật vận động; bà Trần Thị Gái không thực hiện được "
              "các hoạt động đi lại, mặc quần áo, vệ sinh cá nhân mà cần có người trợ "
              "giúp hoàn toàn.",
              "Kết luận: mức độ khuyết tật đặc biệt nặng.",
              "Biên bản được lập thành 03 bản, có giá trị như nhau, 01 bản gửi người "
              "khuyết tật, 02 bản lưu hồ sơ tại Ủy ban nhân dân xã./."])
    d.page("IMG_5502.jpg", p, office(p, 1902, -0.5))
    p = new_page(dpi)   # last page: only the signatures
    page_number(p, "- 2 -")
    p.space(6)
    two_signers(p, (["THƯ KÝ HỘI ĐỒNG"], "Đỗ Thị Xoan"), (["CHỦ TỊCH HỘI ĐỒNG"], "Lê Hữu Nghị"),
                92)
    p.space(8)
    two_signers(p, (["ĐẠI DIỆN NGƯỜI KHUYẾT TẬT"], "Trần Văn Xuân"),
                (["TRẠM TRƯỞNG TRẠM Y TẾ"], "Phạm Thị Quyên"), 94)
    d.page("IMG_5503.jpg", p, office(p, 1903, 0.4))
    d.doc(2, 3, "bien_ban", "06/BB-HĐXĐKT", "2023-06-16")
    p = new_page(dpi)   # a phone photo of the certificate
    header(p, ["UBND HUYỆN NINH GIANG", "ỦY BAN NHÂN DÂN", "XÃ HỒNG PHONG"],
           "Số: 15/GXNKT", "Hồng Phong, ngày 20 tháng 6 năm 2023")
    title(p, ["GIẤY XÁC NHẬN KHUYẾT TẬT"])
    lines_(p, ["Họ và tên: Trần Thị Gái", "Ngày, tháng, năm sinh: 17/11/1979",
               "Giới tính: Nữ", "Nơi thường trú: thôn Đồng Xá, xã Hồng Phong",
               "Dạng khuyết tật: Khuyết tật vận động",
               "Mức độ khuyết tật: Khuyết tật đặc biệt nặng"])
    p.para("Giấy xác nhận có giá trị kể từ ngày ký./.")
    p.space(6)
    signer(p, ["CHỦ TỊCH"], "Lê Hữu Nghị", 96)
    d.page("IMG_5504.jpg", p, photo(p, 1904, angle=-1.8, shadow=105), q=76, store_dpi=False)
    d.doc(4, 4, "khac", "15/GXNKT", "2023-06-20")
    d.person(name)
    return d.write()


def d10_chi_tra_t10(out):
    """Single document, 3 pages: a payment list whose table runs on without header."""
    d = Dossier(out, "tro-cap-xa-hoi", "Danh sách chi trả tháng 10-2023")
    dpi = 200
    rng = random.Random(102023)
    sur = ["Nguyễn", "Trần", "Vũ", "Phạm", "Đào", "Bùi", "Lê", "Đặng", "Nhữ", "Tăng"]
    rows = []
    used = set()
    objs = [("NCT trên 80", "360.000"), ("NKT nặng", "540.000"), ("NKT đặc biệt nặng", "720.000"),
            ("Trẻ mồ côi", "900.000"), ("Đơn thân nghèo", "360.000")]
    while len(rows) < 46:
        fem = rng.random() < 0.55
        nm = (f"{rng.choice(sur)} {'Thị' if fem else rng.choice(['Văn', 'Đình', 'Quang'])} "
              f"{rng.choice(['Lan', 'Mùi', 'Tươi', 'Hiên', 'Gấm', 'Huyền', 'Thơm']) if fem else rng.choice(['Thiện', 'Tạo', 'Khiêm', 'Cảnh', 'Điệp', 'Nghĩa', 'Hoan'])}")
        if nm in used:
            continue
        used.add(nm)
        o = rng.choice(objs)
        rows.append([str(len(rows) + 1), nm, rng.choice(["Đông Tứ", "Lạc Thủy", "Hòa Bình", "Phương Quan"]),
                     o[0], o[1], ""])
    cols = [("STT", 0.07, "c"), ("Họ và tên", 0.25, "l"), ("Thôn", 0.18, "l"),
            ("Đối tượng", 0.24, "l"), ("Số tiền", 0.13, "r"), ("Ký nhận", 0.13, "c")]
    p = new_page(dpi)
    header(p, ["UBND HUYỆN THANH MIỆN", "ỦY BAN NHÂN DÂN", "XÃ ĐOÀN TÙNG"], "Số: 64/DS-UBND",
           None)
    title(p, ["DANH SÁCH CHI TRẢ TRỢ CẤP XÃ HỘI", "Tháng 10 năm 2023"])
    p.line("Đơn vị tính: đồng", style="i", pt=10.5, align="right")
    table(p, cols, rows[:20], pt=10.5)
    d.page("DS chi tra T10 1.jpg", p, office(p, 2001, 0.5), q=82)
    p = new_page(dpi)
    page_number(p, "2")
    table(p, cols, rows[20:42], head=False, pt=10.5)
    d.page("DS chi tra T10 2.jpg", p, office(p, 2002, -0.4), q=82)
    p = new_page(dpi)
    page_number(p, "3")
    table(p, cols, rows[42:], head=False, pt=10.5)
    tot = sum(int(r[4].replace(".", "")) for r in rows)
    p.para(f"Tổng cộng: 46 người, số tiền {G.money(tot)} đồng.", first_indent_mm=0)
    p.space(4)
    p.columns([], [dict(s="Đoàn Tùng, ngày 05 tháng 10 năm 2023", style="i")], split=0.45)
    p.space(2)
    two_signers(p, (["NGƯỜI LẬP"], "Đỗ Thị Hằng"),
                (["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Lê Văn Chuyên"), 101)
    d.page("DS chi tra T10 3.jpg", p, office(p, 2003, 0.3), q=82)
    d.doc(1, 3, "danh_sach", "64/DS-UBND", "2023-10-05")
    return d.write()


def d11_vi_van_thang(out):
    d = Dossier(out, "lao-dong-ngoai-nuoc", "Vi Văn Thắng")
    name, dpi = "Vi Văn Thắng", 250
    p = new_page(dpi)
    motto_only(p)
    title(p, ["ĐƠN ĐĂNG KÝ", "Dự tuyển đi làm việc tại Hàn Quốc", "theo Chương trình EPS"])
    centred(p, "Kính gửi: Trung tâm Dịch vụ việc làm tỉnh Bắc Giang")
    p.space(6)
    fill(p, "Họ và tên:", name)
    fill(p, "Ngày sinh:", "08/03/1998")
    fill(p, "Dân tộc:", "Nùng")
    fill(p, "Số CCCD:", "024098005163")
    fill(p, "Nơi thường trú:", "thôn Khuôn Thần, xã Kiên Lao, huyện Lục Ngạn")
    fill(p, "Số điện thoại:", "0398 441 706")
    fill(p, "Trình độ học vấn:", "12/12")
    fill(p, "Ngành đăng ký:", "Sản xuất chế tạo")
    p.space(4)
    paras(p, ["Tôi đã tìm hiểu kỹ các quy định về Chương trình EPS, tự nguyện đăng ký dự "
              "tuyển và cam kết chấp hành nghiêm các quy định của Việt Nam và Hàn Quốc, "
              "về nước đúng hạn khi hết hợp đồng lao động.",
              "Kính đề nghị Trung tâm xem xét, tiếp nhận hồ sơ dự tuyển của tôi./."])
    citizen_sign(p, "Lục Ngạn, ngày 21 tháng 02 năm 2023", "NGƯỜI ĐĂNG KÝ", name, 111)
    d.page("scan0001.jpg", p, office(p, 2101, -0.3))
    d.doc(1, 1, "don_de_nghi", None, "2023-02-21")
    p = new_page(dpi)
    header(p, ["UBND HUYỆN LỤC NGẠN", "ỦY BAN NHÂN DÂN", "XÃ KIÊN LAO"], "Số: 19/XN-UBND",
           "Kiên Lao, ngày 20 tháng 02 năm 2023")
    title(p, ["GIẤY XÁC NHẬN", "Cư trú và nhân thân"])
    paras(p, ["Ủy ban nhân dân xã Kiên Lao xác nhận:",
              "Anh Vi Văn Thắng, sinh ngày 08/03/1998, số CCCD 024098005163, thường trú "
              "tại thôn Khuôn Thần, xã Kiên Lao, huyện Lục Ngạn, tỉnh Bắc Giang.",
              "Trong thời gian cư trú tại địa phương, anh Vi Văn Thắng chấp hành tốt chủ "
              "trương, chính sách của Đảng và pháp luật của Nhà nước, không vi phạm pháp "
              "luật, chưa từng đi làm việc tại Hàn Quốc.",
              "Giấy xác nhận này có giá trị trong thời hạn 06 tháng kể từ ngày ký./."])
    p.space(6)
    signer(p, ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Lương Văn Sình", 112,
           noinhan=["- Như trên;", "- Lưu: VP."])
    d.page("scan0002.jpg", p, office(p, 2102, 0.8))
    d.doc(2, 2, "khac", "19/XN-UBND", "2023-02-20")
    # two-page contract, page 2 with "Trang 2/2"
    p = new_page(dpi)
    header(p, ["SỞ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI TỈNH BẮC GIANG", "TRUNG TÂM DỊCH VỤ",
               "VIỆC LÀM"], "Số: 0231/2023/HĐ-TTDVVL", "Bắc Giang, ngày 14 tháng 9 năm 2023")
    title(p, ["HỢP ĐỒNG", "Đưa người lao động đi làm việc tại Hàn Quốc"])
    paras(p, ["Căn cứ Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng "
              "ngày 13 tháng 11 năm 2020;",
              "Căn cứ kết quả tuyển chọn của phía Hàn Quốc đối với người lao động đăng ký "
              "dự tuyển năm 2023,"], style="i")
    p.para("Chúng tôi gồm:")
    p.line("Bên A: Trung tâm Dịch vụ việc làm tỉnh Bắc Giang", style="b")
    lines_(p, ["Đại diện: ông Thân Đức Mạnh, chức vụ: Giám đốc",
               "Địa chỉ: số 12 đường Hùng Vương, thành phố Bắc Giang"])
    p.line("Bên B: Người lao động", style="b")
    lines_(p, ["Họ và tên: VI VĂN THẮNG", "Sinh ngày: 08/03/1998",
               "Số CCCD: 024098005163", "Hộ chiếu số: C8812405"])
    p.para("Hai bên thỏa thuận ký hợp đồng với các điều khoản sau:")
    paras(p, ["Điều 1. Bên A đưa Bên B đi làm việc tại Hàn Quốc theo Chương trình EPS, "
              "ngành sản xuất chế tạo, thời hạn hợp đồng lao động 03 năm.",
              "Điều 2. Bên B nộp cho Bên A các khoản chi phí theo quy định gồm: tiền vé "
              "máy bay, lệ phí cấp thị thực, chi phí khám sức khỏe; tổng cộng 15.800.000 "
              "đồng."])
    d.page("scan0003.jpg", p, office(p, 2103, -0.45))
    p = new_page(dpi)
    page_number(p, "Trang 2/2")
    paras(p, ["Điều 3. Bên A có trách nhiệm bồi dưỡng kiến thức cần thiết, làm thủ tục "
              "xuất cảnh cho Bên B và theo dõi, bảo vệ quyền lợi hợp pháp của Bên B "
              "trong thời gian làm việc tại Hàn Quốc.",
              "Điều 4. Bên B có trách nhiệm chấp hành pháp luật của Việt Nam và Hàn Quốc, "
              "thực hiện đúng hợp đồng lao động, về nước đúng thời hạn.",
              "Điều 5. Hợp đồng có hiệu lực kể từ ngày ký, được lập thành 03 bản có giá "
              "trị như nhau, Bên A giữ 02 bản, Bên B giữ 01 bản./."])
    p.space(8)
    two_signers(p, (["BÊN B"], name), (["BÊN A", "GIÁM ĐỐC"], "Thân Đức Mạnh"), 113)
    d.page("scan0004.jpg", p, office(p, 2104, 0.3))
    d.doc(3, 4, "hop_dong", "0231/2023/HĐ-TTDVVL", "2023-09-14")
    p = new_page(dpi)
    header(p, ["SỞ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI TỈNH BẮC GIANG", "TRUNG TÂM DỊCH VỤ",
               "VIỆC LÀM"], "Số: 412/TB-TTDVVL", "Bắc Giang, ngày 02 tháng 10 năm 2023")
    title(p, ["THÔNG BÁO", "Lịch xuất cảnh của người lao động đi làm việc", "tại Hàn Quốc"])
    paras(p, ["Trung tâm Dịch vụ việc làm tỉnh Bắc Giang thông báo tới anh Vi Văn Thắng, "
              "sinh ngày 08/03/1998, thôn Khuôn Thần, xã Kiên Lao, huyện Lục Ngạn:",
              "Thời gian tập trung: 13 giờ 00 ngày 16 tháng 10 năm 2023 tại Trung tâm "
              "Lao động ngoài nước, số 1 Trịnh Hoài Đức, quận Đống Đa, thành phố Hà Nội.",
              "Chuyến bay dự kiến: 23 giờ 45 ngày 16 tháng 10 năm 2023 từ sân bay Nội Bài "
              "đi sân bay Incheon.",
              "Người lao động mang theo hộ chiếu, căn cước công dân, giấy xác nhận đã "
              "nộp tiền ký quỹ và hành lý cá nhân không quá 30 kg./."])
    p.space(6)
    signer(p, ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Giáp Thị Lựu", 115,
           noinhan=["- Anh Vi Văn Thắng;", "- Lưu: VT, XKLĐ."])
    d.page("scan0005.jpg", p, office(p, 2105, -0.7))
    d.doc(5, 5, "thong_bao", "412/TB-TTDVVL", "2023-10-02")
    d.person(name)
    return d.write()


def d12_hoang_thi_thu_ha(out):
    """A two-page scanned PDF holding two documents, then a JPEG decision."""
    d = Dossier(out, "lao-dong-ngoai-nuoc", "Hoàng Thị Thu Hà")
    name, dpi = "Hoàng Thị Thu Hà", 200
    p1 = new_page(dpi)
    motto_only(p1)
    title(p1, ["ĐƠN ĐỀ NGHỊ", "Hỗ trợ người lao động về nước trước thời hạn"])
    centred(p1, "Kính gửi: Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang")
    p1.space(6)
    fill(p1, "Họ và tên:", name)
    fill(p1, "Sinh ngày:", "30/05/1997")
    fill(p1, "Số CCCD:", "024197002871")
    fill(p1, "Nơi thường trú:", "xã Tân Sơn, huyện Lục Ngạn, tỉnh Bắc Giang")
    fill(p1, "Nước đến làm việc:", "Nhật Bản")
    paras(p1, ["Tôi đi làm việc tại Nhật Bản theo hợp đồng với Công ty Cổ phần Nhân lực "
               "Kinh Bắc từ tháng 4 năm 2022. Tháng 7 năm 2023 tôi bị tai nạn lao động, "
               "phải về nước trước thời hạn để điều trị.",
               "Tôi đề nghị được xem xét hỗ trợ theo quy định của Quỹ Hỗ trợ việc làm "
               "ngoài nước./."])
    citizen_sign(p1, "Lục Ngạn, ngày 18 tháng 9 năm 2023", "NGƯỜI ĐỀ NGHỊ", name, 121)
    p2 = new_page(dpi)
    header(p2, ["CÔNG TY CỔ PHẦN", "NHÂN LỰC KINH BẮC"], "Số: 77/XN-KB",
           "Bắc Ninh, ngày 12 tháng 9 năm 2023")
    title(p2, ["GIẤY XÁC NHẬN", "Người lao động về nước trước thời hạn"])
    paras(p2, ["Công ty Cổ phần Nhân lực Kinh Bắc xác nhận chị Hoàng Thị Thu Hà, sinh "
               "ngày 30/05/1997, số CCCD 024197002871, đi làm việc tại Nhật Bản theo Hợp "
               "đồng số 0412/2022/HĐ-KB ngày 02 tháng 3 năm 2022.",
               "Ngày 14 tháng 7 năm 2023, chị Hà bị tai nạn lao động tại nơi làm việc "
               "(tỉnh Aichi, Nhật Bản), đã về nước ngày 03 tháng 8 năm 2023 khi chưa hết "
               "thời hạn hợp đồng.",
               "Công ty đã thanh lý hợp đồng và hoàn trả tiền ký quỹ cho người lao "
               "động./."])
    p2.space(6)
    signer(p2, ["GIÁM ĐỐC"], "Nguyễn Đức Cảnh", 122,
           noinhan=["- Như trên;", "- Lưu: VT."])
    imgs = [office(p1, 2201, 0.4), office(p2, 2202, -0.6)]
    fixed = time.gmtime(1695000000)
    imgs[0].save(d.dir / "Scan 1.pdf", "PDF", save_all=True, append_images=imgs[1:],
                 resolution=float(dpi), quality=80, creationDate=fixed, modDate=fixed)
    d.page("Scan 1.pdf", p1, index=0, save=False)
    d.page("Scan 1.pdf", p2, index=1, save=False)
    d.doc(1, 1, "don_de_nghi", None, "2023-09-18")
    d.doc(2, 2, "khac", "77/XN-KB", "2023-09-12")
    p = new_page(dpi)
    header(p, SO_BG, "Số: 1702/QĐ-SLĐTBXH", "Bắc Giang, ngày 26 tháng 10 năm 2023")
    title(p, ["QUYẾT ĐỊNH", "Về việc hỗ trợ từ Quỹ Hỗ trợ việc làm ngoài nước"])
    centred(p, "GIÁM ĐỐC SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", style="b")
    p.space(4)
    paras(p, ["Căn cứ Quyết định số 40/2021/QĐ-TTg ngày 31 tháng 12 năm 2021 của Thủ "
              "tướng Chính phủ về Quỹ Hỗ trợ việc làm ngoài nước;",
              "Xét đơn đề nghị của chị Hoàng Thị Thu Hà và đề nghị của Trưởng phòng Việc "
              "làm - An toàn lao động,"], style="i")
    centred(p, "QUYẾT ĐỊNH:", style="b")
    paras(p, ["Điều 1. Hỗ trợ chị Hoàng Thị Thu Hà, sinh ngày 30/05/1997, xã Tân Sơn, "
              "huyện Lục Ngạn, người lao động về nước trước thời hạn do bị tai nạn lao "
              "động, số tiền 10.000.000 đồng (Mười triệu đồng).",
              "Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Sở, "
              "Trưởng phòng Việc làm - An toàn lao động, Trưởng phòng Kế hoạch - Tài "
              "chính và chị Hoàng Thị Thu Hà chịu trách nhiệm thi hành Quyết định này./."])
    p.space(6)
    signer(p, ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Ngô Thị Hiền", 123,
           noinhan=["- Như Điều 2;", "- Lưu: VT, VLATLĐ."])
    d.page("Scan 2.jpg", p, office(p, 2203, 0.25))
    d.doc(3, 3, "quyet_dinh", "1702/QĐ-SLĐTBXH", "2023-10-26")
    d.person(name)
    return d.write()


def d13_cv_845(out):
    """Single document: a two-page official letter; page 2 holds only the last
    sentence, 'Nơi nhận' and the signer."""
    d = Dossier(out, "lao-dong-ngoai-nuoc", "CV 845 lao động về nước trước hạn")
    dpi = 300
    p = new_page(dpi)
    header(p, SO_BG, "Số: 845/SLĐTBXH-VLATLĐ", "Bắc Giang, ngày 06 tháng 6 năm 2023",
           vv=["V/v rà soát người lao động về nước", "trước thời hạn hợp đồng"])
    centred(p, "Kính gửi: Ủy ban nhân dân các huyện, thị xã, thành phố")
    p.space(6)
    paras(p, ["Thực hiện Công văn số 1650/LĐTBXH-QLLĐNN ngày 19 tháng 5 năm 2023 của Bộ "
              "Lao động - Thương binh và Xã hội về việc quản lý người lao động Việt Nam "
              "đi làm việc ở nước ngoài theo hợp đồng, Sở Lao động - Thương binh và Xã "
              "hội đề nghị Ủy ban nhân dân các huyện, thị xã, thành phố chỉ đạo thực "
              "hiện một số nội dung sau:",
              "1. Rà soát, thống kê người lao động của địa phương đã về nước trước thời "
              "hạn hợp đồng từ ngày 01 tháng 01 năm 2022 đến nay, nêu rõ lý do về nước "
              "(tai nạn lao động, bệnh tật, doanh nghiệp tiếp nhận phá sản, vi phạm hợp "
              "đồng và lý do khác).",
              "2. Hướng dẫn người lao động thuộc diện được hỗ trợ lập hồ sơ đề nghị hỗ "
              "trợ từ Quỹ Hỗ trợ việc làm ngoài nước theo Quyết định số 40/2021/QĐ-TTg "
              "ngày 31 tháng 12 năm 2021 của Thủ tướng Chính phủ.",
              "3. Tuyên truyền để người lao động lựa chọn doanh nghiệp dịch vụ được cấp "
              "phép, không đi làm việc ở nước ngoài qua các tổ chức, cá nhân không có "
              "chức năng; không ở lại nước ngoài trái phép khi hết hạn hợp đồng.",
              "4. Tổng hợp kết quả rà soát theo biểu mẫu gửi kèm, gửi về Sở Lao động - "
              "Thương binh và Xã hội (qua phòng Việc làm - An toàn lao động) trước ngày "
              "30 tháng 6 năm 2023, đồng thời gửi bản điện tử qua địa chỉ thư điện tử "
              "vlatld.bg@gmail.com để tổng hợp, báo cáo Bộ Lao động - Thương binh và Xã "
              "hội và Ủy ban nhân dân tỉnh."])
    d.page("trang 1.jpg", p, office(p, 2301, 0.35))
    p = new_page(dpi)
    page_number(p, "2")
    p.para("Sở Lao động - Thương binh và Xã hội rất mong nhận được sự quan tâm, phối hợp "
           "của Ủy ban nhân dân các huyện, thị xã, thành phố./.")
    p.space(6)
    signer(p, ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Ngô Thị Hiền", 131,
           noinhan=["- Như trên;", "- Giám đốc Sở (b/c);", "- Phòng LĐ-TB&XH các huyện;",
                    "- Lưu: VT, VLATLĐ."])
    d.page("trang 2.jpg", p, office(p, 2302, -0.4))
    d.doc(1, 2, "cong_van", "845/SLĐTBXH-VLATLĐ", "2023-06-06")
    return d.write()


def d14_luong_thi_anh(out):
    d = Dossier(out, "tre-em", "Lường Thị Ánh")
    name, dpi = "Lường Thị Ánh", 250
    p = new_page(dpi)
    motto_only(p)
    title(p, ["ĐƠN ĐỀ NGHỊ", "Trợ cấp xã hội đối với trẻ em mồ côi cả cha và mẹ"])
    centred(p, "Kính gửi: Ủy ban nhân dân xã Tân Kỳ")
    p.space(6)
    fill(p, "Họ và tên người đề nghị:", "Lường Văn Thân")
    fill(p, "Năm sinh:", "1958")
    fill(p, "Quan hệ với trẻ em:", "Ông nội")
    fill(p, "Họ và tên trẻ em:", name)
    fill(p, "Ngày sinh:", "04/12/2015")
    fill(p, "Số định danh cá nhân:", "030315008842")
    fill(p, "Nơi ở:", "thôn Lạc Thượng, xã Tân Kỳ, huyện Tứ Kỳ")
    p.space(4)
    paras(p, ["Bố cháu là Lường Văn Duy mất năm 2020, mẹ cháu là Phạm Thị Hường mất năm "
              "2022; hiện cháu sống cùng tôi, gia đình thuộc hộ cận nghèo.",
              "Tôi đề nghị Ủy ban nhân dân xã xem xét, đề nghị cấp có thẩm quyền giải "
              "quyết trợ cấp xã hội hàng tháng cho cháu Lường Thị Ánh./."])
    citizen_sign(p, "Tân Kỳ, ngày 13 tháng 3 năm 2024", "NGƯỜI ĐỀ NGHỊ", "Lường Văn Thân", 141)
    d.page("Scan_0001.jpg", p, office(p, 2401, -0.4))
    d.doc(1, 1, "don_de_nghi", None, "2024-03-13")
    p = new_page(dpi)
    stamp(p, "BẢN SAO")
    header(p, ["UBND HUYỆN TỨ KỲ", "ỦY BAN NHÂN DÂN", "XÃ TÂN KỲ"], "Số: 46/TLKS-BS",
           "Tân Kỳ, ngày 21 tháng 12 năm 2015")
    title(p, ["TRÍCH LỤC KHAI SINH"])
    lines_(p, ["Họ, chữ đệm, tên: LƯỜNG THỊ ÁNH",
               "Ngày, tháng, năm sinh: 04/12/2015",
               "ghi bằng chữ: Ngày bốn, tháng mười hai,",
               "năm hai nghìn không trăm mười lăm",
               "Giới tính: Nữ  Dân tộc: Kinh  Quốc tịch: Việt Nam",
               "Nơi sinh: Trạm y tế xã Tân Kỳ, huyện Tứ Kỳ, tỉnh Hải Dương",
               "Quê quán: xã Tân Kỳ, huyện Tứ Kỳ, tỉnh Hải Dương",
               "Số định danh cá nhân: 030315008842",
               "Họ, chữ đệm, tên người mẹ: PHẠM THỊ HƯỜNG",
               "Năm sinh: 1990  Dân tộc: Kinh  Quốc tịch: Việt Nam",
               "Họ, chữ đệm, tên người cha: LƯỜNG VĂN DUY",
               "Năm sinh: 1987  Dân tộc: Kinh  Quốc tịch: Việt Nam",
               "Nơi đăng ký khai sinh: Ủy ban nhân dân xã Tân Kỳ"], indent_mm=0)
    p.space(6)
    signer(p, ["NGƯỜI KÝ TRÍCH LỤC", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Đồng Văn Thuấn", 142)
    d.page("Scan_0002.jpg", p, office(p, 2402, 0.6))
    d.doc(2, 2, "khac", "46/TLKS-BS", "2015-12-21")
    p = new_page(dpi)
    header(p, ["UBND HUYỆN TỨ KỲ", "ỦY BAN NHÂN DÂN", "XÃ TÂN KỲ"], "Số: 14/BB-UBND",
           "Tân Kỳ, ngày 22 tháng 3 năm 2024")
    title(p, ["BIÊN BẢN", "Đánh giá nhu cầu hỗ trợ của trẻ em"])
    paras(p, ["Hôm nay, ngày 22 tháng 3 năm 2024, tại gia đình ông Lường Văn Thân, thôn "
              "Lạc Thượng, xã Tân Kỳ, chúng tôi gồm:",
              "1. Bà Nhữ Thị Mến, công chức Văn hóa - Xã hội, phụ trách công tác trẻ em;",
              "2. Bà Tăng Thị Hoa, cộng tác viên công tác trẻ em thôn Lạc Thượng;",
              "3. Ông Lường Văn Thân, ông nội, người trực tiếp chăm sóc trẻ em.",
              "Đã tiến hành đánh giá nhu cầu của trẻ em Lường Thị Ánh, sinh ngày "
              "04/12/2015, học sinh lớp 3 Trường Tiểu học Tân Kỳ.",
              "1. Về sức khỏe: phát triển bình thường, chưa có thẻ bảo hiểm y tế do thẻ "
              "cũ đã hết hạn sử dụng.",
              "2. Về học tập: học lực khá; gia đình khó khăn trong việc mua sách vở, "
              "đồng phục và đóng các khoản đóng góp đầu năm học.",
              "3. Về chăm sóc: ông nội 66 tuổi, sức khỏe yếu, thu nhập không ổn định; "
              "trẻ em có nguy cơ phải nghỉ học để phụ giúp gia đình."])
    d.page("Scan_0003.jpg", p, office(p, 2403, -0.3))
    p = new_page(dpi)
    page_number(p, "2")
    p.line("4. Đề xuất hỗ trợ:", indent_mm=10)
    lines_(p, ["- Trợ cấp xã hội hàng tháng theo Nghị định số 20/2021/NĐ-CP;",
               "- Cấp thẻ bảo hiểm y tế cho trẻ em;",
               "- Miễn học phí, hỗ trợ chi phí học tập;",
               "- Kết nối học bổng của Hội Khuyến học xã."], indent_mm=15)
    p.para("Biên bản được lập thành 02 bản, đã đọc lại cho các thành phần tham dự cùng "
           "nghe và thống nhất ký tên./.")
    p.space(8)
    two_signers(p, (["NGƯỜI CHĂM SÓC TRẺ EM"], "Lường Văn Thân"),
                (["CÔNG CHỨC VĂN HÓA - XÃ HỘI"], "Nhữ Thị Mến"), 143)
    d.page("Scan_0004.jpg", p, office(p, 2404, 0.5))
    d.doc(3, 4, "bien_ban", "14/BB-UBND", "2024-03-22")
    p = new_page(dpi)
    header(p, ["ỦY BAN NHÂN DÂN", "HUYỆN TỨ KỲ"], "Số: 1166/QĐ-UBND",
           "Tứ Kỳ, ngày 15 tháng 4 năm 2024")
    title(p, ["QUYẾT ĐỊNH", "Về việc trợ cấp xã hội hàng tháng đối với trẻ em"])
    centred(p, "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN TỨ KỲ", style="b")
    p.space(4)
    paras(p, ["Căn cứ Luật Trẻ em ngày 05 tháng 4 năm 2016;",
              "Căn cứ Nghị định số 20/2021/NĐ-CP ngày 15 tháng 3 năm 2021 của Chính phủ;",
              "Xét đề nghị của Trưởng phòng Lao động - Thương binh và Xã hội,"], style="i")
    centred(p, "QUYẾT ĐỊNH:", style="b")
    paras(p, ["Điều 1. Trợ cấp xã hội hàng tháng đối với trẻ em Lường Thị Ánh, sinh ngày "
              "04/12/2015, thôn Lạc Thượng, xã Tân Kỳ, trẻ em mồ côi cả cha và mẹ, mức "
              "900.000 đồng/tháng, kể từ tháng 4 năm 2024.",
              "Điều 2. Quyết định có hiệu lực kể từ ngày ký. Chánh Văn phòng HĐND và "
              "UBND huyện, Trưởng phòng Lao động - Thương binh và Xã hội, Chủ tịch UBND "
              "xã Tân Kỳ và ông Lường Văn Thân chịu trách nhiệm thi hành Quyết định "
              "này./."])
    p.space(6)
    signer(p, ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Vũ Mạnh Hà", 145,
           noinhan=["- Như Điều 2;", "- Lưu: VT."])
    d.page("Scan_0005.jpg", p, office(p, 2405, -0.35))
    d.doc(5, 5, "quyet_dinh", "1166/QĐ-UBND", "2024-04-15")
    d.person(name)
    return d.write()


def d15_do_minh_khang(out):
    d = Dossier(out, "tre-em", "Đỗ Minh Khang")
    name, dpi = "Đỗ Minh Khang", 250
    p = new_page(dpi)
    header(p, ["UBND HUYỆN KIM THÀNH", "ỦY BAN NHÂN DÂN", "XÃ KIM XUYÊN"], "Số: 05/KH-UBND",
           "Kim Xuyên, ngày 09 tháng 5 năm 2024")
    title(p, ["KẾ HOẠCH", "Hỗ trợ, can thiệp đối với trẻ em bị xâm hại"])
    p.line("I. THÔNG TIN VỀ TRẺ EM", style="b")
    lines_(p, [f"Họ và tên: {name}", "Ngày sinh: 11/07/2012", "Giới tính: Nam",
               "Số định danh cá nhân: 030212006615",
               "Nơi cư trú: thôn Kim Lũ, xã Kim Xuyên, huyện Kim Thành"])
    p.line("II. ĐÁNH GIÁ BAN ĐẦU", style="b")
    p.para("Ngày 06 tháng 5 năm 2024, trẻ em Đỗ Minh Khang bị một người hàng xóm đánh "
           "gây thương tích nhẹ ở tay; trẻ em có biểu hiện sợ hãi, lo lắng, không muốn "
           "đến trường. Nguy cơ tiếp tục bị xâm hại: trung bình.")
    p.line("III. MỤC TIÊU", style="b")
    p.para("Bảo đảm an toàn cho trẻ em; hỗ trợ trẻ em phục hồi tâm lý, sớm trở lại học "
           "tập bình thường; xử lý người có hành vi xâm hại theo quy định của pháp luật.")
    p.line("IV. CÁC HOẠT ĐỘNG HỖ TRỢ, CAN THIỆP", style="b")
    paras(p, ["1. Khám và điều trị vết thương tại Trạm y tế xã; thời gian: ngày 09 tháng "
              "5 năm 2024; trách nhiệm: Trạm y tế xã.",
              "2. Tư vấn, hỗ trợ tâm lý cho trẻ em và gia đình; thời gian: từ ngày 10 "
              "tháng 5 đến ngày 10 tháng 6 năm 2024; trách nhiệm: Trung tâm Công tác xã "
              "hội tỉnh."])
    d.page("trang 1.jpg", p, office(p, 2501, 0.4))
    p = new_page(dpi)   # page 2: no page number; continues the numbered list
    paras(p, ["3. Phối hợp với nhà trường theo dõi, động viên trẻ em đi học; thời gian: "
              "thường xuyên; trách nhiệm: Trường THCS Kim Xuyên, gia đình.",
              "4. Đề nghị Công an xã xác minh, xử lý người có hành vi đánh trẻ em; thời "
              "gian: trong tháng 5 năm 2024; trách nhiệm: Công an xã.",
              "5. Đánh giá kết quả thực hiện kế hoạch và quyết định đóng hồ sơ hoặc tiếp "
              "tục can thiệp; thời gian: ngày 15 tháng 6 năm 2024."])
    p.line("V. TỔ CHỨC THỰC HIỆN", style="b")
    p.para("Công chức Văn hóa - Xã hội xã là người quản lý trường hợp, theo dõi việc "
           "thực hiện kế hoạch, báo cáo Chủ tịch Ủy ban nhân dân xã./.")
    p.space(6)
    signer(p, ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Mạc Văn Toản", 151,
           noinhan=["- Phòng LĐ-TB&XH huyện;", "- Công an xã;", "- Lưu: VP."])
    d.page("trang 2.jpg", p, office(p, 2502, -0.3))
    d.doc(1, 2, "ke_hoach", "05/KH-UBND", "2024-05-09")
    p = new_page(dpi)
    motto_only(p)
    title(p, ["BIÊN BẢN", "Đánh giá kết quả thực hiện kế hoạch hỗ trợ, can thiệp"])
    paras(p, ["Hôm nay, ngày 15 tháng 6 năm 2024, tại Ủy ban nhân dân xã Kim Xuyên, chúng "
              "tôi gồm: bà Lưu Thị Bình, công chức Văn hóa - Xã hội xã, người quản lý "
              "trường hợp; bà Trần Thị Lan Anh, chuyên viên Trung tâm Công tác xã hội "
              "tỉnh; ông Đỗ Văn Kiểm, bố của trẻ em.",
              "Cùng đánh giá kết quả thực hiện Kế hoạch số 05/KH-UBND ngày 09 tháng 5 năm "
              "2024 đối với trẻ em Đỗ Minh Khang:",
              "Trẻ em đã được điều trị khỏi vết thương, được tư vấn tâm lý 04 buổi, đã "
              "đi học trở lại đều đặn từ ngày 20 tháng 5 năm 2024; người có hành vi "
              "xâm hại đã bị Công an xã xử phạt vi phạm hành chính.",
              "Kết luận: các mục tiêu của kế hoạch đã đạt được; đề nghị đóng hồ sơ "
              "trường hợp, tiếp tục theo dõi trong 03 tháng./."])
    p.space(8)
    two_signers(p, (["ĐẠI DIỆN GIA ĐÌNH"], "Đỗ Văn Kiểm"),
                (["NGƯỜI QUẢN LÝ TRƯỜNG HỢP"], "Lưu Thị Bình"), 152)
    d.page("trang 3.jpg", p, office(p, 2503, 0.7, blur300=1.5))
    d.doc(3, 3, "bien_ban", None, None)
    d.person(name)
    return d.write()


def d16_tre_em_quy3(out):
    """A covering letter and a landscape list fed in sideways."""
    d = Dossier(out, "tre-em", "Hỗ trợ trẻ em quý III-2023")
    dpi = 250
    p = new_page(dpi)
    header(p, ["UBND HUYỆN NINH GIANG", "PHÒNG LAO ĐỘNG - THƯƠNG", "BINH VÀ XÃ HỘI"],
           "Số: 318/LĐTBXH", "Ninh Giang, ngày 28 tháng 9 năm 2023",
           vv=["V/v đề nghị hỗ trợ trẻ em có", "hoàn cảnh đặc biệt quý III/2023"])
    centred(p, "Kính gửi: Sở Lao động - Thương binh và Xã hội tỉnh Hải Dương")
    p.space(6)
    paras(p, ["Thực hiện Kế hoạch số 2210/KH-SLĐTBXH ngày 15 tháng 3 năm 2023 của Sở Lao "
              "động - Thương binh và Xã hội về hỗ trợ trẻ em có hoàn cảnh đặc biệt từ "
              "Quỹ Bảo trợ trẻ em tỉnh năm 2023;",
              "Trên cơ sở đề nghị của Ủy ban nhân dân các xã, Phòng Lao động - Thương "
              "binh và Xã hội huyện Ninh Giang đã rà soát, tổng hợp 06 trẻ em có hoàn "
              "cảnh đặc biệt đủ điều kiện hỗ trợ trong quý III năm 2023, mức hỗ trợ "
              "1.000.000 đồng/trẻ em (có danh sách kèm theo).",
              "Phòng Lao động - Thương binh và Xã hội huyện Ninh Giang kính đề nghị Sở "
              "xem xét, hỗ trợ./."])
    p.space(6)
    signer(p, ["TRƯỞNG PHÒNG"], "Phạm Thị Thu Hường", 161,
           noinhan=["- Như trên;", "- UBND huyện (b/c);", "- Lưu: VT."])
    d.page("scan0001.jpg", p, office(p, 2601, 0.3))
    d.doc(1, 1, "cong_van", "318/LĐTBXH", "2023-09-28")
    p = landscape(dpi)
    header(p, ["UBND HUYỆN NINH GIANG", "PHÒNG LAO ĐỘNG - THƯƠNG", "BINH VÀ XÃ HỘI"], None,
           "Ninh Giang, ngày 28 tháng 9 năm 2023", split=0.40)
    title(p, ["DANH SÁCH", "Trẻ em có hoàn cảnh đặc biệt đề nghị hỗ trợ quý III năm 2023"])
    table(p, [("STT", 0.05, "c"), ("Họ và tên trẻ em", 0.2, "l"), ("Ngày sinh", 0.12, "c"),
              ("Xã", 0.13, "l"), ("Hoàn cảnh", 0.33, "l"), ("Số tiền", 0.17, "r")],
          [["1", "Phạm Gia Bảo", "02/03/2014", "Hồng Dụ", "Mồ côi cha, mẹ bỏ đi", "1.000.000"],
           ["2", "Vũ Thị Ngọc Hân", "17/08/2011", "Hồng Phong", "Khuyết tật nặng", "1.000.000"],
           ["3", "Đặng Văn Phúc", "25/12/2016", "An Đức", "Mồ côi cả cha và mẹ", "1.000.000"],
           ["4", "Nguyễn Thị Trà My", "09/05/2013", "Đồng Tâm", "Bệnh hiểm nghèo", "1.000.000"],
           ["5", "Lê Minh Quân", "30/01/2015", "Tân Hương", "Hộ nghèo, mẹ đơn thân", "1.000.000"],
           ["6", "Hoàng Anh Tuấn", "14/10/2012", "Kiến Quốc", "Mồ côi mẹ, bố ốm nặng", "1.000.000"]])
    p.para("Tổng cộng: 06 trẻ em, số tiền 6.000.000 đồng.", first_indent_mm=0)
    p.space(4)
    two_signers(p, (["NGƯỜI LẬP BIỂU"], "Trần Thu Trang"), (["TRƯỞNG PHÒNG"], "Phạm Thị Thu Hường"),
                162)
    img = office(p, 2602, -0.3).rotate(90, expand=True)
    d.page("scan0002.jpg", p, img, upright=False)
    d.doc(2, 2, "danh_sach", None, "2023-09-28")
    return d.write()


def d17_ngo_thi_ly(out):
    """Two declarations of the same type one after the other, then an authorisation."""
    d = Dossier(out, "nguoi-co-cong", "Liệt sĩ Ngô Văn Cẩn")
    dpi = 250
    def ban_khai(who, born, cccd, rel, date, seed, fname, angle):
        p = new_page(dpi)
        motto_only(p, form_no="Mẫu số 04")
        title(p, ["BẢN KHAI", "Thân nhân liệt sĩ"])
        fill(p, "Họ và tên:", who)
        fill(p, "Năm sinh:", born)
        fill(p, "Số CCCD:", cccd)
        fill(p, "Nơi thường trú:", "thôn Tiền Trung, xã An Đức")
        fill(p, "Quan hệ với liệt sĩ:", rel)
        p.space(4)
        p.line("THÔNG TIN VỀ LIỆT SĨ", style="b")
        lines_(p, ["Họ và tên liệt sĩ: Ngô Văn Cẩn", "Năm sinh: 1949",
                   "Nguyên quán: xã An Đức, huyện Ninh Giang, tỉnh Hải Dương",
                   "Ngày hi sinh: 12/05/1970",
                   "Số Bằng Tổ quốc ghi công: 1D-4417"])
        p.space(4)
        p.para("Tôi xin cam đoan những nội dung kê khai trên là đúng sự thật, nếu sai tôi "
               "xin chịu trách nhiệm trước pháp luật.")
        citizen_sign(p, date[0], "NGƯỜI KHAI", who, seed)
        commune_confirm(p, "An Đức", f"{'Ông' if rel == 'Em trai' else 'Bà'} {who} có hộ "
                        "khẩu thường trú tại xã An Đức; nội dung kê khai trên là đúng.",
                        date[1], "Phan Đức Hạnh", seed + 1)
        d.page(fname, p, office(p, seed * 10, angle))
    ban_khai("Ngô Thị Lý", "1952", "030152003390", "Em gái",
             ("An Đức, ngày 03 tháng 7 năm 2023", "An Đức, ngày 05 tháng 7 năm 2023"),
             171, "trang 1.jpg", 0.4)
    d.doc(1, 1, "ban_khai", None, "2023-07-03")
    ban_khai("Ngô Văn Khuê", "1956", "030056004471", "Em trai",
             ("An Đức, ngày 04 tháng 7 năm 2023", "An Đức, ngày 05 tháng 7 năm 2023"),
             173, "trang 2.jpg", -0.5)
    d.doc(2, 2, "ban_khai", None, "2023-07-04")
    p = new_page(dpi)
    motto_only(p)
    title(p, ["GIẤY ỦY QUYỀN"])
    p.line("Bên ủy quyền:", style="b")
    fill(p, "Họ và tên:", "Ngô Văn Khuê")
    fill(p, "Số CCCD:", "030056004471")
    p.line("Bên nhận ủy quyền:", style="b")
    fill(p, "Họ và tên:", "Ngô Thị Lý")
    fill(p, "Số CCCD:", "030152003390")
    p.space(4)
    paras(p, ["Nội dung ủy quyền: Bên nhận ủy quyền thay mặt Bên ủy quyền làm thủ tục "
              "và nhận trợ cấp thờ cúng liệt sĩ Ngô Văn Cẩn hằng năm tại Ủy ban nhân dân "
              "xã An Đức.",
              "Thời hạn ủy quyền: kể từ ngày ký đến khi có văn bản thay thế.",
              "Hai bên cam kết thực hiện đúng nội dung ủy quyền và chịu trách nhiệm trước "
              "pháp luật./."])
    p.space(4)
    p.columns([], [dict(s="An Đức, ngày 04 tháng 7 năm 2023", style="i")], split=0.45)
    two_signers(p, (["BÊN ỦY QUYỀN"], "Ngô Văn Khuê"), (["BÊN NHẬN ỦY QUYỀN"], "Ngô Thị Lý"),
                175)
    d.page("trang 3.jpg", p, office(p, 1775, 0.9))
    d.doc(3, 3, "khac", None, "2023-07-04")
    d.person("Ngô Thị Lý")
    return d.write()


def d18_qd_3307(out):
    """Single document, 2 pages, page 2 unnumbered and starting with 'Điều 3.'."""
    d = Dossier(out, "quyet-dinh", "QĐ 3307 trợ cấp một lần")
    dpi = 300
    p = new_page(dpi)
    header(p, SO_HD, "Số: 3307/QĐ-SLĐTBXH", "Hải Dương, ngày 19 tháng 12 năm 2023")
    title(p, ["QUYẾT ĐỊNH", "Về việc trợ cấp một lần đối với người có công",
              "với cách mạng đã từ trần"])
    centred(p, "GIÁM ĐỐC SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", style="b")
    p.space(4)
    paras(p, ["Căn cứ Pháp lệnh Ưu đãi người có công với cách mạng ngày 09 tháng 12 năm "
              "2020;",
              "Căn cứ Nghị định số 131/2021/NĐ-CP ngày 30 tháng 12 năm 2021 của Chính phủ;",
              "Căn cứ Nghị định số 55/2023/NĐ-CP ngày 21 tháng 7 năm 2023 của Chính phủ;",
              "Xét đề nghị của Phòng Lao động - Thương binh và Xã hội huyện Tứ Kỳ tại Tờ "
              "trình số 205/TTr-LĐTBXH ngày 05 tháng 12 năm 2023 và của Trưởng phòng "
              "Người có công,"], style="i")
    centred(p, "QUYẾT ĐỊNH:", style="b")
    paras(p, ["Điều 1. Trợ cấp một lần đối với thân nhân của người có công với cách "
              "mạng đã từ trần:",
              "Họ và tên người có công: Đinh Văn Tạo, sinh năm 1947, thương binh, tỷ lệ "
              "tổn thương cơ thể 51%, từ trần ngày 02 tháng 11 năm 2023.",
              "Nguyên quán: xã Hà Kỳ, huyện Tứ Kỳ, tỉnh Hải Dương.",
              "Người nhận trợ cấp: bà Đinh Thị Lành, sinh năm 1950, vợ, thường trú tại "
              "thôn Hà Hải, xã Hà Kỳ, huyện Tứ Kỳ.",
              "Điều 2. Mức trợ cấp:",
              "1. Trợ cấp một lần bằng 03 tháng trợ cấp, phụ cấp ưu đãi: 3 x 2.454.000 "
              "đồng = 7.362.000 đồng.",
              "2. Trợ cấp mai táng phí: 18.000.000 đồng.",
              "Tổng cộng: 25.362.000 đồng (Hai mươi lăm triệu ba trăm sáu mươi hai nghìn "
              "đồng)."])
    d.page("scan_3307_1.jpg", p, office(p, 2801, 0.3))
    p = new_page(dpi)
    paras(p, ["Điều 3. Quyết định này có hiệu lực kể từ ngày ký.",
              "Chánh Văn phòng Sở, Trưởng phòng Người có công, Trưởng phòng Kế hoạch - "
              "Tài chính, Trưởng phòng Lao động - Thương binh và Xã hội huyện Tứ Kỳ và "
              "bà Đinh Thị Lành chịu trách nhiệm thi hành Quyết định này./."])
    p.space(6)
    signer(p, ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Trịnh Quang Huấn", 181,
           noinhan=["- Như Điều 3;", "- Lưu: VT, NCC."])
    d.page("scan_3307_2.jpg", p, office(p, 2802, -0.5))
    d.doc(1, 2, "quyet_dinh", "3307/QĐ-SLĐTBXH", "2023-12-19")
    return d.write()


def d19_cv_1123(out):
    """Single one-page document, skewed 2.5° and blurred."""
    d = Dossier(out, "cong-van", "CV 1123 rà soát hộ nghèo")
    dpi = 250
    p = new_page(dpi)
    header(p, ["UBND HUYỆN THANH MIỆN", "PHÒNG LAO ĐỘNG - THƯƠNG", "BINH VÀ XÃ HỘI"],
           "Số: 1123/LĐTBXH", "Thanh Miện, ngày 25 tháng 8 năm 2023",
           vv=["V/v triển khai rà soát hộ nghèo,", "hộ cận nghèo năm 2023"])
    centred(p, "Kính gửi: Ủy ban nhân dân các xã, thị trấn")
    p.space(6)
    paras(p, ["Thực hiện Kế hoạch số 3521/KH-UBND ngày 10 tháng 8 năm 2023 của Ủy ban nhân "
              "dân tỉnh về rà soát hộ nghèo, hộ cận nghèo năm 2023, Phòng Lao động - "
              "Thương binh và Xã hội huyện đề nghị Ủy ban nhân dân các xã, thị trấn:",
              "1. Kiện toàn Ban chỉ đạo giảm nghèo cấp xã, thành lập Tổ rà soát tại các "
              "thôn, khu dân cư; tập huấn nghiệp vụ cho rà soát viên trước ngày 15 tháng "
              "9 năm 2023.",
              "2. Tổ chức rà soát theo đúng quy trình tại Quyết định số 24/2021/QĐ-TTg, "
              "bảo đảm dân chủ, công khai, minh bạch, đúng đối tượng.",
              "3. Tổng hợp kết quả, báo cáo về Phòng Lao động - Thương binh và Xã hội "
              "trước ngày 30 tháng 11 năm 2023.",
              "Đề nghị Ủy ban nhân dân các xã, thị trấn quan tâm, triển khai thực hiện./."])
    p.space(6)
    signer(p, ["TRƯỞNG PHÒNG"], "Nguyễn Văn Thạo", 191,
           noinhan=["- Như trên;", "- UBND huyện (b/c);", "- Lưu: VT."])
    d.page("CV1123.jpg", p, office(p, 2901, 2.5, blur300=1.6), q=72)
    d.doc(1, 1, "cong_van", "1123/LĐTBXH", "2023-08-25")
    return d.write()


def d20_lo_thi_phuong(out):
    """Housing support for a poor household: 4 documents, one of them two pages
    numbered 'Trang 2/2'; the inspection record is photographed."""
    d = Dossier(out, "ho-ngheo", "Hỗ trợ nhà ở Mạc Thị Phượng")
    name, dpi = "Mạc Thị Phượng", 250
    p = new_page(dpi)
    motto_only(p)
    title(p, ["ĐƠN ĐỀ NGHỊ", "Hỗ trợ xây dựng nhà ở cho hộ nghèo"])
    centred(p, "Kính gửi: Ủy ban nhân dân xã Kim Xuyên")
    p.space(6)
    fill(p, "Tôi tên là:", name)
    fill(p, "Sinh năm:", "1972")
    fill(p, "Số CCCD:", "030172006058")
    fill(p, "Địa chỉ:", "thôn Kim Lũ, xã Kim Xuyên, huyện Kim Thành")
    p.space(4)
    paras(p, ["Gia đình tôi là hộ nghèo năm 2024, hiện đang ở trong căn nhà tạm lợp "
              "tấm xi măng, vách tường bằng gạch không nung đã nứt, mùa mưa bị dột nát "
              "nặng, không bảo đảm an toàn.",
              "Tôi làm đơn này đề nghị Ủy ban nhân dân xã xem xét, đề nghị cấp trên hỗ "
              "trợ kinh phí để gia đình tôi xây dựng lại nhà ở theo chương trình xóa nhà "
              "tạm, nhà dột nát của tỉnh./."])
    citizen_sign(p, "Kim Xuyên, ngày 06 tháng 5 năm 2024", "NGƯỜI LÀM ĐƠN", name, 201)
    d.page("IMG_20240506_0931.jpg", p, office(p, 3001, 0.5))
    d.doc(1, 1, "don_de_nghi", None, "2024-05-06")
    p = new_page(dpi)
    header(p, ["UBND HUYỆN KIM THÀNH", "ỦY BAN NHÂN DÂN", "XÃ KIM XUYÊN"], "Số: 33/BB-UBND",
           "Kim Xuyên, ngày 10 tháng 5 năm 2024")
    title(p, ["BIÊN BẢN", "Kiểm tra hiện trạng nhà ở"])
    paras(p, ["Hôm nay, ngày 10 tháng 5 năm 2024, tại nhà bà Mạc Thị Phượng, thôn Kim Lũ, "
              "đoàn kiểm tra của Ủy ban nhân dân xã Kim Xuyên gồm ông Đồng Văn Kha, Phó "
              "Chủ tịch UBND xã; ông Vũ Văn Chiến, công chức Địa chính - Xây dựng; bà Lưu "
              "Thị Bình, công chức Văn hóa - Xã hội; ông Nguyễn Văn Sự, Trưởng thôn Kim "
              "Lũ đã kiểm tra hiện trạng nhà ở của hộ bà Mạc Thị Phượng.",
              "Hiện trạng: nhà 01 gian 02 chái, diện tích 28 m2, xây năm 1995, tường "
              "gạch không nung nứt nhiều chỗ, mái lợp tấm xi măng đã vỡ, nền đất, không "
              "có nhà vệ sinh.",
              "Kết luận: nhà ở thuộc loại nhà tạm, dột nát, cần xây dựng mới. Hộ có đất "
              "ở ổn định, không có tranh chấp.",
              "Biên bản kết thúc hồi 10 giờ cùng ngày./."])
    p.space(6)
    two_signers(p, (["CHỦ HỘ"], name), (["TRƯỞNG ĐOÀN KIỂM TRA"], "Đồng Văn Kha"), 202)
    d.page("IMG_20240510_1002.jpg", p, photo(p, 3002, angle=1.6, shadow=130), q=78,
           store_dpi=False)
    d.doc(2, 2, "bien_ban", "33/BB-UBND", "2024-05-10")
    p = new_page(dpi)
    header(p, ["UBND HUYỆN KIM THÀNH", "ỦY BAN NHÂN DÂN", "XÃ KIM XUYÊN"], "Số: 41/TTr-UBND",
           "Kim Xuyên, ngày 14 tháng 5 năm 2024")
    title(p, ["TỜ TRÌNH", "Về việc đề nghị hỗ trợ xây dựng nhà ở cho hộ nghèo"])
    centred(p, "Kính gửi: Ủy ban nhân dân huyện Kim Thành")
    p.space(4)
    paras(p, ["Căn cứ Kế hoạch số 1905/KH-UBND ngày 20 tháng 3 năm 2024 của Ủy ban nhân "
              "dân tỉnh Hải Dương về xóa nhà tạm, nhà dột nát cho hộ nghèo, hộ cận nghèo "
              "năm 2024;",
              "Căn cứ kết quả kiểm tra hiện trạng nhà ở ngày 10 tháng 5 năm 2024,",
              "Ủy ban nhân dân xã Kim Xuyên kính trình Ủy ban nhân dân huyện xem xét, hỗ "
              "trợ kinh phí xây dựng nhà ở cho hộ bà Mạc Thị Phượng, thôn Kim Lũ, là hộ "
              "nghèo năm 2024, nhà ở thuộc loại nhà tạm, dột nát.",
              "Mức đề nghị hỗ trợ: 60.000.000 đồng (Sáu mươi triệu đồng) từ ngân sách "
              "tỉnh và 10.000.000 đồng từ Quỹ Vì người nghèo huyện.",
              "Phương án xây dựng: nhà cấp 4, diện tích 45 m2, mái bê tông cốt thép, có "
              "nhà vệ sinh; gia đình đối ứng bằng ngày công lao động và vật liệu sẵn có;"
              " dự kiến khởi công tháng 6 năm 2024, hoàn thành trước ngày 30 tháng 9 năm "
              "2024.",
              "Ủy ban nhân dân xã cam kết giám sát việc sử dụng kinh phí hỗ trợ đúng mục "
              "đích, bảo đảm chất lượng công trình và thực hiện thanh quyết toán theo "
              "quy định."])
    d.page("IMG_20240514_1545.jpg", p, office(p, 3003, -0.3))
    p = new_page(dpi)
    page_number(p, "Trang 2/2")
    p.para("Ủy ban nhân dân xã Kim Xuyên kính trình Ủy ban nhân dân huyện xem xét, quyết "
           "định./.")
    p.space(6)
    signer(p, ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Đồng Văn Kha", 203,
           noinhan=["- Như trên;", "- Phòng LĐ-TB&XH huyện;", "- Lưu: VP."])
    d.page("IMG_20240514_1546.jpg", p, office(p, 3004, 0.6))
    d.doc(3, 4, "to_trinh", "41/TTr-UBND", "2024-05-14")
    p = new_page(dpi)
    header(p, ["ỦY BAN NHÂN DÂN", "HUYỆN KIM THÀNH"], "Số: 1489/QĐ-UBND",
           "Kim Thành, ngày 03 tháng 6 năm 2024")
    title(p, ["QUYẾT ĐỊNH", "Về việc hỗ trợ kinh phí xây dựng nhà ở cho hộ nghèo"])
    centred(p, "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN KIM THÀNH", style="b")
    p.space(4)
    paras(p, ["Căn cứ Kế hoạch số 1905/KH-UBND ngày 20 tháng 3 năm 2024 của Ủy ban nhân "
              "dân tỉnh;",
              "Xét Tờ trình số 41/TTr-UBND ngày 14 tháng 5 năm 2024 của Ủy ban nhân dân xã "
              "Kim Xuyên và đề nghị của Trưởng phòng Lao động - Thương binh và Xã hội,"],
          style="i")
    centred(p, "QUYẾT ĐỊNH:", style="b")
    paras(p, ["Điều 1. Hỗ trợ 70.000.000 đồng (Bảy mươi triệu đồng) cho hộ bà Mạc Thị "
              "Phượng, thôn Kim Lũ, xã Kim Xuyên để xây dựng nhà ở.",
              "Điều 2. Ủy ban nhân dân xã Kim Xuyên có trách nhiệm cấp phát kinh phí, "
              "giám sát thi công và thanh quyết toán theo quy định.",
              "Điều 3. Quyết định có hiệu lực kể từ ngày ký. Chánh Văn phòng HĐND và "
              "UBND huyện, Trưởng phòng Lao động - Thương binh và Xã hội, Trưởng phòng "
              "Tài chính - Kế hoạch, Chủ tịch UBND xã Kim Xuyên và bà Mạc Thị Phượng "
              "chịu trách nhiệm thi hành Quyết định này./."])
    p.space(6)
    signer(p, ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Hoàng Văn Dự", 204,
           noinhan=["- Như Điều 3;", "- Lưu: VT."])
    d.page("IMG_20240603_0815.jpg", p, office(p, 3005, -0.45))
    d.doc(5, 5, "quyet_dinh", "1489/QĐ-UBND", "2024-06-03")
    d.person(name)
    return d.write()


def d21_bao_cao_q2(out):
    """Single document: a two-page report, page 2 numbered '- 2 -'."""
    d = Dossier(out, "lao-dong-ngoai-nuoc", "Báo cáo 6 tháng đầu năm 2023")
    dpi = 250
    p = new_page(dpi)
    header(p, ["UBND HUYỆN LỤC NGẠN", "PHÒNG LAO ĐỘNG - THƯƠNG", "BINH VÀ XÃ HỘI"],
           "Số: 156/BC-LĐTBXH", "Lục Ngạn, ngày 05 tháng 7 năm 2023")
    title(p, ["BÁO CÁO", "Kết quả đưa người lao động đi làm việc ở nước ngoài",
              "6 tháng đầu năm 2023"])
    centred(p, "Kính gửi: Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang")
    p.space(4)
    p.line("I. KẾT QUẢ THỰC HIỆN", style="b")
    paras(p, ["1. Công tác tuyên truyền: phối hợp với Trung tâm Dịch vụ việc làm tỉnh tổ "
              "chức 12 buổi tư vấn tại các xã Kiên Lao, Tân Sơn, Biển Động, Phú Nhuận với "
              "hơn 900 lượt người tham dự.",
              "2. Số lao động đi làm việc ở nước ngoài: 386 người (đạt 55% kế hoạch năm), "
              "trong đó: Nhật Bản 201 người, Hàn Quốc 97 người, Đài Loan 76 người, thị "
              "trường khác 12 người.",
              "3. Số lao động thuộc hộ nghèo, hộ cận nghèo, người dân tộc thiểu số được "
              "vay vốn Ngân hàng Chính sách xã hội: 74 người, tổng dư nợ 5,2 tỷ đồng.",
              "4. Người lao động về nước trước thời hạn: 09 người, trong đó 02 người do "
              "tai nạn lao động, 04 người do sức khỏe, 03 người vi phạm hợp đồng."])
    p.line("II. TỒN TẠI, HẠN CHẾ", style="b")
    p.para("Một số người lao động tự ý bỏ hợp đồng, cư trú bất hợp pháp; công tác nắm "
           "thông tin người lao động sau khi xuất cảnh còn hạn chế.")
    d.page("Scan 20230705 1.jpg", p, office(p, 3101, 0.4))
    p = new_page(dpi)
    page_number(p, "- 2 -")
    p.line("III. PHƯƠNG HƯỚNG 6 THÁNG CUỐI NĂM", style="b")
    paras(p, ["1. Tiếp tục tuyên truyền, tư vấn, phấn đấu đưa 320 lao động đi làm việc ở "
              "nước ngoài, hoàn thành kế hoạch năm 2023.",
              "2. Phối hợp với các doanh nghiệp dịch vụ có uy tín, không để người lao "
              "động bị lừa đảo qua mạng xã hội.",
              "3. Rà soát người lao động về nước trước hạn, hướng dẫn lập hồ sơ hỗ trợ."])
    p.line("IV. KIẾN NGHỊ", style="b")
    p.para("Đề nghị Sở Lao động - Thương binh và Xã hội mở lớp bồi dưỡng tiếng Hàn tại "
           "huyện để người lao động dân tộc thiểu số thuận lợi tham gia./.")
    p.space(6)
    signer(p, ["TRƯỞNG PHÒNG"], "Nông Văn Bằng", 211,
           noinhan=["- Như trên;", "- UBND huyện (b/c);", "- Lưu: VT."])
    d.page("Scan 20230705 2.jpg", p, office(p, 3102, -0.35, blur300=1.2))
    d.doc(1, 2, "bao_cao", "156/BC-LĐTBXH", "2023-07-05")
    return d.write()


def d22_ha_van_tung(out):
    """Child protection: a reception record on two sheets scanned duplex (front
    of sheet 1, its blank back, sheet 2 holding only the signatures), then the
    placement decision."""
    d = Dossier(out, "tre-em", "Hà Văn Tùng")
    name, dpi = "Hà Văn Tùng", 300
    p = new_page(dpi)
    header(p, ["SỞ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI TỈNH HẢI DƯƠNG", "TRUNG TÂM CÔNG TÁC",
               "XÃ HỘI"], "Số: 27/BB-TTCTXH", "Hải Dương, ngày 02 tháng 11 năm 2023")
    title(p, ["BIÊN BẢN", "Tiếp nhận trẻ em cần được bảo vệ khẩn cấp"])
    paras(p, ["Vào hồi 16 giờ 20 phút ngày 02 tháng 11 năm 2023, tại Trung tâm Công tác "
              "xã hội tỉnh Hải Dương, chúng tôi gồm:",
              "Bên bàn giao: Công an phường Thanh Bình, thành phố Hải Dương; đại diện: "
              "ông Đào Quang Vĩnh, cán bộ Công an phường.",
              "Bên tiếp nhận: Trung tâm Công tác xã hội tỉnh Hải Dương; đại diện: bà "
              "Nguyễn Thị Thanh Tâm, Phó Giám đốc Trung tâm.",
              "Tiến hành bàn giao, tiếp nhận trẻ em:"])
    lines_(p, [f"Họ và tên: {name.upper()}", "Sinh năm: 2013 (theo lời khai)",
               "Giới tính: Nam", "Quê quán: chưa xác định"])
    paras(p, ["Hoàn cảnh: trẻ em được người dân phát hiện ngủ qua đêm tại khu vực bến xe "
              "Hải Dương, khai bỏ nhà đi từ tỉnh Phú Thọ, chưa liên lạc được với gia đình.",
              "Tình trạng sức khỏe khi tiếp nhận: gầy yếu, có vết trầy xước ở chân, tinh "
              "thần hoảng sợ. Tư trang: 01 túi quần áo cũ, không có giấy tờ tùy thân.",
              "Trung tâm Công tác xã hội tỉnh tiếp nhận, chăm sóc tạm thời trẻ em, phối "
              "hợp với cơ quan công an xác minh, tìm kiếm gia đình của trẻ em.",
              "Biên bản lập thành 03 bản có giá trị như nhau, bên bàn giao giữ 01 bản, "
              "bên tiếp nhận giữ 02 bản./."])
    d.page("scan0001.jpg", p, office(p, 3201, 0.3))
    d.page("scan0002.jpg", None, blank_back(p, 3202), dpi=dpi, text="")
    p2 = new_page(dpi)
    p2.space(4)
    two_signers(p2, (["ĐẠI DIỆN BÊN BÀN GIAO"], "Đào Quang Vĩnh"),
                (["ĐẠI DIỆN BÊN TIẾP NHẬN", "PHÓ GIÁM ĐỐC"], "Nguyễn Thị Thanh Tâm"), 221)
    d.page("scan0003.jpg", p2, office(p2, 3203, -0.4))
    d.doc(1, 3, "bien_ban", "27/BB-TTCTXH", "2023-11-02")
    p = new_page(dpi)
    header(p, SO_HD, "Số: 2718/QĐ-SLĐTBXH", "Hải Dương, ngày 03 tháng 11 năm 2023")
    title(p, ["QUYẾT ĐỊNH", "Về việc tiếp nhận, chăm sóc tạm thời trẻ em tại",
              "Trung tâm Công tác xã hội tỉnh"])
    centred(p, "GIÁM ĐỐC SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", style="b")
    p.space(4)
    paras(p, ["Căn cứ Luật Trẻ em ngày 05 tháng 4 năm 2016;",
              "Căn cứ Nghị định số 56/2017/NĐ-CP ngày 09 tháng 5 năm 2017 của Chính phủ "
              "quy định chi tiết một số điều của Luật Trẻ em;",
              "Xét đề nghị của Giám đốc Trung tâm Công tác xã hội tỉnh,"], style="i")
    centred(p, "QUYẾT ĐỊNH:", style="b")
    paras(p, ["Điều 1. Tiếp nhận trẻ em Hà Văn Tùng, sinh năm 2013, giới tính nam, vào "
              "chăm sóc tạm thời tại Trung tâm Công tác xã hội tỉnh kể từ ngày 02 tháng "
              "11 năm 2023 cho đến khi tìm được gia đình hoặc có biện pháp chăm sóc thay "
              "thế.",
              "Điều 2. Trẻ em được hưởng chế độ chăm sóc, nuôi dưỡng theo quy định tại "
              "Nghị định số 20/2021/NĐ-CP của Chính phủ.",
              "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Sở, "
              "Trưởng phòng Bảo trợ xã hội - Trẻ em, Giám đốc Trung tâm Công tác xã hội "
              "tỉnh chịu trách nhiệm thi hành Quyết định này./."])
    p.space(6)
    signer(p, ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Phạm Văn Luận", 222,
           noinhan=["- Như Điều 3;", "- Công an phường Thanh Bình;", "- Lưu: VT, BTXH."])
    d.page("scan0004.jpg", p, office(p, 3204, 0.5))
    d.doc(4, 4, "quyet_dinh", "2718/QĐ-SLĐTBXH", "2023-11-03")
    d.person(name)
    return d.write()


ALL = [d01_pham_van_thinh, d02_doan_thi_nhan, d03_luong_van_khai, d04_qd_1520,
       d05_hoang_van_tu, d06_can_ngheo_dong_cao, d07_bui_thi_sen, d08_nguyen_van_luc,
       d09_tran_thi_gai, d10_chi_tra_t10, d11_vi_van_thang, d12_hoang_thi_thu_ha,
       d13_cv_845, d14_luong_thi_anh, d15_do_minh_khang, d16_tre_em_quy3, d17_ngo_thi_ly,
       d18_qd_3307, d19_cv_1123, d20_lo_thi_phuong, d21_bao_cao_q2, d22_ha_van_tung]


def main(argv=None):
    global SEED
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=0,
                    help="scan noise / skew jitter / signatures only; content and split fixed")
    ap.add_argument("--only", help="build only dossiers whose function name contains this")
    a = ap.parse_args(argv)
    SEED = a.seed
    for sub in ("dossiers", "truth"):
        if (a.out / sub).exists():
            shutil.rmtree(a.out / sub)
    n_pages = n_docs = 0
    for make in ALL:
        if a.only and a.only not in make.__name__:
            continue
        t = make(a.out)
        n_pages += len(t["pages"])
        n_docs += len(t["documents"])
        print(f"{t['dossier']}: {len(t['pages'])} page(s), {len(t['documents'])} document(s)")
    print(f"total: {n_pages} pages, {n_docs} documents")


if __name__ == "__main__":
    main()
