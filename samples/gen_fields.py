"""Dossiers for measuring field extraction (issue 4), rendered with generate.py's helpers.

Called from generate.py's main(); not run on its own. Each dossier varies what the
basic samples keep fixed: other label wordings ("Họ tên:", "Chứng nhận bà:", "Ông/Bà:",
"Số căn cước công dân:", "Trú quán:", "Nơi ở hiện tại:"), other date forms
(26-11-2022, 26.11.2022, "sinh ngày 03 tháng 4 năm 1988"), spaced and dotted numbers,
money in words ("2,5 triệu đồng"), a health-insurance list, and a degraded copy.

Some printed values are wrong on purpose, as on real paper: a CCCD with a province
code that does not exist, one whose gender digit disagrees with the person's gender,
one whose year digits disagree with the birth date, a BHYT card with province 99, and
a BHYT card that embeds another BHXH number than the one stated. Extraction must keep
them and flag them; the truth lists them under "invalid".

Truth files add two keys to the common format: "records" (the people, as
`sohoa show --json` lists them) and "invalid" (list of {key, value}).
"""
from __future__ import annotations

import random

from generate import (Dossier, Page, header_two_col, motto_centred, title, fields_block,
                      scan, save_jpeg, save_png, iso, nfc)


def _truth(d: Dossier, fields: dict, queries: list[dict], records: list[dict],
           invalid: list[dict]):
    d.extra["records"] = [{k: nfc(v) for k, v in r.items()} for r in records]
    d.extra["invalid"] = [{"key": b["key"], "value": nfc(b["value"])} for b in invalid]
    return d.write_truth(fields, queries)


def _signature(p: Page, place_date: str, role: list[str], signer: str, seed: int):
    p.space(6)
    right = [dict(s=place_date, style="i")] if place_date else []
    right += [dict(s=r, style="b") for r in role]
    right += [dict(sign=True, seed=seed), dict(s=signer, style="b")]
    p.columns([dict(s="Nơi nhận:", style="bi", align="left"),
               dict(s="- Như Điều 3;", pt=11, align="left"),
               dict(s="- Lưu: VT.", pt=11, align="left")] if not place_date else [],
              right, split=0.45)


# 1 -- a district decision, subject in a field block with "Họ tên:", CMND (9 digits)
def qd_do_van_hai():
    d = Dossier("quyet-dinh", "QĐ 312 Vương Văn Hải")
    dpi = 300
    name, year, cmnd = "Vương Văn Hải", "1951", "125678901"
    tru = "thôn Lũng Giang, thị trấn Lim, huyện Tiên Du, tỉnh Bắc Ninh"
    p = Page(dpi)
    header_two_col(p, ["UBND TỈNH BẮC NINH", "UBND HUYỆN TIÊN DU"], "Số: 312/QĐ-UBND",
                   "Tiên Du, ngày 09 tháng 3 năm 2023")
    title(p, ["QUYẾT ĐỊNH", "Về việc hưởng trợ cấp xã hội hàng tháng"])
    p.line("CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN TIÊN DU", style="b", align="center")
    p.space(4)
    p.para("Căn cứ Nghị định số 20/2021/NĐ-CP ngày 15 tháng 3 năm 2021 của Chính phủ "
           "quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội;",
           style="i")
    p.para("Xét đề nghị của Trưởng phòng Lao động - Thương binh và Xã hội huyện,",
           style="i")
    p.line("QUYẾT ĐỊNH:", style="b", align="center")
    p.para("Điều 1. Trợ cấp xã hội hàng tháng đối với người có tên sau:")
    fields_block(p, [f"Họ tên: {name.upper()}", f"Năm sinh: {year}", "Giới tính: Nam",
                     f"Số CMND: {cmnd[:3]} {cmnd[3:6]} {cmnd[6:]}"])
    p.para(f"Trú quán: {tru}", first_indent_mm=10)
    p.para("Mức trợ cấp hàng tháng: 2,5 triệu đồng, kể từ tháng 4 năm 2023.")
    p.para("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.")
    p.para("Điều 3. Chánh Văn phòng HĐND và UBND huyện, Trưởng phòng Lao động - Thương "
           "binh và Xã hội, Chủ tịch UBND thị trấn Lim và ông Vương Văn Hải chịu trách "
           "nhiệm thi hành Quyết định này./.")
    p.space(6)
    p.columns([dict(s="Nơi nhận:", style="bi", align="left"),
               dict(s="- Như Điều 3;", pt=11, align="left"),
               dict(s="- Lưu: VT.", pt=11, align="left")],
              [dict(s="CHỦ TỊCH", style="b"), dict(sign=True, seed=711),
               dict(s="Lục Minh Tuấn", style="b")], split=0.45)
    save_jpeg(scan(p, 7101, angle=0.4), d.dir / "trang 1.jpg", dpi, 85)
    d.add("trang 1.jpg", p)
    return _truth(d, {
        "doc_type": ["quyet_dinh"], "document_no": ["312/QĐ-UBND"],
        "signed_date": ["2023-03-09"], "issuer": ["UBND HUYỆN TIÊN DU"],
        "full_name": [name], "date_of_birth": [year], "gender": ["nam"],
        "citizen_id": [cmnd], "address": [tru], "amount_vnd": [2_500_000],
    }, [{"q": "vuong van hai", "top": 3}, {"q": cmnd, "top": 1}],
        [{"full_name": name, "date_of_birth": year, "gender": "nam", "citizen_id": cmnd}],
        [])


# 2 -- a department decision for a martyr's relative, "Ông/Bà:", dotted date,
#      a normative number with its year, amounts in dotted thousands
def qd_thai_thi_thu():
    d = Dossier("quyet-dinh", "QĐ 08-2023 Thái Thị Thu")
    dpi = 300
    name, dob, cccd = "Thái Thị Thu", "02.09.1950", "027150004417"
    addr = "xóm Chùa, xã Phù Chẩn, thành phố Từ Sơn, tỉnh Bắc Ninh"
    p = Page(dpi)
    header_two_col(p, ["UBND TỈNH BẮC NINH", "SỞ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI"],
                   "Số: 08/2023/QĐ-SLĐTBXH", "Bắc Ninh, ngày 20 tháng 02 năm 2023")
    title(p, ["QUYẾT ĐỊNH", "Về việc trợ cấp một lần đối với thân nhân liệt sĩ"])
    p.para("Căn cứ Nghị định số 131/2021/NĐ-CP ngày 30 tháng 12 năm 2021 của Chính phủ;",
           style="i")
    p.line("QUYẾT ĐỊNH:", style="b", align="center")
    p.para("Điều 1. Trợ cấp một lần đối với thân nhân liệt sĩ có thông tin như sau:")
    fields_block(p, [f"Ông/Bà: {name.upper()}", f"Ngày sinh: {dob}", "Giới tính: Nữ",
                     f"Số căn cước công dân: {cccd}"])
    p.para(f"Nơi ở hiện tại: {addr}", first_indent_mm=10)
    p.para("Số tiền trợ cấp một lần: 4.520.000 đồng (Bốn triệu năm trăm hai mươi nghìn "
           "đồng); trợ cấp mai táng: 18.000.000 đồng.")
    p.para("Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.")
    p.space(6)
    p.columns([dict(s="Nơi nhận:", style="bi", align="left"),
               dict(s="- Như Điều 2;", pt=11, align="left"),
               dict(s="- Lưu: VT, NCC.", pt=11, align="left")],
              [dict(s="KT. GIÁM ĐỐC", style="b"), dict(s="PHÓ GIÁM ĐỐC", style="b"),
               dict(sign=True, seed=721), dict(s="Khổng Văn Sáu", style="b")], split=0.45)
    save_png(scan(p, 7201, angle=-0.3, sigma=5.0, clean_bg=True), d.dir / "qd.png", dpi)
    d.add("qd.png", p)
    return _truth(d, {
        "doc_type": ["quyet_dinh"], "document_no": ["08/2023/QĐ-SLĐTBXH"],
        "signed_date": ["2023-02-20"], "issuer": ["SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"],
        "full_name": [name], "date_of_birth": ["1950-09-02"], "gender": ["nu"],
        "citizen_id": [cccd], "address": [addr], "amount_vnd": [4_520_000, 18_000_000],
    }, [{"q": "thai thi thu", "top": 3}],
        [{"full_name": name, "date_of_birth": "1950-09-02", "gender": "nu",
          "citizen_id": cccd}], [])


# 3 -- an application: "Tôi tên là:", date in words, spaced CCCD with a province
#      code that does not exist, a child with a BHYT card, a BHYT card of the
#      applicant that embeds another BHXH number; and a degraded copy of it
def _don_quach_thi_mai(p: Page):
    motto_centred(p)
    title(p, ["ĐƠN ĐỀ NGHỊ", "Hỗ trợ tiền đóng bảo hiểm y tế cho người cận nghèo"])
    p.line("Kính gửi: Ủy ban nhân dân xã Phật Tích, huyện Tiên Du", align="center")
    p.space(6)
    fields_block(p, ["Tôi tên là: QUÁCH THỊ MAI",
                     "Sinh ngày 03 tháng 4 năm 1988",
                     "Giới tính: Nữ",
                     "Số căn cước công dân: 099 188 012 345",
                     "Mã số BHXH: 2720998877",
                     "Mã thẻ BHYT: CN3272720998876",
                     "Số điện thoại: 0978.123.456"], indent_mm=0)
    p.para("Nơi thường trú: thôn Phật Tích, xã Phật Tích, huyện Tiên Du, tỉnh Bắc Ninh",
           first_indent_mm=0)
    p.para("Tôi đề nghị hỗ trợ tiền đóng bảo hiểm y tế năm 2023 cho tôi và con tôi:",
           first_indent_mm=0)
    fields_block(p, ["Họ và tên con: TÔ MINH KHANG", "Ngày sinh: 21/06/2019",
                     "Giới tính: Nam", "Mã thẻ BHYT: TE1272721044556"], indent_mm=0)
    p.para("Tôi xin cam đoan những thông tin trên là đúng sự thật./.")
    p.space(6)
    p.columns([], [dict(s="Phật Tích, ngày 16 tháng 01 năm 2023", style="i"),
                   dict(s="NGƯỜI LÀM ĐƠN", style="b"), dict(sign=True, seed=731),
                   dict(s="Quách Thị Mai", style="b")], split=0.45)


def don_quach_thi_mai():
    fields = {
        "doc_type": ["don_de_nghi"], "signed_date": ["2023-01-16"],
        "full_name": ["Quách Thị Mai", "Tô Minh Khang"],
        "date_of_birth": ["1988-04-03", "2019-06-21"], "gender": ["nu", "nam"],
        "citizen_id": ["099188012345"], "social_insurance_no": ["2720998877"],
        "health_insurance_no": ["CN3272720998876", "TE1272721044556"],
        "phone": ["0978123456"],
        "address": ["thôn Phật Tích, xã Phật Tích, huyện Tiên Du, tỉnh Bắc Ninh"],
    }
    records = [{"full_name": "Quách Thị Mai", "date_of_birth": "1988-04-03",
                "gender": "nu", "citizen_id": "099188012345",
                "social_insurance_no": "2720998877",
                "health_insurance_no": "CN3272720998876"},
               {"full_name": "Tô Minh Khang", "date_of_birth": "2019-06-21",
                "gender": "nam", "health_insurance_no": "TE1272721044556"}]
    invalid = [{"key": "citizen_id", "value": "099188012345"},
               {"key": "health_insurance_no", "value": "CN3272720998876"}]
    out = []
    d = Dossier("don-de-nghi", "Quách Thị Mai")
    p = Page(300)
    _don_quach_thi_mai(p)
    save_jpeg(scan(p, 7301, angle=-0.6), d.dir / "don.jpg", 300, 82)
    d.add("don.jpg", p)
    out.append(_truth(d, fields, [{"q": "quach thi mai", "top": 3},
                                  {"q": "099188012345", "top": 2}], records, invalid))
    # The same form photocopied and faxed: 150 dpi, blurred, noisy, dark paper.
    d = Dossier("don-de-nghi", "Quách Thị Mai (bản sao)")
    p = Page(150)
    _don_quach_thi_mai(p)
    save_jpeg(scan(p, 7302, angle=1.2, blur300=1.1, sigma=11.0, paper_base=222),
              d.dir / "ban sao.jpg", 150, 60)
    d.add("ban sao.jpg", p)
    out.append(_truth(d, fields, [], records, invalid))
    return out


# 4 -- a health-insurance list: a table with a gender column, full birth dates
#      and card numbers, one card with province 99
def ds_bhyt():
    d = Dossier("the-bhyt", "Danh sách cấp thẻ BHYT xã Hạp Lĩnh")
    dpi = 300
    rng = random.Random(7401)
    people = [("Huỳnh Văn Lợi", "nam", "12/03/1956"), ("Lâm Thị Ngát", "nu", "07/11/1962"),
              ("Đoàn Minh Trí", "nam", "25/01/1978"), ("Tô Thị Hường", "nu", "30/08/1981"),
              ("Khúc Văn Thịnh", "nam", "14/02/1990"), ("Lục Thị Vân", "nu", "05/05/1995"),
              ("Quách Văn Tài", "nam", "19/09/2001"), ("Âu Thị Nguyệt", "nu", "02/12/1948"),
              ("Thân Văn Khải", "nam", "11/07/1969"), ("Diệp Thị Hoàn", "nu", "23/04/1974"),
              ("Mạc Văn Hòa", "nam", "08/10/2016"), ("Giáp Thị Lựu", "nu", "17/06/1958")]
    rows, truth_people = [], []
    for i, (nm, g, dob) in enumerate(people):
        bhxh = f"27{rng.randrange(10**8):08d}"
        group = "TE" if dob.endswith("2016") else "HN"
        prov = "99" if i == 6 else "27"
        code = f"{group}{rng.choice('24')}{prov}{bhxh}"
        rows.append([str(i + 1), nm, "Nam" if g == "nam" else "Nữ", dob, code])
        truth_people.append((nm, g, iso(dob), code))
    cols = [("STT", 0.08, "right"), ("Họ và tên", 0.29, "left"),
            ("Giới tính", 0.14, "center"), ("Ngày sinh", 0.19, "center"),
            ("Mã thẻ BHYT", 0.30, "center")]
    p = Page(dpi)
    header_two_col(p, ["UBND THÀNH PHỐ BẮC NINH", "UBND XÃ HẠP LĨNH"], "Số: 27/DS-UBND",
                   "Hạp Lĩnh, ngày 12 tháng 12 năm 2022")
    title(p, ["DANH SÁCH", "Đề nghị cấp thẻ bảo hiểm y tế năm 2023"])
    p.table(cols, rows, pt=11)
    p.space(4)
    p.para(f"Tổng cộng: {len(rows)} người.", first_indent_mm=0)
    p.space(6)
    p.columns([],
              [dict(s="TM. ỦY BAN NHÂN DÂN", style="b"), dict(s="CHỦ TỊCH", style="b"),
               dict(sign=True, seed=742), dict(s="Hứa Văn Đông", style="b")], split=0.45)
    save_png(scan(p, 7401, angle=0.25, sigma=5.0, clean_bg=True), d.dir / "danh sach.png",
             dpi)
    d.add("danh sach.png", p)
    return _truth(d, {
        "doc_type": ["danh_sach"], "document_no": ["27/DS-UBND"],
        "signed_date": ["2022-12-12"], "issuer": ["UBND XÃ HẠP LĨNH"],
        "full_name": [t[0] for t in truth_people],
        "date_of_birth": [t[2] for t in truth_people],
        "health_insurance_no": [t[3] for t in truth_people],
    }, [{"q": "khuc van thinh", "top": 3}, {"q": truth_people[4][3], "top": 1}],
        [{"full_name": n, "date_of_birth": b, "gender": g, "health_insurance_no": c}
         for n, g, b, c in truth_people],
        [{"key": "health_insurance_no", "value": truth_people[6][3]}])


# 5 -- a certificate: "Chứng nhận bà:", CCCD whose gender digit says male
def gcn_vuong_thi_nga():
    d = Dossier("giay-chung-nhan", "Vương Thị Nga")
    dpi = 300
    name, year, cccd = "Vương Thị Nga", "1960", "027060003481"
    que = "xã Nhân Thắng, huyện Gia Bình, tỉnh Bắc Ninh"
    p = Page(dpi)
    header_two_col(p, ["UBND TỈNH BẮC NINH", "SỞ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI"],
                   "Số: 2041/GCN-SLĐTBXH", "Bắc Ninh, ngày 15 tháng 6 năm 2023")
    title(p, ["GIẤY CHỨNG NHẬN", "NGƯỜI HOẠT ĐỘNG KHÁNG CHIẾN", "BỊ NHIỄM CHẤT ĐỘC HÓA HỌC"])
    p.para("Sở Lao động - Thương binh và Xã hội tỉnh Bắc Ninh", first_indent_mm=0)
    fields_block(p, [f"Chứng nhận bà: {name.upper()}", f"Năm sinh: {year}",
                     "Giới tính: Nữ", f"Số CCCD: {cccd}", f"Nguyên quán: {que}"],
                 indent_mm=0)
    p.para("Là người hoạt động kháng chiến bị nhiễm chất độc hóa học, suy giảm khả năng "
           "lao động 61%, được hưởng trợ cấp hàng tháng 2.055.000 đồng/tháng.")
    _signature(p, "", ["GIÁM ĐỐC"], "Hứa Quang Vinh", 751)
    save_jpeg(scan(p, 7501, angle=-0.2), d.dir / "gcn.jpg", dpi, 85)
    d.add("gcn.jpg", p)
    return _truth(d, {
        "doc_type": ["giay_chung_nhan"], "document_no": ["2041/GCN-SLĐTBXH"],
        "signed_date": ["2023-06-15"], "issuer": ["SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"],
        "full_name": [name], "date_of_birth": [year], "gender": ["nu"],
        "citizen_id": [cccd], "address": [que], "amount_vnd": [2_055_000],
    }, [{"q": "vuong thi nga", "top": 3}],
        [{"full_name": name, "date_of_birth": year, "gender": "nu", "citizen_id": cccd}],
        [{"key": "citizen_id", "value": cccd}])


# 6 -- a verification record: dashed date, dotted phone, spaced BHYT card,
#      CCCD whose year digits disagree with the birth date
def bb_doan_van_toan():
    d = Dossier("bien-ban", "Xác minh Đoàn Văn Toàn")
    dpi = 300
    name, dob, cccd = "Đoàn Văn Toàn", "15-08-1975", "027074005512"
    bhxh = "2720123456"
    bhyt = "CN327" + bhxh
    addr = "thôn Đông Côi, thị trấn Hồ, huyện Thuận Thành, tỉnh Bắc Ninh"
    p = Page(dpi)
    header_two_col(p, ["UBND HUYỆN THUẬN THÀNH", "UBND THỊ TRẤN HỒ"], "Số: 05/BB-UBND",
                   "Hồ, ngày 04 tháng 5 năm 2023")
    title(p, ["BIÊN BẢN", "Xác minh điều kiện hộ cận nghèo"])
    p.para("Hôm nay, ngày 04/5/2023, tại nhà ông Đoàn Văn Toàn, tổ xác minh của Ủy ban "
           "nhân dân thị trấn Hồ tiến hành xác minh thông tin hộ gia đình như sau:")
    fields_block(p, [f"Họ và tên chủ hộ: {name.upper()}", f"Ngày sinh: {dob}",
                     "Giới tính: Nam", f"Số CCCD: {cccd}",
                     f"Số sổ BHXH: {bhxh}",
                     f"Mã thẻ BHYT: {bhyt[:3]} {bhyt[3:5]} {bhyt[5:]}",
                     "Số điện thoại: 0912.408.337"])
    p.para(f"Nơi ở hiện tại: {addr}", first_indent_mm=10)
    p.para("Thu nhập bình quân của hộ: 1.450.000 đồng/người/tháng. Hộ có 04 nhân khẩu, "
           "nhà ở bán kiên cố, không có phương tiện sản xuất.")
    p.para("Kết luận: hộ ông Đoàn Văn Toàn đủ điều kiện công nhận hộ cận nghèo năm 2023. "
           "Biên bản lập xong hồi 10 giờ cùng ngày./.")
    p.space(6)
    p.columns([dict(s="CHỦ HỘ", style="b"), dict(sign=True, seed=761),
               dict(s=name, style="b")],
              [dict(s="TỔ TRƯỞNG TỔ XÁC MINH", style="b"), dict(sign=True, seed=762),
               dict(s="Tống Văn Lâm", style="b")], split=0.45)
    save_jpeg(scan(p, 7601, angle=0.7), d.dir / "bien ban xac minh.jpg", dpi, 84)
    d.add("bien ban xac minh.jpg", p)
    return _truth(d, {
        "doc_type": ["bien_ban"], "document_no": ["05/BB-UBND"],
        "signed_date": ["2023-05-04"], "issuer": ["UBND THỊ TRẤN HỒ"],
        "full_name": [name], "date_of_birth": ["1975-08-15"], "gender": ["nam"],
        "citizen_id": [cccd], "social_insurance_no": [bhxh], "health_insurance_no": [bhyt],
        "phone": ["0912408337"], "address": [addr], "amount_vnd": [1_450_000],
    }, [{"q": "doan van toan", "top": 3}, {"q": "0912 408 337", "top": 1}],
        [{"full_name": name, "date_of_birth": "1975-08-15", "gender": "nam",
          "citizen_id": cccd, "social_insurance_no": bhxh, "health_insurance_no": bhyt}],
        [{"key": "citizen_id", "value": cccd}])


# 7 -- a submission with no title match in the body's first page: the type
#      comes from the title, the number's abbreviation agrees (TTr)
def ttr_ho_tro():
    d = Dossier("to-trinh", "TTr 45 hỗ trợ Huỳnh Thị Bích")
    dpi = 300
    name, dob, cccd = "Huỳnh Thị Bích", "26/11/2003", "027303001876"
    p = Page(dpi)
    header_two_col(p, ["UBND TỈNH BẮC NINH", "SỞ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI"],
                   "Số: 45/TTr-SLĐTBXH", "Bắc Ninh, ngày 03 tháng 10 năm 2023")
    title(p, ["TỜ TRÌNH", "Về việc hỗ trợ học nghề cho người lao động"])
    p.line("Kính gửi: Ủy ban nhân dân tỉnh Bắc Ninh", align="center")
    p.space(4)
    p.para("Sở Lao động - Thương binh và Xã hội kính trình Ủy ban nhân dân tỉnh xem xét "
           "hỗ trợ học nghề cho người lao động có thông tin sau:")
    fields_block(p, [f"Họ và tên: {name.upper()}", f"Ngày, tháng, năm sinh: {dob}",
                     "Giới tính: Nữ", f"Số định danh cá nhân: {cccd}",
                     "Điện thoại: 0389 552 170"])
    p.para("Kinh phí hỗ trợ: 8,5 triệu đồng từ nguồn kinh phí đào tạo nghề năm 2023.")
    p.para("Sở Lao động - Thương binh và Xã hội kính trình Ủy ban nhân dân tỉnh xem xét, "
           "quyết định./.")
    p.space(6)
    p.columns([dict(s="Nơi nhận:", style="bi", align="left"),
               dict(s="- Như trên;", pt=11, align="left"),
               dict(s="- Lưu: VT, GDNN.", pt=11, align="left")],
              [dict(s="GIÁM ĐỐC", style="b"), dict(sign=True, seed=771),
               dict(s="Hứa Quang Vinh", style="b")], split=0.45)
    save_jpeg(scan(p, 7701, angle=-0.5), d.dir / "to trinh.jpg", dpi, 85)
    d.add("to trinh.jpg", p)
    return _truth(d, {
        "doc_type": ["to_trinh"], "document_no": ["45/TTr-SLĐTBXH"],
        "signed_date": ["2023-10-03"], "issuer": ["SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"],
        "full_name": [name], "date_of_birth": [iso(dob)], "gender": ["nu"],
        "citizen_id": [cccd], "phone": ["0389552170"], "amount_vnd": [8_500_000],
    }, [{"q": "huynh thi bich", "top": 3}],
        [{"full_name": name, "date_of_birth": iso(dob), "gender": "nu",
          "citizen_id": cccd}], [])


# 8 -- a birth-certificate extract (civil status, Thông tư 04/2020/TT-BTP forms):
#      "Họ, chữ đệm, tên" labels for the child and each parent, "Ngày, tháng,
#      năm sinh: … ghi bằng chữ: …", "Số định danh cá nhân", parents' "Năm sinh"
#      and "Nơi cư trú", the father's CCCD inside the father's block, "Quê quán"
#      (origin, not an address), a title with "(BẢN SAO)", and the signer under
#      "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
def tlks_dang_minh_khoi():
    d = Dossier("ho-tich", "Khai sinh Đặng Minh Khôi")
    dpi = 300
    child, dob, child_id = "Đặng Minh Khôi", "30/6/2019", "027219004512"
    mother, mother_year, mother_id = "Nguyễn Thị Hạnh", "1992", "024192005678"
    father, father_year, father_id = "Đặng Văn Tùng", "1989", "027089001234"
    cu_tru = "thôn Khả Lễ, xã Võ Cường, thành phố Bắc Ninh, tỉnh Bắc Ninh"
    que = "xã Hạp Lĩnh, thành phố Bắc Ninh, tỉnh Bắc Ninh"
    p = Page(dpi)
    header_two_col(p, ["UBND THÀNH PHỐ BẮC NINH", "UBND XÃ HẠP LĨNH"],
                   "Số: 211/TLKS-BS", "Hạp Lĩnh, ngày 14 tháng 8 năm 2019")
    title(p, ["TRÍCH LỤC KHAI SINH", "(BẢN SAO)"])
    fields_block(p, [
        f"Họ, chữ đệm, tên: {child.upper()}",
        f"Ngày, tháng, năm sinh: {dob}",
        "ghi bằng chữ: Ngày ba mươi, tháng sáu, năm hai nghìn",
        "không trăm mười chín",
        "Giới tính: Nam        Dân tộc: Kinh        Quốc tịch: Việt Nam",
        "Nơi sinh: Bệnh viện Sản - Nhi tỉnh Bắc Ninh",
        f"Quê quán: {que}",
        f"Số định danh cá nhân: {child_id}",
        f"Họ, chữ đệm, tên người mẹ: {mother.upper()}",
        f"Năm sinh: {mother_year}        Dân tộc: Kinh        Quốc tịch: Việt Nam",
        f"Số định danh cá nhân: {mother_id}",
        f"Nơi cư trú: {cu_tru}",
        f"Họ, chữ đệm, tên người cha: {father.upper()}",
        f"Năm sinh: {father_year}        Dân tộc: Kinh        Quốc tịch: Việt Nam",
        f"Số định danh cá nhân: {father_id}",
        f"Nơi cư trú: {cu_tru}",
        "Nơi đăng ký khai sinh: Ủy ban nhân dân xã Hạp Lĩnh",
        "Ngày, tháng, năm đăng ký: 14/8/2019",
    ], indent_mm=0)
    _signature(p, "", ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Lê Văn Quý", 781)
    save_jpeg(scan(p, 7801, angle=0.3), d.dir / "trich luc.jpg", dpi, 85)
    d.add("trich luc.jpg", p)
    return _truth(d, {
        "doc_type": ["trich_luc_khai_sinh"], "document_no": ["211/TLKS-BS"],
        "signed_date": ["2019-08-14"], "issuer": ["UBND XÃ HẠP LĨNH"],
        "full_name": [child, mother, father],
        "date_of_birth": [iso(dob), mother_year, father_year], "gender": ["nam"],
        "citizen_id": [child_id, mother_id, father_id], "address": [cu_tru],
    }, [{"q": "dang minh khoi", "top": 3}, {"q": father_id, "top": 1}],
        [{"full_name": child, "date_of_birth": iso(dob), "gender": "nam",
          "citizen_id": child_id, "role": "nguoi_duoc_khai_sinh"},
         {"full_name": mother, "date_of_birth": mother_year, "citizen_id": mother_id,
          "role": "me"},
         {"full_name": father, "date_of_birth": father_year, "citizen_id": father_id,
          "role": "cha"},
         {"full_name": "Lê Văn Quý", "role": "nguoi_ky"}],
        [])


def all_dossiers() -> list[dict]:
    docs = [qd_do_van_hai(), qd_thai_thi_thu()]
    docs += don_quach_thi_mai()
    docs += [ds_bhyt(), gcn_vuong_thi_nga(), bb_doan_van_toan(), ttr_ho_tro()]
    docs += [tlks_dang_minh_khoi()]
    for doc in docs:
        for b in doc.get("invalid", []):
            assert b["value"] in doc["fields"][b["key"]], (doc["dossier"], b)
    return docs

