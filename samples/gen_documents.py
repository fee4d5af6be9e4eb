"""Dossiers holding several documents (văn bản), for the split of a dossier into
documents (issue 13), rendered with generate.py's helpers.

Called from generate.py's main(); not run on its own. Real dossiers are folders of
several documents, each with its own type, number, date and issuer:

- an application, the certificate it relies on and the decision it led to, one
  document a page (a người có công dossier);
- a two-page decision: the second page carries only its page number ("2") at the
  top, the last articles, "Nơi nhận" and the signer;
- a list over two pages (the table goes on without a header) with an appendix
  (PHỤ LỤC, "Kèm theo Danh sách số …") on a third page, which is part of the list.

Their truth adds "documents": the first and last page of every document, with its
type, number and signing date (null when none is printed).
"""
from __future__ import annotations

import random

from generate import (Dossier, Page, SO_1, SO_2a, SO_2b, SO_ISSUER, FEMALE_GIVEN,
                      FEMALE_MID, MALE_GIVEN, MALE_MID, SURNAMES, cccd_for, fields_block,
                      fold, header_two_col, iso, motto_centred, nfc, save_jpeg, scan, title)

SO_HEADER = [SO_1, SO_2a, SO_2b]


def _document(first: int, last: int, doc_type: str, number: str | None,
              signed: str | None) -> dict:
    return {"pages": [first, last], "doc_type": doc_type, "document_no": number and nfc(number),
            "signed_date": signed}


def _noi_nhan(items: list[str]) -> list[dict]:
    return [dict(s="Nơi nhận:", style="bi", align="left")] + [
        dict(s=s, pt=11, align="left") for s in items]


def _page_number(p: Page, n: int):
    """The page number centred in the top margin (Nghị định 30/2020, from page 2)."""
    p.y = p.mm(9)
    p.line(str(n), align="center", pt=13)
    p.y = p.top


# 1 -- application + certificate + decision, one page each -----------------------
def ho_so_nong_thi_hue():
    d = Dossier("nguoi-co-cong", "Nông Thị Huệ")
    dpi = 300
    name, dob, cccd = "Nông Thị Huệ", "19/07/1950", "027150008821"
    tru = "thôn Yên Vĩ, xã Hòa Long, thành phố Bắc Ninh, tỉnh Bắc Ninh"
    ls_name, ls_year = "Hà Văn Thụ", "1948"
    ls_que = "xã Hòa Long, huyện Yên Phong, tỉnh Bắc Ninh"

    # page 1: the widow's application (a citizen's form: motto only) ------------
    p = Page(dpi)
    motto_centred(p)
    title(p, ["ĐƠN ĐỀ NGHỊ", "Giải quyết chế độ trợ cấp tuất hàng tháng"])
    p.line("Kính gửi: Sở Lao động - Thương binh và Xã hội tỉnh Bắc Ninh", align="center")
    p.space(6)
    fields_block(p, [f"Tôi tên là: {name.upper()}", f"Sinh ngày: {dob}", "Giới tính: Nữ",
                     f"Số CCCD: {cccd}"], indent_mm=0)
    p.para(f"Nơi thường trú: {tru}", first_indent_mm=0)
    fields_block(p, ["Quan hệ với liệt sĩ: Vợ"], indent_mm=0)
    p.para(f"Tôi là vợ của liệt sĩ {ls_name}, hi sinh năm 1972 tại mặt trận Quảng Trị. "
           "Hiện nay tôi sống một mình, không có thu nhập ổn định.")
    p.para("Tôi làm đơn này kính đề nghị Sở Lao động - Thương binh và Xã hội xem xét, "
           "giải quyết chế độ trợ cấp tuất hàng tháng cho tôi theo quy định.")
    p.para("Tôi xin cam đoan những lời khai trên là đúng sự thật./.")
    p.space(8)
    p.columns([], [dict(s="Hòa Long, ngày 03 tháng 4 năm 2023", style="i"),
                   dict(s="NGƯỜI LÀM ĐƠN", style="b"),
                   dict(s="(Ký, ghi rõ họ tên)", style="i", pt=11),
                   dict(sign=True, seed=811), dict(s=name, style="b")], split=0.45)
    save_jpeg(scan(p, 8101, angle=0.4), d.dir / "trang 1.jpg", dpi, 82)
    d.add("trang 1.jpg", p)

    # page 2: the certificate of the martyr's family ----------------------------
    p = Page(dpi)
    header_two_col(p, SO_HEADER, "Số: 1342/GCN-SLĐTBXH", "Bắc Ninh, ngày 20 tháng 4 năm 2023")
    title(p, ["GIẤY CHỨNG NHẬN", "THÂN NHÂN LIỆT SĨ"])
    p.para("Giám đốc Sở Lao động - Thương binh và Xã hội tỉnh Bắc Ninh chứng nhận:")
    fields_block(p, [f"Họ và tên: {name.upper()}", f"Sinh ngày: {dob}", "Giới tính: Nữ",
                     f"Số CCCD: {cccd}", "Quan hệ với liệt sĩ: Vợ"])
    p.para("Là thân nhân của liệt sĩ có thông tin như sau:")
    fields_block(p, [f"Họ và tên liệt sĩ: {ls_name.upper()}", f"Năm sinh: {ls_year}",
                     f"Nguyên quán: {ls_que}",
                     "Hi sinh ngày 12/05/1972 tại mặt trận Quảng Trị"])
    p.para("Giấy chứng nhận này là căn cứ để giải quyết chế độ ưu đãi đối với thân nhân "
           "liệt sĩ theo quy định./.")
    p.space(8)
    p.columns(_noi_nhan([f"- Bà {name};", "- Lưu: VT, NCC."]),
              [dict(s="KT. GIÁM ĐỐC", style="b"), dict(s="PHÓ GIÁM ĐỐC", style="b"),
               dict(sign=True, seed=812), dict(s="Nguyễn Đức Thành", style="b")], split=0.45)
    save_jpeg(scan(p, 8102, angle=-0.5), d.dir / "trang 2.jpg", dpi, 82)
    d.add("trang 2.jpg", p)

    # page 3: the decision, its subject wrapped over two lines --------------------
    p = Page(dpi)
    header_two_col(p, SO_HEADER, "Số: 356/QĐ-SLĐTBXH", "Bắc Ninh, ngày 25 tháng 4 năm 2023")
    title(p, ["QUYẾT ĐỊNH", "Về việc trợ cấp tuất hàng tháng đối với thân nhân",
              "của liệt sĩ Hà Văn Thụ"])
    p.line("GIÁM ĐỐC SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", style="b", align="center")
    p.space(6)
    for s in ["Căn cứ Pháp lệnh Ưu đãi người có công với cách mạng số 02/2020/UBTVQH14 "
              "ngày 09 tháng 12 năm 2020;",
              "Căn cứ Nghị định số 131/2021/NĐ-CP ngày 30 tháng 12 năm 2021 của Chính phủ;",
              "Xét đề nghị của Trưởng phòng Người có công,"]:
        p.para(s, style="i")
    p.line("QUYẾT ĐỊNH:", style="b", align="center")
    p.para(f"Điều 1. Trợ cấp tuất hàng tháng đối với bà {name}, sinh ngày {dob}, vợ liệt "
           f"sĩ {ls_name}. Mức trợ cấp: 2.055.000 đồng/tháng, kể từ ngày 01/05/2023.")
    p.para("Điều 2. Quyết định này có hiệu lực kể từ ngày ký.")
    p.para("Điều 3. Chánh Văn phòng Sở, Trưởng phòng Người có công và bà "
           f"{name} chịu trách nhiệm thi hành Quyết định này./.")
    p.space(8)
    p.columns(_noi_nhan(["- Như Điều 3;", "- Lưu: VT, NCC."]),
              [dict(s="KT. GIÁM ĐỐC", style="b"), dict(s="PHÓ GIÁM ĐỐC", style="b"),
               dict(sign=True, seed=813), dict(s="Nguyễn Đức Thành", style="b")], split=0.45)
    save_jpeg(scan(p, 8113, angle=-0.25), d.dir / "trang 3.jpg", dpi, 82)
    d.add("trang 3.jpg", p)

    d.documents = [
        _document(1, 1, "don_de_nghi", None, "2023-04-03"),
        _document(2, 2, "giay_chung_nhan", "1342/GCN-SLĐTBXH", "2023-04-20"),
        _document(3, 3, "quyet_dinh", "356/QĐ-SLĐTBXH", "2023-04-25"),
    ]
    return d.write_truth({
        "doc_type": ["don_de_nghi"], "full_name": [name, ls_name], "citizen_id": [cccd],
        "date_of_birth": [iso(dob), ls_year],
        "signed_date": ["2023-04-03", "2023-04-20", "2023-04-25"],
        "document_no": ["1342/GCN-SLĐTBXH", "356/QĐ-SLĐTBXH"], "gender": ["nu"],
        "amount_vnd": [2_055_000], "address": [tru, ls_que], "issuer": [SO_ISSUER],
    }, [{"q": "nong thi hue", "top": 3}, {"q": name, "top": 1}, {"q": cccd, "top": 1}])


# 2 -- a two-page decision -------------------------------------------------------
def qd_ly_van_cuong():
    d = Dossier("quyet-dinh", "QĐ 415 Lý Văn Cường")
    dpi = 300
    name, dob, cccd = "Lý Văn Cường", "05/11/1941", "027041006673"
    tru = "thôn Trác Bút, xã Đông Phong, huyện Yên Phong, tỉnh Bắc Ninh"
    p = Page(dpi)
    header_two_col(p, ["UBND TỈNH BẮC NINH", "UBND HUYỆN YÊN PHONG"], "Số: 415/QĐ-UBND",
                   "Yên Phong, ngày 18 tháng 7 năm 2023")
    title(p, ["QUYẾT ĐỊNH", "Về việc trợ cấp xã hội hàng tháng và cấp thẻ bảo hiểm",
              "y tế đối với người cao tuổi"])
    p.line("CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN YÊN PHONG", style="b", align="center")
    p.space(6)
    for s in ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật "
              "sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức "
              "chính quyền địa phương ngày 22 tháng 11 năm 2019;",
              "Căn cứ Luật Người cao tuổi ngày 23 tháng 11 năm 2009;",
              "Căn cứ Nghị định số 20/2021/NĐ-CP ngày 15 tháng 3 năm 2021 của Chính phủ "
              "quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội;",
              "Căn cứ Quyết định số 25/2021/QĐ-UBND ngày 10 tháng 8 năm 2021 của Ủy ban "
              "nhân dân tỉnh Bắc Ninh quy định mức chuẩn trợ giúp xã hội trên địa bàn tỉnh;",
              "Xét đề nghị của Trưởng phòng Lao động - Thương binh và Xã hội huyện tại Tờ "
              "trình số 86/TTr-LĐTBXH ngày 12 tháng 7 năm 2023,"]:
        p.para(s, style="i")
    p.space(4)
    p.line("QUYẾT ĐỊNH:", style="b", align="center")
    p.space(4)
    p.para("Điều 1. Trợ cấp xã hội hàng tháng và cấp thẻ bảo hiểm y tế đối với người cao "
           "tuổi có thông tin như sau:")
    fields_block(p, [f"Họ và tên: {name.upper()}", f"Sinh ngày: {dob}", "Giới tính: Nam",
                     f"Số CCCD: {cccd}"])
    p.para(f"Nơi thường trú: {tru}", first_indent_mm=10)
    fields_block(p, ["Mức trợ cấp hàng tháng: 540.000 đồng/tháng",
                     "Thời điểm hưởng: từ tháng 8 năm 2023"])
    save_jpeg(scan(p, 8201, angle=-0.35), d.dir / "trang 1.jpg", dpi, 82)
    d.add("trang 1.jpg", p)

    p = Page(dpi)
    _page_number(p, 2)
    p.para("Điều 2. Giao Phòng Lao động - Thương binh và Xã hội huyện phối hợp với Ủy ban "
           "nhân dân xã Đông Phong chi trả trợ cấp hàng tháng và đề nghị Bảo hiểm xã hội "
           "huyện cấp thẻ bảo hiểm y tế cho ông Lý Văn Cường theo quy định.")
    p.para("Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng HĐND và "
           "UBND huyện, Trưởng phòng Lao động - Thương binh và Xã hội, Giám đốc Bảo hiểm "
           "xã hội huyện, Chủ tịch UBND xã Đông Phong và ông Lý Văn Cường chịu trách "
           "nhiệm thi hành Quyết định này./.")
    p.space(8)
    p.columns(_noi_nhan(["- Như Điều 3;", "- Lưu: VT, LĐTBXH."]),
              [dict(s="KT. CHỦ TỊCH", style="b"), dict(s="PHÓ CHỦ TỊCH", style="b"),
               dict(sign=True, seed=821), dict(s="Chu Văn Thắng", style="b")], split=0.45)
    save_jpeg(scan(p, 8202, angle=0.45), d.dir / "trang 2.jpg", dpi, 82)
    d.add("trang 2.jpg", p)

    d.documents = [_document(1, 2, "quyet_dinh", "415/QĐ-UBND", "2023-07-18")]
    return d.write_truth({
        "doc_type": ["quyet_dinh"], "full_name": [name], "citizen_id": [cccd],
        "date_of_birth": [iso(dob)], "signed_date": ["2023-07-18"],
        "document_no": ["415/QĐ-UBND"], "gender": ["nam"], "amount_vnd": [540_000],
        "address": [tru], "issuer": ["UBND HUYỆN YÊN PHONG"],
    }, [{"q": "ly van cuong", "top": 3}, {"q": cccd, "top": 1}])


# 3 -- a list over two pages and its appendix ------------------------------------
def ds_ho_ngheo_van_mon(reserved: set[str]):
    d = Dossier("ho-ngheo", "Danh sách hộ nghèo xã Văn Môn 2024")
    dpi = 300
    rng = random.Random(8301)
    hamlets = ["Văn Xá", "Phú Mẫn", "Mẫn Xá", "Đông Mai"]
    households, used = [], set(reserved)
    while len(households) < 30:
        female = rng.random() < 0.4
        nm = " ".join([rng.choice(SURNAMES), rng.choice(FEMALE_MID if female else MALE_MID),
                       rng.choice(FEMALE_GIVEN if female else MALE_GIVEN)])
        if fold(nm) in used:
            continue
        used.add(fold(nm))
        year = rng.randint(1940, 1990)
        households.append((nm, year, cccd_for(rng, "027", year, female),
                           rng.randint(1, 6), rng.choice(hamlets)))
    cols = [("STT", 0.08, "right"), ("Họ và tên chủ hộ", 0.31, "left"),
            ("Năm sinh", 0.17, "center"), ("Số CCCD", 0.24, "center"),
            ("Thôn", 0.20, "left")]
    rows = [[str(i + 1), nm, str(y), c, h]
            for i, (nm, y, c, _, h) in enumerate(households)]
    split_at = 20

    p1 = Page(dpi)
    header_two_col(p1, ["UBND HUYỆN YÊN PHONG", "UBND XÃ VĂN MÔN"], "Số: 52/DS-UBND",
                   "Văn Môn, ngày 15 tháng 12 năm 2023")
    title(p1, ["DANH SÁCH", "Hộ nghèo năm 2024 trên địa bàn xã Văn Môn"])
    p1.table(cols, rows[:split_at])
    save_jpeg(scan(p1, 8301, angle=0.3), d.dir / "trang 1.jpg", dpi, 82)
    d.add("trang 1.jpg", p1)

    p2 = Page(dpi)
    p2.table(cols, rows[split_at:])
    people = sum(h[3] for h in households)
    p2.para(f"Tổng cộng: {len(households)} hộ, {people} nhân khẩu.", first_indent_mm=0)
    p2.space(6)
    p2.columns([], [dict(s="TM. ỦY BAN NHÂN DÂN", style="b"), dict(s="CHỦ TỊCH", style="b"),
                    dict(sign=True, seed=831), dict(s="Nguyễn Hữu Nghị", style="b")],
               split=0.45)
    save_jpeg(scan(p2, 8302, angle=-0.4), d.dir / "trang 2.jpg", dpi, 82)
    d.add("trang 2.jpg", p2)

    p3 = Page(dpi)
    title(p3, ["PHỤ LỤC", "Tổng hợp hộ nghèo năm 2024 theo thôn"])
    p3.line("(Kèm theo Danh sách số 52/DS-UBND ngày 15/12/2023 của UBND xã Văn Môn)",
            style="i", align="center", pt=11)
    p3.space(6)
    by_hamlet = [(h, sum(1 for x in households if x[4] == h),
                  sum(x[3] for x in households if x[4] == h)) for h in hamlets]
    p3.table([("STT", 0.1, "right"), ("Thôn", 0.4, "left"), ("Số hộ nghèo", 0.25, "center"),
              ("Số nhân khẩu", 0.25, "center")],
             [[str(i + 1), f"Thôn {h}", str(n), str(k)] for i, (h, n, k) in enumerate(by_hamlet)]
             + [["", "Cộng", str(len(households)), str(people)]])
    save_jpeg(scan(p3, 8303, angle=0.5), d.dir / "trang 3.jpg", dpi, 82)
    d.add("trang 3.jpg", p3)

    # The appendix "Kèm theo" the list is part of it (Nghị định 30/2020).
    d.documents = [_document(1, 3, "danh_sach", "52/DS-UBND", "2023-12-15")]
    pick = households[24]  # on page 2
    return d.write_truth({
        "doc_type": ["danh_sach"], "full_name": [h[0] for h in households],
        "citizen_id": [h[2] for h in households],
        "date_of_birth": [str(h[1]) for h in households], "signed_date": ["2023-12-15"],
        "document_no": ["52/DS-UBND"], "issuer": ["UBND XÃ VĂN MÔN"],
    }, [{"q": fold(pick[0]), "top": 3}, {"q": pick[2], "top": 1}])


def all_dossiers(reserved: set[str]) -> list[dict]:
    return [ho_so_nong_thi_hue(), qd_ly_van_cuong(), ds_ho_ngheo_van_mon(reserved)]
