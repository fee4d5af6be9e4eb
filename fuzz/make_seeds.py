#!/usr/bin/env python3
"""Regenerates the seed corpora under fuzz/corpus/ (needs Pillow).

Seeds are tiny (well under 20 KB) and cover every path decode_page has:
PNG (grey with pHYs, RGB, palette, 16-bit), JPEG (baseline, progressive),
TIFF (2-page CCITT G4, G4 with a thumbnail IFD between pages, LZW, deflate,
PackBits CMYK, JPEG-in-TIFF, raw RGBA, 16-bit, big-endian, BigTIFF, CCITT G3),
image-only PDF (two pages), and
short Vietnamese administrative texts for extract ('\\x0c' separates pages).
"""
import os
import struct

from PIL import Image, ImageDraw

HERE = os.path.dirname(os.path.abspath(__file__))


def page(w, h, text, mode="L"):
    im = Image.new("L", (w, h), 255)
    d = ImageDraw.Draw(im)
    d.text((4, 4), text, fill=0)
    d.line((2, h - 6, w - 3, h - 6), fill=0)
    return im.convert(mode)


def big_endian_tiff(path):
    """Uncompressed 8-bit grey 'MM' TIFF, 8x4, 300 dpi, written by hand."""
    w, h = 8, 4
    pix = bytes((x * 32 + y * 8) & 255 for y in range(h) for x in range(w))
    n = 10
    res_off = 8 + 2 + n * 12 + 4
    pix_off = res_off + 8
    entries = [(256, 3, w), (257, 3, h), (258, 3, 8), (259, 3, 1), (262, 3, 1),
               (273, 4, pix_off), (277, 3, 1), (278, 3, h), (279, 4, len(pix)),
               (282, 5, res_off)]
    out = b"MM\x00\x2a" + struct.pack(">I", 8) + struct.pack(">H", n)
    for tag, typ, val in entries:
        if typ == 3:
            out += struct.pack(">HHIHH", tag, typ, 1, val, 0)
        else:
            out += struct.pack(">HHII", tag, typ, 1, val)
    out += struct.pack(">I", 0) + struct.pack(">II", 300, 1) + pix
    with open(path, "wb") as f:
        f.write(out)


def images(d):
    os.makedirs(d, exist_ok=True)
    p = lambda name: os.path.join(d, name)
    page(64, 32, "PNG").save(p("gray.png"), dpi=(300, 300))
    page(48, 24, "RGB", "RGB").save(p("rgb.png"))
    page(40, 20, "P", "RGB").convert("P", palette=Image.ADAPTIVE, colors=4).save(p("palette.png"))
    page(32, 16, "16").convert("I;16").save(p("gray16.png"))
    page(64, 32, "JPG").save(p("gray.jpg"), quality=60, dpi=(200, 200))
    page(48, 32, "JPG", "RGB").save(p("progressive.jpg"), quality=50, progressive=True)
    p1, p2 = page(96, 48, "Trang 1", "1"), page(96, 48, "Trang 2", "1")
    p1.save(p("two_page_g4.tif"), compression="group4", save_all=True,
            append_images=[p2], dpi=(300, 300))
    p1, p2 = page(96, 48, "Trang 1", "1"), page(96, 48, "Trang 2", "1")
    thumb = page(24, 12, "t", "1")
    thumb.encoderinfo = {"compression": "group4", "tiffinfo": {254: 1}}  # NewSubfileType: reduced
    p2.encoderinfo = {"compression": "group4", "dpi": (300, 300)}
    p1.save(p("g4_with_thumb.tif"), compression="group4", save_all=True,
            append_images=[thumb, p2], dpi=(300, 300))
    page(48, 24, "LZW").save(p("gray_lzw.tif"), compression="tiff_lzw",
                             resolution=118.0, resolution_unit="cm")  # 300 dpi in cm
    page(48, 24, "ZIP", "RGB").save(p("rgb_deflate.tif"), compression="tiff_adobe_deflate")
    page(32, 16, "raw", "RGBA").save(p("rgba_raw.tif"))
    page(32, 16, "cmyk", "CMYK").save(p("cmyk_packbits.tif"), compression="packbits")
    page(32, 16, "jpg", "RGB").save(p("rgb_jpeg.tif"), compression="jpeg")
    page(32, 16, "16").convert("I;16").save(p("gray16.tif"))
    Image.new("L", (16, 8), 200).save(p("bigtiff.tif"), big_tiff=True)
    # decoded by Leptonica (the tiff crate has no G3) and by hayro
    page(64, 32, "G3").convert("1").save(p("fax_g3.tif"), compression="group3",
                                         dpi=(204, 98))
    q1, q2 = page(48, 24, "PDF1"), page(48, 24, "PDF2")
    q1.save(p("two_page.pdf"), save_all=True, append_images=[q2], resolution=72.0)
    big_endian_tiff(p("bigendian.tif"))


TEXTS = {
    "person.txt": "Họ và tên: TRẦN VĂN BẢY\nSinh ngày: 12/05/1948\nGiới tính: Nam\n"
                  "Số CCCD: 027 048 001 234\nĐiện thoại: 0912 345 678\n"
                  "Nơi thường trú: Thôn Đông, xã Tam Sơn, thị xã Từ Sơn, tỉnh Bắc Ninh\n",
    "place_date.txt": "Bắc Ninh, ngày 26 tháng 11 năm 2022",
    "doc_no.txt": "Số: 245/QĐ-SLĐTBXH",
    "amount.txt": "Mức trợ cấp hằng tháng: 2,5 triệu đồng",
    "decision.txt": "UBND TỈNH BẮC NINH\nSỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\n"
                    "Số: 245/QĐ-SLĐTBXH\nBắc Ninh, ngày 26 tháng 11 năm 2022\n"
                    "QUYẾT ĐỊNH\nVề việc trợ cấp hằng tháng\n"
                    "Điều 1. Trợ cấp cho ông Trần Văn Bảy, sinh năm 1948,\n"
                    "số tiền 1.500.000 đồng/tháng (Một triệu năm trăm nghìn đồng).\n",
    # Two pages: a list whose continuation page has no title.
    "two_pages.txt": "DANH SÁCH\nngười có công được hưởng trợ cấp\n"
                     "1 | Nguyễn Thị Hoa | 03/02/1950 | Nữ | 027150000111\n"
                     "\x0c2 | Lê Văn Nam | 1947 | Nam | 027047000222\n",
    # OCR damage: no tone marks, digit-like letters inside numbers.
    "ocr_noise.txt": "Ho va ten: NGUYEN VAN AN\nNgay sinh: l2/O5/l95O\n"
                     "So BHXH: 27O1234567\nSo the BHYT: GD4272721234567\n",
}


# Dictionary for the extract target: labels, header words and number shapes
# of Vietnamese administrative documents (NFC, toneless OCR forms, combining
# marks). libFuzzer's dictionary parser takes printable ASCII only, so every
# other byte is written as \xNN.
DICT = [
    '\x0c',  # page break
    '\n',
    'Họ và tên:',
    'Họ tên:',
    'HO VA TEN',
    'Ông',
    'Bà',
    'Sinh ngày:',
    'Ngày sinh:',
    'Năm sinh:',
    'Giới tính:',
    'Nam',
    'Nữ',
    'Số CCCD:',
    'CMND',
    'Căn cước công dân',
    'Số BHXH:',
    'Số thẻ BHYT:',
    'Điện thoại:',
    'SĐT:',
    'Địa chỉ:',
    'Nơi thường trú:',
    'Quê quán:',
    'Số:',
    'So:',
    '/QĐ-',
    '/TTr-',
    '/TB-',
    '/BC-',
    '/BB-',
    '/KH-',
    '/CV-',
    '/HĐ-',
    'V/v',
    'UBND',
    'ỦY BAN NHÂN DÂN',
    'SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    'QUYẾT ĐỊNH',
    'TỜ TRÌNH',
    'CÔNG VĂN',
    'THÔNG BÁO',
    'BÁO CÁO',
    'BIÊN BẢN',
    'DANH SÁCH',
    'ĐƠN ĐỀ NGHỊ',
    'GIẤY CHỨNG NHẬN',
    'BẢN KHAI',
    'HỢP ĐỒNG',
    'KẾ HOẠCH',
    ', ngày ',
    ' tháng ',
    ' năm ',
    '12/05/1948',
    '027 048 001 234',
    '0912 345 678',
    '+84',
    'đồng',
    'triệu',
    'nghìn',
    'tỷ',
    'VNĐ',
    '1.500.000',
    '2,5',
    ' | ',
    'O',
    'l',
    'I',
    'Đ',
    'đ',
    'ð',
    'Ð',
    '\u0301',  # combining acute, tilde, dot below (NFD input)
    '\u0303',
    '\u0323',
]


def dictionary(path):
    def esc(tok):
        out = ""
        for b in tok.encode("utf-8"):
            c = chr(b)
            out += c if 0x20 <= b < 0x7F and c not in '"\\' else f"\\x{b:02x}"
        return '"' + out + '"'
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="ascii") as f:
        f.write("# Written by fuzz/make_seeds.py: edit DICT there.\n")
        f.writelines(esc(t) + "\n" for t in DICT)


def texts(d):
    os.makedirs(d, exist_ok=True)
    for name, text in TEXTS.items():
        with open(os.path.join(d, name), "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    images(os.path.join(HERE, "corpus", "decode_page"))
    texts(os.path.join(HERE, "corpus", "extract"))
    dictionary(os.path.join(HERE, "dict", "extract.dict"))
