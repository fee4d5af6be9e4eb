#!/usr/bin/env python3
"""Render the degraded scan set (issue: scan quality) with ground truth beside it.

Usage:  python3 samples/gen_degraded.py      (also run by generate.py)

Writes samples/degraded/<dossier>/<page files> and, beside each page file,
its ground truth: `<file name>.gt.txt` (UTF-8, NFC). A multi-page file (PDF,
TIFF) has one truth file whose pages are separated by a form feed (\\f), as
Tesseract separates pages. An empty truth means the page is blank.

Each page is something a person reads easily but raw Tesseract does not:
a faded, unevenly lit, skewed 150 dpi typewritten decision from 1996, a
certificate scanned upside down, a form fed in sideways, a fax (bilevel,
204×98 dpi, CCITT G3), a 600 dpi over-resolved scan, a noisy photocopy, the
blank back of a sheet with scanner noise and faint show-through, and a
scanned two-page PDF. `sohoa eval samples/degraded` measures them.
"""
from __future__ import annotations

import io
import random
import shutil
import time
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

import generate as G
from generate import Page, header_two_col, motto_centred, title, fields_block, nfc

OUT = G.HERE / "degraded"
# A typewriter face with every Vietnamese letter (DejaVu Sans Mono lacks
# many precomposed ones): FreeMono, from Debian's fonts-freefont-ttf.
_FREE = Path("/usr/share/fonts/truetype/freefont")
if not (_FREE / "FreeMono.ttf").exists():
    raise SystemExit("gen_degraded.py needs FreeMono: apt-get install fonts-freefont-ttf")
G.FONT_FILES.setdefault("m", _FREE / "FreeMono.ttf")
G.FONT_FILES.setdefault("mb", _FREE / "FreeMonoBold.ttf")


def write_truth(dossier: Path, file: str, pages: list[str]):
    text = "\f".join(nfc(p) for p in pages)
    (dossier / f"{file}.gt.txt").write_text(text + ("\n" if text else ""), encoding="utf-8")


def lowfreq(size, lo: float, hi: float, rng: random.Random, grid=(6, 8)) -> Image.Image:
    """A smooth random field with values between lo and hi (0–255 scale)."""
    small = Image.new("L", grid)
    small.putdata([round(rng.uniform(lo, hi)) for _ in range(grid[0] * grid[1])])
    return small.resize(size, Image.Resampling.BICUBIC)


def fade_ink(ink: Image.Image, lo: float, hi: float, rng: random.Random) -> Image.Image:
    """Weaken the ink by a slowly varying factor (a tired typewriter ribbon)."""
    strength = lowfreq(ink.size, lo * 255, hi * 255, rng, grid=(12, 16))
    return ImageChops.invert(ImageChops.multiply(ImageChops.invert(ink), strength))


def uneven_light(size, dark: int, rng: random.Random) -> Image.Image:
    """Illumination falling from white at one corner to `dark` at the other,
    plus a soft blotch: what a book-edge or a cheap flatbed lid does."""
    down = Image.linear_gradient("L").resize(size)  # 0 at the top, 255 at the bottom
    across = Image.linear_gradient("L").transpose(Image.Transpose.ROTATE_90).resize(size)
    ramp = ImageChops.add(down, across, scale=2.0)  # 0 top-left … 255 bottom-right
    lut = [round(255 - (255 - dark) * (v / 255) ** 1.3) for v in range(256)]
    light = ramp.point(lut)
    return ImageChops.multiply(light, lowfreq(size, 215, 255, rng, grid=(4, 5)))


def noise(img: Image.Image, sigma: float, rng: random.Random) -> Image.Image:
    return ImageChops.add(img, G.noise_image(img.size, sigma, rng), 1.0, -128)


def to_jpeg(img: Image.Image, path: Path, dpi, quality: int):
    img.save(path, "JPEG", quality=quality, dpi=dpi if isinstance(dpi, tuple) else (dpi, dpi),
             optimize=True)


# ---------------------------------------------------------------------------
def faded_decision_1996(out: Path):
    """Typewritten (monospace) decision, 1996: faded ribbon, uneven light,
    3.5° skew, scanned at 150 dpi grey."""
    d = out / "Quyết định 1996"
    d.mkdir(parents=True)
    p = Page(300, body_pt=12.0, spacing=1.45, margins_mm=(22, 20, 28, 18))
    for s in ["UBND TỈNH HÀ BẮC", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Số: 112/QĐ-LĐTBXH"]:
        p.line(s, style="m")
    p.space(6)
    p.line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", style="mb", align="center")
    p.line("Độc lập - Tự do - Hạnh phúc", style="m", align="center")
    p.line("Hà Bắc, ngày 14 tháng 8 năm 1996", style="m", align="right")
    p.space(10)
    p.line("QUYẾT ĐỊNH", style="mb", align="center", pt=13)
    p.line("Về việc trợ cấp thương tật hàng tháng", style="m", align="center")
    p.space(8)
    p.para("Căn cứ Pháp lệnh ưu đãi người hoạt động cách mạng, liệt sĩ và gia đình "
           "liệt sĩ, thương binh, bệnh binh ngày 29 tháng 8 năm 1994;", style="m")
    p.para("Xét hồ sơ và đề nghị của Phòng Thương binh liệt sĩ,", style="m")
    p.line("QUYẾT ĐỊNH:", style="mb", align="center")
    p.para("Điều 1. Trợ cấp thương tật hàng tháng cho ông Nguyễn Văn Thắng, sinh năm "
           "1951, quê quán xã Tam Sơn, huyện Tiên Sơn, tỉnh Hà Bắc, thương binh hạng "
           "3/4, tỷ lệ thương tật 45%, mức trợ cấp 86.000 đồng/tháng kể từ ngày 01 "
           "tháng 9 năm 1996.", style="m")
    p.para("Điều 2. Phòng Thương binh liệt sĩ, Phòng Kế hoạch tài chính và ông "
           "Nguyễn Văn Thắng chịu trách nhiệm thi hành quyết định này./.", style="m")
    p.space(10)
    p.line("GIÁM ĐỐC SỞ", style="mb", align="right", indent_mm=0)
    p.space(26)
    p.line("Đỗ Quang Huy", style="m", align="right")
    typewritten_scan(p, 19960814, ink=(0.30, 0.55), angle=3.5, dark=120,
                     path=d / "quyet dinh.jpg")
    write_truth(d, "quyet dinh.jpg", [p.text()])
    # its annex, typed with a worn-out ribbon: a fifth of full ink
    p = Page(300, body_pt=12.0, spacing=1.45, margins_mm=(22, 20, 28, 18))
    p.line("DANH SÁCH THÂN NHÂN ĐƯỢC HƯỞNG TRỢ CẤP", style="mb", align="center")
    p.line("(Kèm theo Quyết định số 112/QĐ-LĐTBXH)", style="m", align="center")
    p.space(8)
    for s in ["1. Nguyễn Thị Lụa, sinh năm 1953, vợ", "2. Nguyễn Văn Toàn, sinh năm 1975, con",
              "3. Nguyễn Thị Hiền, sinh năm 1978, con"]:
        p.line(s, style="m", indent_mm=8)
    p.space(6)
    p.para("Nơi thường trú: thôn Tam Sơn, xã Tam Sơn, huyện Tiên Sơn, tỉnh Hà Bắc./.",
           style="m")
    typewritten_scan(p, 19960815, ink=(0.18, 0.35), angle=-4.5, dark=130,
                     path=d / "danh sach.jpg")
    write_truth(d, "danh sach.jpg", [p.text()])


def typewritten_scan(p: Page, seed: int, ink, angle: float, dark: int, path: Path):
    """A typed page as a 150 dpi office scan: the ribbon ink spread and
    faded to `ink` (fractions of full black), skewed by `angle`°, light
    falling to `dark` toward one corner."""
    rng = random.Random(seed)
    img = p.img.filter(ImageFilter.MinFilter(3))  # ribbon ink spreads into the paper
    img = fade_ink(img, ink[0], ink[1], rng)
    img = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(0.9))
    small = img.resize((img.width // 2, img.height // 2), Image.Resampling.BOX)
    paper = G.paper(small.size, 236, rng, uneven=6)
    out = ImageChops.multiply(ImageChops.multiply(small, paper),
                              uneven_light(small.size, dark, rng))
    to_jpeg(noise(out, 5.0, rng), path, 150, 70)


def certificate_page(name="LÊ THỊ MAI") -> Page:
    p = Page(300)
    header_two_col(p, ["UBND TỈNH BẮC NINH", "SỞ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI"],
                   "Số: 2046/GCN-SLĐTBXH", "Bắc Ninh, ngày 19 tháng 4 năm 2021")
    title(p, ["GIẤY CHỨNG NHẬN", "NGƯỜI CÓ CÔNG GIÚP ĐỠ CÁCH MẠNG"])
    p.para("Giám đốc Sở Lao động - Thương binh và Xã hội tỉnh Bắc Ninh chứng nhận:")
    fields_block(p, [f"Bà: {name}", "Sinh năm: 1939", "Giới tính: Nữ",
                     "Số CCCD: 027139004512"])
    p.para("Nơi thường trú: thôn Lạc Thổ, thị trấn Hồ, huyện Thuận Thành, tỉnh Bắc Ninh")
    p.para("Đã có thành tích giúp đỡ cách mạng trong kháng chiến chống Mỹ cứu nước, "
           "được hưởng chế độ ưu đãi theo quy định của Pháp lệnh ưu đãi người có công "
           "với cách mạng số 02/2020/UBTVQH14./.")
    return p


def upside_down_certificate(out: Path):
    """A certificate scanned upside down (300 dpi grey JPEG), and the blank
    back of the sheet: scanner noise, dust, faint show-through."""
    d = out / "Lê Thị Mai"
    d.mkdir(parents=True)
    p = certificate_page()
    img = G.scan(p, 3101, angle=0.4).rotate(180)
    to_jpeg(img, d / "trang 1.jpg", 300, 78)
    write_truth(d, "trang 1.jpg", [p.text()])
    # the back: show-through of the front, mirrored, at a few grey levels
    rng = random.Random(3102)
    show = ImageOps.mirror(p.img).point(lambda v: 255 - (255 - v) * 7 // 255)
    back = ImageChops.multiply(G.paper(show.size, 238, rng, uneven=5), show)
    back = noise(back.filter(ImageFilter.GaussianBlur(1.5)), 6.0, rng)
    dr = ImageDraw.Draw(back)
    for _ in range(60):
        x, y = rng.randrange(back.width), rng.randrange(back.height)
        r = rng.choice((1, 2, 2, 3))
        dr.ellipse([x, y, x + r, y + r], fill=rng.randrange(40, 150))
    to_jpeg(back, d / "trang 2.jpg", 300, 78)
    write_truth(d, "trang 2.jpg", [""])


def sideways_application(out: Path):
    """An application form fed in sideways: rotated 90°, PNG."""
    d = out / "Vũ Văn Hải"
    d.mkdir(parents=True)
    p = Page(300)
    motto_centred(p)
    title(p, ["ĐƠN ĐỀ NGHỊ", "Hỗ trợ tiền thuê nhà cho người lao động"])
    p.line("Kính gửi: Ủy ban nhân dân xã Phù Chẩn", indent_mm=10)
    fields_block(p, ["Họ và tên: Vũ Văn Hải", "Ngày sinh: 03/11/1990",
                     "Số CCCD: 027090011223", "Số điện thoại: 0912 345 678"])
    p.para("Chỗ ở hiện tại: phòng trọ số 5, khu phố Đồng Nguyên, phường Đồng Nguyên, "
           "thành phố Từ Sơn, tỉnh Bắc Ninh")
    p.para("Tôi đang làm việc tại Công ty TNHH Điện tử Vina, đề nghị được hỗ trợ tiền "
           "thuê nhà theo Quyết định số 08/2022/QĐ-TTg, mức 500.000 đồng/tháng trong "
           "3 tháng./.")
    img = G.scan(p, 4101, angle=-0.3, sigma=5.0, clean_bg=True).rotate(90, expand=True)
    img.save(d / "don de nghi.png", "PNG", dpi=(300, 300), optimize=True)
    write_truth(d, "don de nghi.png", [p.text()])


def fax(out: Path):
    """A fax: bilevel, 204×98 dpi (standard resolution), CCITT Group 3 TIFF."""
    d = out / "Công văn fax"
    d.mkdir(parents=True)
    p = Page(204, body_pt=12.0)
    header_two_col(p, ["UBND HUYỆN GIA BÌNH", "PHÒNG LAO ĐỘNG -", "THƯƠNG BINH VÀ XÃ HỘI"],
                   "Số: 87/LĐTBXH", "Gia Bình, ngày 05 tháng 01 năm 2022")
    p.line("V/v rà soát danh sách hộ nghèo năm 2022", indent_mm=0, pt=11)
    p.space(8)
    p.line("Kính gửi: Ủy ban nhân dân các xã, thị trấn", align="center")
    p.para("Thực hiện Kế hoạch số 12/KH-UBND của Ủy ban nhân dân huyện, Phòng Lao động "
           "- Thương binh và Xã hội đề nghị các xã rà soát, lập danh sách hộ nghèo, hộ "
           "cận nghèo và gửi về Phòng trước ngày 20 tháng 01 năm 2022.")
    p.para("Đầu mối liên hệ: bà Trương Thị Hạnh, số điện thoại 0222 3865 104./.")
    rng = random.Random(5101)
    g = p.img.rotate(0.8, resample=Image.Resampling.BICUBIC, fillcolor=255)
    g = g.resize((g.width, round(g.height * 98 / 204)), Image.Resampling.BOX)
    g = noise(g.filter(ImageFilter.GaussianBlur(0.5)), 10.0, rng)
    bw = g.point(lambda v: 255 if v > 150 else 0)
    dr = ImageDraw.Draw(bw)
    for _ in range(80):
        x, y = rng.randrange(bw.width), rng.randrange(bw.height)
        dr.point((x, y), fill=0)
    bw.convert("1", dither=Image.Dither.NONE).save(
        d / "cong van.tif", "TIFF", compression="group3", dpi=(204, 98))
    write_truth(d, "cong van.tif", [p.text()])


def over_resolved(out: Path):
    """A 600 dpi grey scan of a short notice: twice the pixels OCR needs."""
    d = out / "Thông báo 600 dpi"
    d.mkdir(parents=True)
    p = Page(600)
    header_two_col(p, ["UBND TỈNH BẮC NINH", "SỞ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI"],
                   "Số: 315/TB-SLĐTBXH", "Bắc Ninh, ngày 02 tháng 6 năm 2023")
    title(p, ["THÔNG BÁO", "Về việc tuyển lao động đi làm việc tại Hàn Quốc"])
    p.para("Sở Lao động - Thương binh và Xã hội tỉnh Bắc Ninh thông báo tuyển chọn lao "
           "động đi làm việc tại Hàn Quốc theo Chương trình EPS năm 2023, ngành sản xuất "
           "chế tạo, nông nghiệp.")
    p.para("Người lao động từ 18 đến 39 tuổi, chưa từng cư trú bất hợp pháp tại Hàn "
           "Quốc, nộp hồ sơ tại Trung tâm Dịch vụ việc làm tỉnh trước ngày 30 tháng 6 "
           "năm 2023. Lệ phí dự thi: 1.400.000 đồng./.")
    img = G.scan(p, 6101, angle=0.25, sigma=6.0)
    to_jpeg(img, d / "thong bao.jpg", 600, 70)
    write_truth(d, "thong bao.jpg", [p.text()])


def noisy_photocopy(out: Path):
    """A photocopy of a photocopy: grey background, toner specks, a dark band
    along the edge, 200 dpi."""
    d = out / "Biên bản photo"
    d.mkdir(parents=True)
    p = Page(300)
    motto_centred(p)
    title(p, ["BIÊN BẢN", "Xác minh hoàn cảnh gia đình"])
    p.para("Hôm nay, ngày 10 tháng 3 năm 2020, tại nhà ông Đinh Công Lực, thôn Phú Mẫn, "
           "xã Cảnh Hưng, huyện Tiên Du, tỉnh Bắc Ninh, chúng tôi gồm:")
    fields_block(p, ["1. Ông Phan Văn Tới - cán bộ Lao động - Thương binh và Xã hội xã",
                     "2. Bà Trần Thị Nhung - Trưởng thôn Phú Mẫn"])
    p.para("Đã tiến hành xác minh hoàn cảnh gia đình ông Đinh Công Lực, sinh năm 1962. "
           "Gia đình có 5 nhân khẩu, thu nhập bình quân 850.000 đồng/người/tháng, nhà ở "
           "bán kiên cố đã xuống cấp. Đề nghị xét công nhận hộ nghèo năm 2020.")
    p.para("Biên bản kết thúc lúc 10 giờ cùng ngày, đã đọc lại cho mọi người cùng nghe "
           "và nhất trí ký tên./.")
    rng = random.Random(7101)
    ink = p.img.rotate(-1.2, resample=Image.Resampling.BICUBIC, fillcolor=255)
    ink = ink.resize((ink.width * 2 // 3, ink.height * 2 // 3), Image.Resampling.BOX)
    img = ImageChops.multiply(ink, G.paper(ink.size, 205, rng, uneven=10))
    img = noise(img, 14.0, rng)
    dr = ImageDraw.Draw(img)
    for _ in range(1500):
        x, y = rng.randrange(img.width), rng.randrange(img.height)
        r = rng.choice((1, 1, 1, 2, 3))
        dr.ellipse([x, y, x + r, y + r], fill=rng.randrange(10, 90))
    band = rng.randrange(25, 40)
    dr.rectangle([0, 0, band, img.height], fill=35)
    to_jpeg(img, d / "bien ban.jpg", 200, 65)
    write_truth(d, "bien ban.jpg", [p.text()])


def scanned_pdf(out: Path):
    """A scanned two-page PDF (image only, 200 dpi grey JPEG in each page)."""
    d = out / "Trương Văn Sáu"
    d.mkdir(parents=True)
    p1 = Page(200)
    header_two_col(p1, ["UBND TỈNH BẮC NINH", "SỞ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI"],
                   "Số: 578/QĐ-SLĐTBXH", "Bắc Ninh, ngày 22 tháng 9 năm 2021")
    title(p1, ["QUYẾT ĐỊNH", "Về việc hỗ trợ người lao động bị ảnh hưởng bởi Covid-19"])
    p1.para("Căn cứ Nghị quyết số 68/NQ-CP ngày 01 tháng 7 năm 2021 của Chính phủ;")
    p1.para("Xét đề nghị của Ủy ban nhân dân huyện Quế Võ,")
    p1.line("QUYẾT ĐỊNH:", style="b", align="center")
    p1.para("Điều 1. Hỗ trợ ông Trương Văn Sáu, sinh ngày 17/02/1985, số CCCD "
            "027085003344, người lao động tạm hoãn hợp đồng lao động, mức hỗ trợ "
            "3.710.000 đồng.")
    p2 = Page(200)
    title(p2, ["DANH SÁCH KÈM THEO"])
    p2.table([("STT", 0.08, "center"), ("Họ và tên", 0.36, "left"),
              ("Năm sinh", 0.16, "center"), ("Số CCCD", 0.40, "center")],
             [["1", "Trương Văn Sáu", "1985", "027085003344"],
              ["2", "Nguyễn Thị Thảo", "1990", "027190007781"],
              ["3", "Lưu Văn Bốn", "1979", "027079002265"]])
    imgs = [G.scan(p1, 8101, angle=0.6).convert("L"), G.scan(p2, 8102, angle=-0.5).convert("L")]
    # Pillow writes each page as a DCT (JPEG) image XObject, like a scanner does
    fixed = time.gmtime(1632303000)  # a fixed date: byte-identical reruns
    imgs[0].save(d / "ho so.pdf", "PDF", save_all=True, append_images=imgs[1:],
                 resolution=200.0, quality=80, creationDate=fixed, modDate=fixed)
    write_truth(d, "ho so.pdf", [p1.text(), p2.text()])


def main():
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir()
    for make in (faded_decision_1996, upside_down_certificate, sideways_application, fax,
                 over_resolved, noisy_photocopy, scanned_pdf):
        make(OUT)
    n = sum(1 for _ in OUT.rglob("*.gt.txt"))
    print(f"degraded: {n} files with truth under {OUT}")


if __name__ == "__main__":
    main()
