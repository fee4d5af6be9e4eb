#!/usr/bin/env python3
"""Render synthetic scanned Vietnamese dossiers (Sở LĐ-TB&XH) plus ground truth.

Usage:  python3 samples/generate.py          (needs: pip install pillow)

Writes, next to this script:
  dossiers/<group>/<dossier>/<page files>   the "scans"
  truth/<group>/<dossier>.json              what is printed on them

Only Pillow and the standard library are used. Every random choice comes from a
seeded random.Random, text is laid out with Pillow's BASIC layout engine (no
libraqm), so re-running on the same Pillow/FreeType/libjpeg/zlib/libtiff gives
byte-identical files. See README.md for the layout of the truth files.
"""
from __future__ import annotations

import io
import json
import math
import random
import shutil
import statistics
import sys
import unicodedata
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

HERE = Path(__file__).resolve().parent
OUT_DOSSIERS = HERE / "dossiers"
OUT_TRUTH = HERE / "truth"

# --------------------------------------------------------------------------
# Fonts
# --------------------------------------------------------------------------
_LIB = Path("/usr/share/fonts/truetype/liberation")
_DJV = Path("/usr/share/fonts/truetype/dejavu")
if (_LIB / "LiberationSerif-Regular.ttf").exists():
    FONT_FAMILY = "Liberation Serif"
    FONT_FILES = {
        "r": _LIB / "LiberationSerif-Regular.ttf",
        "b": _LIB / "LiberationSerif-Bold.ttf",
        "i": _LIB / "LiberationSerif-Italic.ttf",
        "bi": _LIB / "LiberationSerif-BoldItalic.ttf",
        # Liberation Serif (Times metrics) is narrow enough for the header.
        "hr": _LIB / "LiberationSerif-Regular.ttf",
        "hb": _LIB / "LiberationSerif-Bold.ttf",
    }
else:
    FONT_FAMILY = "DejaVu Serif"
    FONT_FILES = {
        "r": _DJV / "DejaVuSerif.ttf",
        "b": _DJV / "DejaVuSerif-Bold.ttf",
        "i": _DJV / "DejaVuSerif-Italic.ttf",
        "bi": _DJV / "DejaVuSerif-BoldItalic.ttf",
        # DejaVu Serif is wide: the two-column header uses the condensed cut
        # for its long bold lines.
        "hr": _DJV / "DejaVuSerif.ttf",
        "hb": _DJV / "DejaVuSerifCondensed-Bold.ttf",
    }
_font_cache: dict[tuple[str, int], ImageFont.FreeTypeFont] = {}


def font(style: str, px: int) -> ImageFont.FreeTypeFont:
    key = (style, px)
    if key not in _font_cache:
        _font_cache[key] = ImageFont.truetype(
            str(FONT_FILES[style]), px, layout_engine=ImageFont.Layout.BASIC
        )
    return _font_cache[key]


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


# --------------------------------------------------------------------------
# Page layout: draws ink on a white canvas and records the truth text
# --------------------------------------------------------------------------
INK = 28  # ink grey level before the paper tone is multiplied in
SIGN_INK = 190  # blue ballpoint signatures come out light grey in a grey scan
BILEVEL_SIGMA = 6.0  # noise before thresholding the bilevel (TIFF) pages
BILEVEL_SPECKS = 40  # dust specks per bilevel page
TABLE_RULES = "book"  # table rules: "full" grid, "h" horizontal only, "book"
                   # (top, under the header, bottom), "none"
COL_SPACING = 1.45  # line spacing inside side-by-side blocks (see Page.columns)


class Page:
    """One A4 page. Everything drawn is also appended to `lines` (truth)."""

    def __init__(self, dpi: int, body_pt: float = 12.0, spacing: float = 1.28,
                 margins_mm=(20, 20, 30, 20)):
        self.dpi = dpi
        self.w = round(210 / 25.4 * dpi)
        self.h = round(297 / 25.4 * dpi)
        self.img = Image.new("L", (self.w, self.h), 255)
        self.draw = ImageDraw.Draw(self.img)
        top, bottom, left, right = margins_mm
        self.top, self.bottom = self.mm(top), self.h - self.mm(bottom)
        self.left, self.right = self.mm(left), self.w - self.mm(right)
        self.y = self.top
        self.body_pt = body_pt
        self.spacing = spacing
        self.lines: list[str] = []

    # units ------------------------------------------------------------
    def mm(self, v: float) -> int:
        return round(v / 25.4 * self.dpi)

    def px(self, pt: float) -> int:
        return round(pt / 72 * self.dpi)

    def f(self, style: str, pt: float | None = None) -> ImageFont.FreeTypeFont:
        return font(style, self.px(pt or self.body_pt))

    def lh(self, pt: float | None = None) -> int:
        return round(self.px(pt or self.body_pt) * self.spacing)

    # primitives -------------------------------------------------------
    def _text(self, x: float, baseline: float, s: str, fnt, fill=INK):
        self.draw.text((round(x), round(baseline)), s, font=fnt, fill=fill, anchor="ls")

    def _check(self):
        if self.y > self.bottom:
            raise RuntimeError(f"page overflow by {self.y - self.bottom}px: {self.lines[-1]!r}")

    def space(self, pt: float):
        self.y += self.px(pt)

    def line(self, s: str, style="r", pt=None, align="left", indent_mm=0.0,
             x0=None, x1=None, underline=None, record=True, advance=True):
        """One line of text. align: left/center/right within [x0, x1]."""
        s = nfc(s)
        fnt = self.f(style, pt)
        x0 = self.left if x0 is None else x0
        x1 = self.right if x1 is None else x1
        width = fnt.getlength(s)
        if align == "center":
            x = x0 + (x1 - x0 - width) / 2
        elif align == "right":
            x = x1 - width
        else:
            x = x0 + self.mm(indent_mm)
        if x < x0 - 1 or x + width > x1 + 1:
            raise RuntimeError(f"line too wide ({width:.0f} > {x1 - x0}): {s!r}")
        asc = fnt.getmetrics()[0]
        base = self.y + asc
        self._text(x, base, s, fnt)
        if underline:
            # underline = fraction of the text width, centred under the text
            uw = width * underline
            ux = x + (width - uw) / 2
            uy = base + self.px(pt or self.body_pt) * 0.42
            self.draw.line([(ux, uy), (ux + uw, uy)], fill=INK,
                           width=max(1, round(self.dpi / 150)))
        if record:
            self.lines.append(s)
        if advance:
            self.y += self.lh(pt)
            self._check()
        return x, width

    def para(self, s: str, style="r", pt=None, first_indent_mm=10.0, indent_mm=0.0,
             justify=True):
        """Wrapped paragraph, justified except its last line."""
        s = nfc(s)
        fnt = self.f(style, pt)
        space_w = fnt.getlength(" ")
        words = s.split()
        lines: list[list[str]] = []
        cur: list[str] = []
        first = True
        for wd in words:
            avail = self.right - self.left - self.mm(indent_mm) - (
                self.mm(first_indent_mm) if first and not lines else 0)
            trial = " ".join(cur + [wd])
            if cur and fnt.getlength(trial) > avail:
                lines.append(cur)
                cur = [wd]
            else:
                cur.append(wd)
        if cur:
            lines.append(cur)
        asc = fnt.getmetrics()[0]
        for i, ws in enumerate(lines):
            x = self.left + self.mm(indent_mm) + (self.mm(first_indent_mm) if i == 0 else 0)
            avail = self.right - x
            widths = [fnt.getlength(w) for w in ws]
            last = i == len(lines) - 1
            if justify and not last and len(ws) > 1:
                gap = (avail - sum(widths)) / (len(ws) - 1)
                # a justified line never gets more than 3 spaces between words
                gap = min(gap, space_w * 3)
            else:
                gap = space_w
            base = self.y + asc
            for w, wd in zip(ws, widths):
                self._text(x, base, w, fnt)
                x += wd + gap
            self.lines.append(" ".join(ws))
            self.y += self.lh(pt)
            self._check()

    def columns(self, left: list[dict], right: list[dict], split: float = 0.42,
                gap_mm: float = 4.0, extend_left_mm: float = 0.0, mode: str = "rows",
                order: str | None = None):
        """Two blocks side by side: the ND 30/2020 header or a signature row.

        Each item is a dict of Page.line() keyword arguments plus 's'; an item
        {'space': pt} leaves vertical room, {'sign': True} draws a signature.
        `extend_left_mm` lets the left block reach into the left margin.

        mode="blocks" (headers). Truth order: every line of the left block, then
          every line of the right block. Lines inside the blocks are spaced a
          little wider (COL_SPACING) and the right block starts about half a line
          lower than the left one, so no line of one block shares a text row
          with a line of the other: Tesseract then reads the two blocks one
          after the other. (With the rows aligned, as in most real documents,
          it reads them row by row.)
        mode="rows" (signature rows). Both blocks sit on one grid of body lines,
          so their lines share rows; a signature takes three rows. Truth order:
          for "Nơi nhận" | signer, column by column, left column first (the
          transcription convention of shared/real; OCR reads those bands in
          column order); for two signers side by side, row by row, the left item
          before the right item of the same row. `order="columns"` asks for column
          order whatever the blocks (signers whose rows do not line up).
        """
        x_left = self.left - self.mm(extend_left_mm)
        xm = x_left + (self.right - x_left) * split
        spans = ((x_left, xm - self.mm(gap_mm) / 2), (xm + self.mm(gap_mm) / 2, self.right))
        y0 = self.y
        ends = []
        if mode == "blocks":
            saved_spacing, self.spacing = self.spacing, COL_SPACING
            for k, (items, (x0, x1)) in enumerate(zip((left, right), spans)):
                self.y = y0 + (round(self.lh() * 0.45) if k == 1 and left else 0)
                for it in items:
                    it = dict(it)
                    if "space" in it:
                        self.y += self.px(it["space"])
                        continue
                    s = it.pop("s")
                    it.setdefault("align", "center")
                    self.line(s, x0=x0, x1=x1, **it)
                ends.append(self.y)
            self.spacing = saved_spacing
        elif mode == "rows":
            pitch = self.lh()
            cells = []  # (row, column, text)
            for k, (items, (x0, x1)) in enumerate(zip((left, right), spans)):
                row = 0
                for it in items:
                    it = dict(it)
                    self.y = y0 + row * pitch
                    if "space" in it:
                        row += max(1, round(self.px(it["space"]) / pitch))
                        continue
                    if it.pop("sign", False):
                        self.signature((x0 + x1) / 2, self.y + pitch * 0.2, self.mm(30),
                                       self.mm(13), it.get("seed", 0))
                        row += 3
                        continue
                    s = it.pop("s")
                    it.setdefault("align", "center")
                    self.line(s, x0=x0, x1=x1, record=False, advance=False, **it)
                    cells.append((row, k, nfc(s)))
                    row += 1
                ends.append(y0 + row * pitch)
            by_column = order == "columns" or (
                bool(left) and left[0].get("s", "").startswith("Nơi nhận"))
            order = (lambda c: (c[1], c[0])) if by_column else (lambda c: (c[0], c[1]))
            self.lines.extend(t for _, _, t in sorted(cells, key=order))
        else:
            raise ValueError(mode)
        self.y = max(ends)
        self._check()

    def signature(self, cx, y, w, h, seed):
        """A scribbled signature: a few loops drawn with a thin pen."""
        rng = random.Random(seed)
        pts = []
        n = 220
        loops = rng.uniform(3.0, 5.0)
        phase = rng.uniform(0, math.pi)
        for k in range(n):
            t = k / (n - 1)
            x = cx - w / 2 + w * t + w * 0.06 * math.sin(2 * math.pi * loops * t + phase)
            yy = (y + h / 2 + h * 0.35 * math.sin(2 * math.pi * loops * t * 1.9 + phase)
                  * (0.6 + 0.4 * math.sin(math.pi * t)) - h * 0.15 * t)
            pts.append((x, yy))
        self.draw.line(pts, fill=SIGN_INK, width=max(2, round(self.dpi / 110)), joint="curve")
        # final flourish
        x2, y2 = pts[-1]
        self.draw.line([(x2, y2), (x2 - w * 0.9, y2 + h * 0.25)], fill=SIGN_INK,
                       width=max(2, round(self.dpi / 140)))

    def table(self, cols: list[tuple[str, float, str]], rows: list[list[str]],
              header_style="b", pt=None, rule=None, row_h_em=1.75, lw=None):
        """cols: (title, width as fraction of text width, align). Grid lines
        sit well clear of the text (pad of ~1.5 mm)."""
        pt = pt or self.body_pt
        fnt_h, fnt = self.f(header_style, pt), self.f("r", pt)
        total = self.right - self.left
        xs = [self.left]
        for _, frac, _ in cols:
            xs.append(xs[-1] + total * frac)
        pad = self.mm(1.5)
        rule = TABLE_RULES if rule is None else rule
        row_h = round(self.px(pt) * row_h_em)
        lw = lw or max(1, round(self.dpi / 150))

        def draw_row(cells, fnt_, first=False):
            asc = fnt_.getmetrics()[0]
            base = self.y + (row_h - self.px(pt)) / 2 + asc * 0.92
            for (title, frac, align), x0, x1, c in zip(cols, xs, xs[1:], cells):
                c = nfc(c)
                wdt = fnt_.getlength(c)
                if wdt > (x1 - x0) - 2 * pad:
                    raise RuntimeError(f"cell too wide: {c!r}")
                if align == "center":
                    x = x0 + (x1 - x0 - wdt) / 2
                elif align == "right":
                    x = x1 - pad - wdt
                else:
                    x = x0 + pad
                self._text(x, base, c, fnt_)
            if rule in ("full", "h") or (rule == "book" and first):
                self.draw.line([(xs[0], self.y), (xs[-1], self.y)], fill=INK, width=lw)
            if rule == "full":
                for x in xs:
                    self.draw.line([(x, self.y), (x, self.y + row_h)], fill=INK, width=lw)
            self.lines.append(" ".join(nfc(c) for c in cells))
            self.y += row_h

        draw_row([c[0] for c in cols], fnt_h, first=True)
        if rule == "book":  # rule under the header row
            self.draw.line([(xs[0], self.y), (xs[-1], self.y)], fill=INK, width=lw)
        for r in rows:
            draw_row(r, fnt)
        if rule in ("full", "h", "book"):
            self.draw.line([(xs[0], self.y), (xs[-1], self.y)], fill=INK, width=lw)
        self.y += self.px(pt) // 2
        self._check()

    def text(self) -> str:
        return "\n".join(self.lines)


# --------------------------------------------------------------------------
# Scan degradation
# --------------------------------------------------------------------------
def gaussian_lut(sigma: float) -> list[int]:
    nd = statistics.NormalDist(128.0, sigma)
    return [max(0, min(255, round(nd.inv_cdf((i + 0.5) / 256)))) for i in range(256)]


def noise_image(size, sigma: float, rng: random.Random) -> Image.Image:
    """Gaussian noise centred on 128: uniform random bytes mapped through the
    normal quantile function (deterministic, no numpy)."""
    raw = Image.frombytes("L", size, rng.randbytes(size[0] * size[1]))
    return raw.point(gaussian_lut(sigma))


def paper(size, base: int, rng: random.Random, uneven: int = 4) -> Image.Image:
    """Paper tone with slow unevenness and a faint shadow along one edge."""
    gw, gh = 7, 10
    small = Image.new("L", (gw, gh))
    small.putdata([base + rng.randint(-uneven, uneven) for _ in range(gw * gh)])
    p = small.resize(size, Image.Resampling.BICUBIC)
    # scanner-lid shadow: up to 6 grey levels darker along the left edge
    ramp = Image.new("L", (100, 1))
    ramp.putdata([255 - max(0, round(6 * (1 - x / 15))) for x in range(100)])
    shade = ramp.resize(size, Image.Resampling.BILINEAR)
    return ImageChops.multiply(p, shade)


def scan(page: Page, seed: int, angle: float, blur300: float = 0.7,
         sigma: float = 7.0, paper_base: int = 240, clean_bg: bool = False) -> Image.Image:
    """Turn the crisp ink canvas into an office scan (greyscale)."""
    rng = random.Random(seed)
    ink = page.img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False,
                          fillcolor=255)
    img = ImageChops.multiply(paper(ink.size, paper_base, rng), ink)
    img = img.filter(ImageFilter.GaussianBlur(blur300 * page.dpi / 300))
    if sigma > 0:
        img = ImageChops.add(img, noise_image(img.size, sigma, rng), 1.0, -128)
    if clean_bg:
        # the scanner's "background clean-up" (used for the PNG pages): paper
        # lighter than 215 becomes a flat tone; darker values ramp into it.
        flat = paper_base + 2
        lut = [v if v < 150 else flat if v >= 215 else
               round(150 + (v - 150) * (flat - 150) / (215 - 150)) for v in range(256)]
        img = img.point(lut)
    return img


def scan_bilevel(page: Page, seed: int, angle: float, sigma: float = BILEVEL_SIGMA,
                 specks: int = BILEVEL_SPECKS, blur300: float = 0.6,
                 threshold: int = 128) -> Image.Image:
    """Fax-style bilevel scan: threshold a lightly blurred, noisy render (ragged
    glyph edges), then sprinkle a few specks of dust."""
    rng = random.Random(seed)
    ink = page.img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False,
                          fillcolor=255)
    g = ink.filter(ImageFilter.GaussianBlur(blur300 * page.dpi / 300))
    g = ImageChops.add(g, noise_image(g.size, sigma, rng), 1.0, -128)
    bw = g.point(lambda v: 255 if v > threshold else 0)
    d = ImageDraw.Draw(bw)
    for _ in range(specks):
        x, y = rng.randrange(bw.width), rng.randrange(bw.height)
        r = rng.choice((1, 1, 2))
        d.ellipse([x, y, x + r, y + r], fill=0)
    return bw.convert("1", dither=Image.Dither.NONE)


def save_jpeg(img: Image.Image, path: Path | None, dpi: int, quality: int) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, dpi=(dpi, dpi), optimize=True)
    data = buf.getvalue()
    if path is not None:
        path.write_bytes(data)
    return data


def save_png(img: Image.Image, path: Path, dpi: int):
    img.save(path, "PNG", dpi=(dpi, dpi), optimize=True)


# --------------------------------------------------------------------------
# Shared text blocks
# --------------------------------------------------------------------------
MOTTO_1 = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_2 = "Độc lập - Tự do - Hạnh phúc"
SO_1 = "UBND TỈNH BẮC NINH"
SO_2a = "SỞ LAO ĐỘNG - THƯƠNG BINH"
SO_2b = "VÀ XÃ HỘI"
SO_ISSUER = "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"


def header_two_col(p: Page, body: list[str], number: str, dateline: str, hpt=11.0):
    """ND 30/2020 header: issuing body + number on the left, motto + place/date
    on the right. body[0] is the superior body (regular), the rest bold."""
    left = [dict(s=body[0], style="hr", pt=hpt)]
    for i, b in enumerate(body[1:]):
        last = i == len(body) - 2
        left.append(dict(s=b, style="hb", pt=hpt, underline=0.4 if last else None))
    left += [dict(space=5), dict(s=number, style="hr", pt=hpt)]
    right = [dict(s=MOTTO_1, style="hb", pt=hpt),
             dict(s=MOTTO_2, style="hb", pt=hpt + 0.5, underline=1.0),
             dict(space=5), dict(s=dateline, style="i", pt=hpt)]
    p.columns(left, right, split=0.42, gap_mm=12, extend_left_mm=10, mode="blocks")
    p.space(14)


def motto_centred(p: Page):
    p.line(MOTTO_1, style="b", align="center")
    p.line(MOTTO_2, style="b", align="center", underline=1.0)
    p.space(12)


def title(p: Page, lines: list[str], pt=None):
    p.line(lines[0], style="b", pt=(pt or p.body_pt) + 1.5, align="center")
    for s in lines[1:]:
        p.line(s, style="b", align="center")
    p.space(8)


def fields_block(p: Page, items: list[str], indent_mm=10.0):
    for s in items:
        p.line(s, indent_mm=indent_mm)


# --------------------------------------------------------------------------
# Dossiers
# --------------------------------------------------------------------------
class Dossier:
    def __init__(self, group: str, name: str):
        self.group, self.name = nfc(group), nfc(name)
        self.dir = OUT_DOSSIERS / self.group / self.name
        self.dir.mkdir(parents=True, exist_ok=True)
        self.pages: list[dict] = []
        self.extra: dict = {}
        # The documents (văn bản) of the dossier: set when it holds several;
        # otherwise one spanning every page, with the dossier's first type,
        # number and signing date.
        self.documents: list[dict] | None = None

    def add(self, file: str, page: Page, index: int = 0, upright: bool = True):
        self.pages.append({"file": nfc(file), "index": index, "dpi": page.dpi,
                           "upright": upright, "text": page.text()})

    def write_truth(self, fields: dict, queries: list[dict]):
        keys = ["doc_type", "full_name", "citizen_id", "date_of_birth", "signed_date",
                "document_no", "gender", "phone", "amount_vnd", "address", "issuer",
                "social_insurance_no", "health_insurance_no"]
        out_fields = {}
        for k in keys:
            vals = fields.get(k, [])
            seen, uniq = set(), []
            for v in vals:
                v = nfc(v) if isinstance(v, str) else v
                if v not in seen:
                    seen.add(v)
                    uniq.append(v)
            out_fields[k] = uniq
        unknown = set(fields) - set(keys)
        assert not unknown, unknown
        doc = {"dossier": f"{self.group}/{self.name}", "pages": self.pages,
               "fields": out_fields,
               "queries": [{"q": nfc(q["q"]), "top": q["top"]} for q in queries]}
        doc.update(self.extra)
        first = lambda k: out_fields[k][0] if out_fields[k] else None
        doc["documents"] = self.documents or [{
            "pages": [1, len(self.pages)], "doc_type": first("doc_type"),
            "document_no": first("document_no"), "signed_date": first("signed_date")}]
        path = OUT_TRUTH / self.group / f"{self.name}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n",
                        encoding="utf-8")
        return doc


def iso(d: str) -> str:
    dd, mm, yy = d.split("/")
    return f"{yy}-{int(mm):02d}-{int(dd):02d}"


# 1 ------------------------------------------------------------------------
def dossier_tran_van_bay():
    d = Dossier("nguoi-co-cong", "Trần Văn Bảy")
    dpi = 300
    name_up, name = "TRẦN VĂN BẢY", "Trần Văn Bảy"
    dob, cccd = "12/05/1948", "027048001234"
    que = "xã Đình Tổ, huyện Thuận Thành, tỉnh Bắc Ninh"
    tru = "thôn Đại Tự, xã Đình Tổ, huyện Thuận Thành, tỉnh Bắc Ninh"

    # page 1: Quyết định ------------------------------------------------
    p = Page(dpi)
    header_two_col(p, [SO_1, SO_2a, SO_2b], "Số: 245/QĐ-SLĐTBXH",
                   "Bắc Ninh, ngày 26 tháng 11 năm 2022")
    title(p, ["QUYẾT ĐỊNH", "Về việc trợ cấp ưu đãi hàng tháng đối với",
              "người có công với cách mạng"])
    p.line("GIÁM ĐỐC SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", style="b", align="center")
    p.space(6)
    for s in ["Căn cứ Pháp lệnh Ưu đãi người có công với cách mạng số 02/2020/UBTVQH14 "
              "ngày 09 tháng 12 năm 2020;",
              "Căn cứ Nghị định số 131/2021/NĐ-CP ngày 30 tháng 12 năm 2021 của Chính phủ "
              "quy định chi tiết và biện pháp thi hành Pháp lệnh Ưu đãi người có công "
              "với cách mạng;",
              "Căn cứ Nghị định số 75/2021/NĐ-CP ngày 24 tháng 7 năm 2021 của Chính phủ quy "
              "định mức hưởng trợ cấp, phụ cấp và các chế độ ưu đãi người có công với "
              "cách mạng;",
              "Xét đề nghị của Trưởng phòng Người có công,"]:
        p.para(s)
    p.space(4)
    p.line("QUYẾT ĐỊNH:", style="b", align="center")
    p.space(4)
    p.para("Điều 1. Trợ cấp ưu đãi hàng tháng đối với người có công với cách mạng "
           "có thông tin như sau:")
    fields_block(p, [f"Họ và tên: {name_up}", f"Sinh ngày: {dob}", "Giới tính: Nam",
                     f"Số CCCD: {cccd}", f"Quê quán: {que}"])
    p.para(f"Nơi thường trú: {tru}", first_indent_mm=10, indent_mm=0)
    fields_block(p, ["Đối tượng: Thương binh, tỷ lệ tổn thương cơ thể 41%",
                     "Mức trợ cấp: 2.055.000 đồng/tháng",
                     "(Bằng chữ: Hai triệu không trăm năm mươi lăm nghìn đồng)",
                     "Thời điểm hưởng: từ ngày 01/12/2022"])
    p.para("Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Sở, "
           "Trưởng phòng Người có công, Trưởng phòng Lao động - Thương binh và Xã hội "
           f"huyện Thuận Thành và ông {name} chịu trách nhiệm thi hành Quyết định này./.")
    p.space(8)
    p.columns(
        [dict(s="Nơi nhận:", style="bi", align="left"),
         dict(s="- Như Điều 2;", pt=11, align="left"),
         dict(s="- Lưu: VT, NCC.", pt=11, align="left")],
        [dict(s="KT. GIÁM ĐỐC", style="b"), dict(s="PHÓ GIÁM ĐỐC", style="b"),
         dict(sign=True, seed=11), dict(s="Nguyễn Đức Thành", style="b")],
        split=0.45)
    save_jpeg(scan(p, 101, angle=0.45), d.dir / "trang 1.jpg", dpi, 80)
    d.add("trang 1.jpg", p)

    # page 2: Bản khai ---------------------------------------------------
    p = Page(dpi)
    motto_centred(p)
    title(p, ["BẢN KHAI", "Đề nghị giải quyết chế độ ưu đãi đối với thương binh"])
    p.line("I. THÔNG TIN CÁ NHÂN", style="b")
    fields_block(p, [f"Họ và tên: {name}", f"Ngày, tháng, năm sinh: {dob}",
                     "Giới tính: Nam", f"Số CCCD: {cccd}", f"Quê quán: {que}"])
    p.para(f"Nơi thường trú: {tru}", first_indent_mm=10)
    fields_block(p, ["Số điện thoại: 0912 345 678"])
    p.space(4)
    p.line("II. QUÁ TRÌNH THAM GIA CÁCH MẠNG", style="b")
    for s in ["Nhập ngũ tháng 3/1966, đơn vị: Trung đoàn 48, Sư đoàn 320.",
              "Bị thương ngày 17/04/1972 tại Quảng Trị trong khi đang làm nhiệm vụ "
              "chiến đấu.",
              "Xuất ngũ tháng 9/1976, trở về địa phương tham gia sản xuất.",
              "Giấy chứng nhận bị thương do Trung đoàn 48 cấp ngày 20/05/1972; đã được "
              "giám định tỷ lệ tổn thương cơ thể 41%."]:
        p.para(s)
    p.space(4)
    p.para("Tôi xin cam đoan những lời khai trên là đúng sự thật, nếu có điều gì sai "
           "tôi xin hoàn toàn chịu trách nhiệm trước pháp luật.")
    p.space(8)
    p.columns([], [dict(s="Đình Tổ, ngày 10 tháng 10 năm 2022", style="i"),
                   dict(s="NGƯỜI KHAI", style="b"),
                   dict(s="(Ký, ghi rõ họ tên)", style="i", pt=11),
                   dict(sign=True, seed=12), dict(s=name, style="b")], split=0.45)
    save_jpeg(scan(p, 102, angle=-0.6), d.dir / "trang 2.jpg", dpi, 80)
    d.add("trang 2.jpg", p)

    # page 3 (file "trang 10.jpg"): short xác nhận of the commune ----------
    p = Page(dpi)
    header_two_col(p, ["UBND HUYỆN THUẬN THÀNH", "UBND XÃ ĐÌNH TỔ"],
                   "Số: 86/XN-UBND", "Đình Tổ, ngày 12 tháng 10 năm 2022")
    title(p, ["GIẤY XÁC NHẬN"])
    p.para("Ủy ban nhân dân xã Đình Tổ xác nhận:")
    p.para(f"Ông {name}, sinh ngày {dob}, hiện cư trú tại thôn Đại Tự, xã Đình Tổ, "
           "huyện Thuận Thành, tỉnh Bắc Ninh.")
    p.para(f"Những nội dung ông {name} kê khai trong bản khai ngày 10/10/2022 là "
           "đúng sự thật./.")
    p.space(8)
    p.columns([], [dict(s="TM. ỦY BAN NHÂN DÂN", style="b"), dict(s="CHỦ TỊCH", style="b"),
                   dict(sign=True, seed=13), dict(s="Lê Quang Vinh", style="b")],
              split=0.45)
    save_jpeg(scan(p, 103, angle=0.3), d.dir / "trang 10.jpg", dpi, 80)
    d.add("trang 10.jpg", p)

    # Three documents: the decision, the declaration, the commune's
    # confirmation (a type without a slug: khac).
    d.documents = [
        {"pages": [1, 1], "doc_type": "quyet_dinh", "document_no": "245/QĐ-SLĐTBXH",
         "signed_date": "2022-11-26"},
        {"pages": [2, 2], "doc_type": "ban_khai", "document_no": None,
         "signed_date": "2022-10-10"},
        {"pages": [3, 3], "doc_type": "giay_xac_nhan", "document_no": "86/XN-UBND",
         "signed_date": "2022-10-12"},
    ]
    return d.write_truth({
        "doc_type": ["quyet_dinh"], "full_name": [name], "citizen_id": [cccd],
        "date_of_birth": [iso(dob)],
        "signed_date": ["2022-11-26", "2022-10-10", "2022-10-12"],
        "document_no": ["245/QĐ-SLĐTBXH", "86/XN-UBND"], "gender": ["nam"],
        "phone": ["0912345678"], "amount_vnd": [2055000], "address": [que, tru],
        "issuer": [SO_ISSUER, "UBND XÃ ĐÌNH TỔ"],
    }, [{"q": "tran van bay", "top": 3}, {"q": name, "top": 1},
        {"q": cccd, "top": 1}])


# 2 ------------------------------------------------------------------------
def dossier_nguyen_thi_hoa():
    d = Dossier("ho-ngheo", "Nguyễn Thị Hoa")
    dpi = 250
    name = "Nguyễn Thị Hoa"
    dob, cccd = "03/08/1979", "027179004567"
    bhxh = "2721345678"
    bhyt = "HN227" + bhxh  # group HN, benefit level 2, province 27, BHXH number
    addr = "thôn Tri Lễ, xã Tân Chi, huyện Tiên Du, tỉnh Bắc Ninh"
    p = Page(dpi)
    motto_centred(p)
    title(p, ["ĐƠN ĐỀ NGHỊ", "Cấp thẻ bảo hiểm y tế cho người thuộc hộ nghèo"])
    p.line("Kính gửi: Ủy ban nhân dân xã Tân Chi, huyện Tiên Du", align="center")
    p.space(8)
    fields_block(p, [f"Tôi tên là: {name.upper()}", f"Ngày, tháng, năm sinh: {dob}",
                     "Giới tính: Nữ", f"Số CCCD: {cccd}", f"Nơi thường trú: {addr}",
                     "Số điện thoại: 0987 654 321", f"Mã số BHXH: {bhxh}",
                     f"Mã thẻ BHYT cũ: {bhyt}, có giá trị đến ngày 31/12/2022"],
                 indent_mm=0)
    p.space(4)
    p.para("Hộ gia đình tôi thuộc danh sách hộ nghèo năm 2023 theo Quyết định số "
           "2150/QĐ-UBND ngày 28/12/2022 của Ủy ban nhân dân huyện Tiên Du. Thẻ bảo "
           "hiểm y tế của tôi đã hết hạn sử dụng.")
    p.para("Tôi làm đơn này đề nghị Ủy ban nhân dân xã xem xét, lập danh sách đề nghị "
           "cấp thẻ bảo hiểm y tế năm 2023 cho tôi và các thành viên trong hộ gia đình "
           "theo quy định.")
    p.para("Tôi xin cam đoan những thông tin trên là đúng sự thật và chịu trách nhiệm "
           "trước pháp luật về nội dung đã kê khai./.")
    p.space(8)
    p.columns([], [dict(s="Tân Chi, ngày 05 tháng 01 năm 2023", style="i"),
                   dict(s="NGƯỜI LÀM ĐƠN", style="b"),
                   dict(s="(Ký, ghi rõ họ tên)", style="i", pt=11),
                   dict(sign=True, seed=21), dict(s=name, style="b")], split=0.45)
    save_png(scan(p, 201, angle=-0.4, sigma=5.0, clean_bg=True), d.dir / "trang 1.png", dpi)
    d.add("trang 1.png", p)
    return d.write_truth({
        "doc_type": ["don_de_nghi"], "full_name": [name], "citizen_id": [cccd],
        "date_of_birth": [iso(dob)], "signed_date": ["2023-01-05"], "gender": ["nu"],
        "phone": ["0987654321"], "address": [addr],
        "social_insurance_no": [bhxh], "health_insurance_no": [bhyt],
    }, [{"q": "nguyen thi hoa", "top": 3}, {"q": name, "top": 1},
        {"q": bhyt, "top": 1}])


# 3 ------------------------------------------------------------------------
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
            "Dương", "Đào", "Đinh", "Tạ", "Lương", "Chu", "Nghiêm", "Phùng", "Kiều",
            "Triệu", "Mai", "Lại", "Cao", "Hà"]
MALE_MID = ["Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Thành", "Công"]
FEMALE_MID = ["Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Hồng"]
MALE_GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Hiếu", "Khánh", "Lâm",
              "Long", "Mạnh", "Nam", "Phong", "Quân", "Sơn", "Thắng", "Toàn", "Trung",
              "Tuấn", "Việt", "Vinh", "Hưng", "Đạt", "Kiên"]
FEMALE_GIVEN = ["Anh", "Chi", "Dung", "Duyên", "Giang", "Hằng", "Hạnh", "Huyền",
                "Hương", "Liên", "Linh", "Loan", "Mai", "Nga", "Ngân", "Nhung", "Oanh",
                "Phương", "Quỳnh", "Thảo", "Thúy", "Trang", "Tuyết", "Yến"]
WORKER_PROVINCES = ["027", "027", "027", "024", "024", "019", "020", "038", "040",
                    "030", "034", "036", "014", "025", "022"]


def fold(s: str) -> str:
    s = unicodedata.normalize("NFD", nfc(s).replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in s if unicodedata.category(c) != "Mn").lower()


def cccd_for(rng: random.Random, prov: str, year: int, female: bool) -> str:
    g = (0 if year < 2000 else 2) + (1 if female else 0)
    return f"{prov}{g}{year % 100:02d}{rng.randrange(10**6):06d}"


def money(v: int) -> str:
    return f"{v:,}".replace(",", ".")


def dossier_thue_nha(reserved: set[str]):
    d = Dossier("ho-tro-thue-nha", "Danh sách tháng 6-2022")
    dpi = 300
    rng = random.Random(3062022)
    workers = []
    used = set(reserved)
    while len(workers) < 40:
        female = rng.random() < 0.62
        nm = " ".join([rng.choice(SURNAMES),
                       rng.choice(FEMALE_MID if female else MALE_MID),
                       rng.choice(FEMALE_GIVEN if female else MALE_GIVEN)])
        if fold(nm) in used:
            continue
        used.add(fold(nm))
        year = rng.randint(1978, 2003)
        workers.append((nm, year, cccd_for(rng, rng.choice(WORKER_PROVINCES), year, female)))
    each = 1_500_000
    total = each * len(workers)
    cols = [("STT", 0.08, "right"), ("Họ và tên", 0.33, "left"),
            ("Năm sinh", 0.17, "center"), ("Số CCCD", 0.24, "center"),
            ("Số tiền", 0.18, "right")]
    rows = [[str(i + 1), nm, str(y), c, money(each)] for i, (nm, y, c) in enumerate(workers)]
    split_at = 22
    company = ["CÔNG TY TNHH MAY MẶC", "THUẬN THÀNH"]

    p1 = Page(dpi)
    # An attachment list: only the company block at the top left (no motto);
    # the place/date line sits above the director's signature on the last page.
    p1.columns([dict(s=company[0], style="hb"),
                dict(s=company[1], style="hb", underline=0.4),
                dict(s="Số: 36/DS-MMTT", style="hr")], [], split=0.42,
               extend_left_mm=10)
    p1.space(14)
    title(p1, ["DANH SÁCH", "NGƯỜI LAO ĐỘNG ĐỀ NGHỊ HỖ TRỢ TIỀN THUÊ NHÀ"])
    p1.line("(Theo Quyết định số 08/2022/QĐ-TTg ngày 28/3/2022 của Thủ tướng Chính phủ)",
            style="i", align="center", pt=11)
    p1.line("Mức hỗ trợ: 500.000 đồng/tháng x 3 tháng = 1.500.000 đồng/người",
            align="center")
    p1.line("Đơn vị tính: đồng", style="i", pt=11, align="right")
    p1.table(cols, rows[:split_at])

    p2 = Page(dpi)
    p2.table(cols, rows[split_at:])
    p2.para(f"Tổng cộng: {len(workers)} người, số tiền {money(total)} đồng.",
            first_indent_mm=0)
    p2.para("(Bằng chữ: Sáu mươi triệu đồng)", style="i", first_indent_mm=0)
    assert total == 60_000_000
    p2.space(8)
    p2.para("Người lập biểu: Vũ Thị Thu Trang, cán bộ phòng Hành chính - Nhân sự.",
            first_indent_mm=0)
    p2.space(6)
    p2.columns([],
               [dict(s="Thuận Thành, ngày 30 tháng 6 năm 2022", style="i"),
                dict(s="GIÁM ĐỐC", style="b"), dict(sign=True, seed=32),
                dict(s="Trịnh Văn Khánh", style="b")], split=0.40)

    imgs = [scan_bilevel(p1, 301, 0.35), scan_bilevel(p2, 302, -0.5)]
    fname = "DS thuê nhà T6-2022.tif"
    imgs[0].save(d.dir / fname, save_all=True, append_images=imgs[1:],
                 compression="group4", dpi=(dpi, dpi))
    d.add(fname, p1, index=0)
    d.add(fname, p2, index=1)
    pick = workers[29]  # on page 2
    return d.write_truth({
        "doc_type": ["danh_sach"], "full_name": [w[0] for w in workers],
        "citizen_id": [w[2] for w in workers],
        "date_of_birth": [str(w[1]) for w in workers], "signed_date": ["2022-06-30"],
        "document_no": ["36/DS-MMTT"], "amount_vnd": [500000, each, total],
        "issuer": [" ".join(company)],
    }, [{"q": fold(pick[0]), "top": 3}, {"q": pick[0], "top": 1}])


# 4 ------------------------------------------------------------------------
def dossier_lo_van_minh():
    d = Dossier("tre-em", "Lò Văn Minh")
    dpi = 200
    name = "Lò Văn Minh"
    dob, pid = "14/09/2012", "014212003456"
    que = "xã Chiềng Ngần, thành phố Sơn La, tỉnh Sơn La"
    p = Page(dpi)
    header_two_col(p, ["UBND TỈNH BẮC NINH", "TRUNG TÂM CÔNG TÁC XÃ HỘI"],
                   "Số: 15/BB-TTCTXH", "Bắc Ninh, ngày 14 tháng 3 năm 2023")
    title(p, ["BIÊN BẢN", "Tiếp nhận trẻ em cần sự bảo vệ khẩn cấp"])
    p.para("Hôm nay, vào hồi 09 giờ 30 phút ngày 14/3/2023, tại Trung tâm Công tác xã "
           "hội tỉnh Bắc Ninh, chúng tôi gồm:")
    p.para("Bên giao: Công an phường Đại Phúc, thành phố Bắc Ninh. Đại diện: ông Trịnh "
           "Xuân Bách, Phó Trưởng Công an phường.")
    p.para("Bên nhận: Trung tâm Công tác xã hội tỉnh Bắc Ninh. Đại diện: bà Đinh Thị "
           "Ngọc, Phó Giám đốc Trung tâm.")
    p.para("Hai bên tiến hành giao, nhận trẻ em có thông tin như sau:")
    fields_block(p, [f"Họ và tên: {name.upper()}", f"Sinh ngày: {dob}", "Giới tính: Nam",
                     f"Số định danh cá nhân: {pid}", "Dân tộc: Thái", f"Quê quán: {que}"])
    p.para("Tình trạng khi tiếp nhận: sức khỏe bình thường, không có thương tích; tư "
           "trang cá nhân gồm 01 ba lô quần áo.")
    p.para("Lý do tiếp nhận: trẻ em đi lạc, chưa liên hệ được với gia đình.")
    p.para("Trung tâm Công tác xã hội tỉnh Bắc Ninh có trách nhiệm chăm sóc, nuôi dưỡng "
           "tạm thời và phối hợp với cơ quan chức năng tìm kiếm gia đình của trẻ em.")
    p.para("Biên bản kết thúc vào hồi 10 giờ 15 phút cùng ngày, được lập thành 03 bản có "
           "giá trị như nhau, mỗi bên giữ 01 bản, 01 bản lưu hồ sơ của trẻ em./.")
    p.space(8)
    p.columns([dict(s="ĐẠI DIỆN BÊN GIAO", style="b"), dict(sign=True, seed=41),
               dict(s="Trịnh Xuân Bách", style="b")],
              [dict(s="ĐẠI DIỆN BÊN NHẬN", style="b"), dict(sign=True, seed=42),
               dict(s="Đinh Thị Ngọc", style="b")], split=0.45)
    save_jpeg(scan(p, 401, angle=1.0), d.dir / "bien ban tiep nhan.jpg", dpi, 82)
    d.add("bien ban tiep nhan.jpg", p)
    return d.write_truth({
        "doc_type": ["bien_ban"], "full_name": [name], "citizen_id": [pid],
        "date_of_birth": [iso(dob)], "signed_date": ["2023-03-14"],
        "document_no": ["15/BB-TTCTXH"], "gender": ["nam"], "address": [que],
        "issuer": ["TRUNG TÂM CÔNG TÁC XÃ HỘI"],
    }, [{"q": "lo van minh", "top": 3}, {"q": name, "top": 1}])


# 5 ------------------------------------------------------------------------
def dossier_pham_quoc_hung():
    d = Dossier("lao-dong-ngoai-nuoc", "Phạm Quốc Hùng")
    dpi = 300
    name = "Phạm Quốc Hùng"
    dob, cccd = "21/07/1996", "027096008812"
    addr = "khu phố Xuân Ổ A, phường Võ Cường, thành phố Bắc Ninh, tỉnh Bắc Ninh"
    company = ["CÔNG TY CỔ PHẦN", "NHÂN LỰC QUỐC TẾ KINH BẮC"]
    p = Page(dpi)
    header_two_col(p, company, "Số: 118/2023/HĐ-KB", "Bắc Ninh, ngày 17 tháng 4 năm 2023")
    title(p, ["HỢP ĐỒNG", "Đưa người lao động đi làm việc ở nước ngoài"])
    p.para("Căn cứ Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng "
           "số 69/2020/QH14 ngày 13 tháng 11 năm 2020;", style="i")
    p.para("Căn cứ Hợp đồng cung ứng lao động số 25/2023/KB-JP ký ngày 02/3/2023 với đối "
           "tác Nhật Bản, chúng tôi gồm:", style="i")
    p.line("Bên A: CÔNG TY CỔ PHẦN NHÂN LỰC QUỐC TẾ KINH BẮC", style="b")
    fields_block(p, ["Đại diện: ông Vũ Đình Khoa, chức vụ: Giám đốc",
                     "Mã số doanh nghiệp: 2301123456"])
    p.line("Bên B (người lao động):", style="b")
    fields_block(p, [f"Họ và tên: {name.upper()}", f"Sinh ngày: {dob}", "Giới tính: Nam",
                     f"Số CCCD: {cccd}"])
    p.para(f"Nơi thường trú: {addr}", first_indent_mm=10)
    fields_block(p, ["Số điện thoại: 0363 218 457"])
    p.para("Hai bên thỏa thuận ký kết hợp đồng với các điều khoản sau:")
    p.para("Điều 1. Bên A đưa Bên B sang làm việc tại Nhật Bản theo chương trình thực "
           "tập kỹ năng; ngành nghề: chế biến thực phẩm; thời hạn: 36 tháng.")
    p.para("Điều 2. Lương cơ bản: 165.000 yên/tháng; thời giờ làm việc: 8 giờ/ngày, "
           "5 ngày/tuần.")
    p.para("Điều 3. Tiền dịch vụ Bên B nộp cho Bên A: 45.000.000 đồng (Bằng chữ: Bốn mươi "
           "lăm triệu đồng). Tiền ký quỹ: 15.000.000 đồng, được hoàn trả khi thanh lý "
           "hợp đồng.")
    p.para("Điều 4. Hợp đồng có hiệu lực kể từ ngày ký và được lập thành 04 bản, mỗi bên "
           "giữ 02 bản./.")
    p.space(6)
    p.columns([dict(s="NGƯỜI LAO ĐỘNG", style="b"), dict(sign=True, seed=51),
               dict(s=name, style="b")],
              [dict(s="ĐẠI DIỆN BÊN A", style="b"), dict(s="GIÁM ĐỐC", style="b"),
               dict(sign=True, seed=52), dict(s="Vũ Đình Khoa", style="b")], split=0.45,
              order="columns")
    save_jpeg(scan(p, 501, angle=-0.35), d.dir / "trang 1.jpg", dpi, 80)
    d.add("trang 1.jpg", p)

    # trang 2.jpg: a real scan of the annex, cut short by a failed copy.
    p2 = Page(dpi)
    title(p2, ["PHỤ LỤC HỢP ĐỒNG", "Quyền và nghĩa vụ của các bên"])
    for k in range(5, 12):
        p2.para(f"Điều {k}. Bên A có trách nhiệm hướng dẫn, hỗ trợ Bên B trong thời gian "
                "làm việc ở nước ngoài và giải quyết các vấn đề phát sinh theo quy định.")
    data = save_jpeg(scan(p2, 502, angle=0.5), None, dpi, 80)
    (d.dir / "trang 2.jpg").write_bytes(data[:2000])
    (d.dir / "ghi chú.txt").write_text(nfc(
        "Hồ sơ anh Phạm Quốc Hùng: thiếu bản sao hộ chiếu.\n"
        "Trang 2 (phụ lục hợp đồng) sao chép bị lỗi, cần quét lại.\n"), encoding="utf-8")
    # Finder metadata as copied from a Mac: hidden, binary, not a page.
    ds = bytearray(b"\x00\x00\x00\x01Bud1" + bytes(4) + b"\x00\x00\x08\x00")
    ds += bytes(random.Random(5).randbytes(1024 - len(ds)))
    (d.dir / ".DS_Store").write_bytes(bytes(ds))
    d.extra["bad_files"] = ["trang 2.jpg"]
    return d.write_truth({
        "doc_type": ["hop_dong"], "full_name": [name], "citizen_id": [cccd],
        "date_of_birth": [iso(dob)], "signed_date": ["2023-04-17"],
        "document_no": ["118/2023/HĐ-KB"], "gender": ["nam"], "phone": ["0363218457"],
        "amount_vnd": [45000000, 15000000], "address": [addr],
        "issuer": [" ".join(company)],
    }, [{"q": "pham quoc hung", "top": 3}, {"q": name, "top": 1},
        {"q": "0363218457", "top": 1}])


# 6 ------------------------------------------------------------------------
def dossier_hoang_thi_lan():
    d = Dossier("nguoi-co-cong", "Hoàng Thị Lan")
    dpi = 300
    name = "Hoàng Thị Lan"
    dob, cccd = "02/02/1952", "027152006789"
    tru = "thôn Đông Xuyên, xã Đông Tiến, huyện Yên Phong, tỉnh Bắc Ninh"
    ls_name, ls_year = "Ngô Quang Tuấn", "1950"
    ls_que = "xã Đông Tiến, huyện Yên Phong, tỉnh Bắc Ninh"
    p = Page(dpi)
    header_two_col(p, [SO_1, SO_2a, SO_2b], "Số: 1187/GCN-SLĐTBXH",
                   "Bắc Ninh, ngày 08 tháng 02 năm 2023")
    title(p, ["GIẤY CHỨNG NHẬN", "GIA ĐÌNH LIỆT SĨ"])
    p.para("Giám đốc Sở Lao động - Thương binh và Xã hội tỉnh Bắc Ninh chứng nhận:")
    fields_block(p, [f"Họ và tên: {name.upper()}", f"Sinh ngày: {dob}", "Giới tính: Nữ",
                     f"Số CCCD: {cccd}"])
    p.para(f"Nơi thường trú: {tru}", first_indent_mm=10)
    fields_block(p, ["Quan hệ với liệt sĩ: Vợ"])
    p.para("Là thân nhân của liệt sĩ có thông tin như sau:")
    fields_block(p, [f"Họ và tên liệt sĩ: {ls_name.upper()}", f"Năm sinh: {ls_year}",
                     f"Nguyên quán: {ls_que}",
                     "Hi sinh ngày 15/03/1972 tại mặt trận Quảng Trị"])
    p.para(f"Bà {name} được hưởng trợ cấp tuất hàng tháng với mức 1.624.000 đồng/tháng "
           "kể từ ngày 01/03/2023 theo quy định tại Nghị định số 75/2021/NĐ-CP ngày 24 "
           "tháng 7 năm 2021 của Chính phủ./.")
    p.space(8)
    p.columns(
        [dict(s="Nơi nhận:", style="bi", align="left"),
         dict(s=f"- Bà {name};", pt=11, align="left"),
         dict(s="- Phòng LĐ-TB&XH Yên Phong;", pt=11, align="left"),
         dict(s="- Lưu: VT, NCC.", pt=11, align="left")],
        [dict(s="KT. GIÁM ĐỐC", style="b"), dict(s="PHÓ GIÁM ĐỐC", style="b"),
         dict(sign=True, seed=61), dict(s="Nguyễn Đức Thành", style="b")], split=0.45)
    save_png(scan(p, 601, angle=0.55, sigma=5.0, clean_bg=True), d.dir / "giay chung nhan.png", dpi)
    d.add("giay chung nhan.png", p)
    return d.write_truth({
        "doc_type": ["giay_chung_nhan"], "full_name": [name, ls_name],
        "citizen_id": [cccd], "date_of_birth": [iso(dob), ls_year],
        "signed_date": ["2023-02-08"], "document_no": ["1187/GCN-SLĐTBXH"],
        "gender": ["nu"], "amount_vnd": [1624000], "address": [tru, ls_que],
        "issuer": [SO_ISSUER],
    }, [{"q": "hoang thi lan", "top": 3}, {"q": name, "top": 1}])


# --------------------------------------------------------------------------
def main():
    for d in (OUT_DOSSIERS, OUT_TRUTH):
        if d.exists():
            shutil.rmtree(d)
    print(f"font: {FONT_FAMILY}")
    subjects = ["Trần Văn Bảy", "Nguyễn Thị Hoa", "Lò Văn Minh", "Phạm Quốc Hùng",
                "Hoàng Thị Lan", "Ngô Quang Tuấn", "Nguyễn Đức Thành", "Lê Quang Vinh",
                "Vũ Thị Thu Trang", "Trịnh Văn Khánh", "Trịnh Xuân Bách", "Đinh Thị Ngọc",
                "Vũ Đình Khoa"]
    docs = [dossier_tran_van_bay(), dossier_nguyen_thi_hoa(),
            dossier_thue_nha({fold(s) for s in subjects}), dossier_lo_van_minh(),
            dossier_pham_quoc_hung(), dossier_hoang_thi_lan()]
    import gen_fields  # dossiers for field extraction (issue 4): samples/gen_fields.py
    docs += gen_fields.all_dossiers()
    import gen_documents  # dossiers of several documents (issue 13): samples/gen_documents.py
    named = {fold(n) for doc in docs for n in doc["fields"]["full_name"]}
    docs += gen_documents.all_dossiers(named | {fold(s) for s in subjects})
    for doc in docs:
        for pg in doc["pages"]:
            t = pg["text"]
            assert t == nfc(t)
            assert "ỵ" not in t.lower(), (doc["dossier"], "ỵ")
        print(f"{doc['dossier']}: {len(doc['pages'])} page(s)")
    import gen_degraded  # the degraded scan set, truth beside the scans
    gen_degraded.main()


if __name__ == "__main__":
    sys.exit(main())
