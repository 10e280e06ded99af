# ruff: noqa: E501  (the probe articles keep their paragraphs as one line, as pages do)
"""Eight probe articles (written for these tests, no third-party text) in constructions the
regional and style probes do not cover, each with the figures a reader would annotate by
the corpus README: centrally-run cities and their districts before 2025 (the level of
"thành phố X" depends on X), a commune story that names its district as context, term
phrasings ("từ đầu nhiệm kỳ (2020 - 2025) đến nay", "sau 3 năm thực hiện Nghị quyết"),
a school year (no README convention: no figure), an HTML page dated only in its metadata
with a numbered site menu, a ward after the 2025 merger ("từ khi sáp nhập đến nay"),
spaces as thousands separators, and "103 %" / "103 phần trăm".
"""

import pytest
from probe_support import assert_scores_exactly, stated_facts
from probe_support import gold_figure as f

from recruitment.extraction import extract

P = {}
G = {}


# C1: Ho Chi Minh City before 2025: the city is a province, its districts and Thủ Đức districts
P["c01"] = """Báo Sài Gòn Giải Phóng
Xây dựng Đảng
Thứ Tư, 15/11/2023 10:20
TP.HCM: 10 tháng đầu năm kết nạp hơn 7.500 đảng viên
SGGP - Theo Ban Tổ chức Thành ủy TP.HCM, 10 tháng đầu năm 2023, Đảng bộ Thành phố Hồ Chí Minh kết nạp 7.520 đảng viên, đạt 83,6% chỉ tiêu năm. Một số đơn vị có số lượng kết nạp cao: Quận 12 kết nạp 410 đảng viên, thành phố Thủ Đức 690 đảng viên, quận Bình Thạnh 325 đảng viên.
Thành ủy yêu cầu các cấp ủy rà soát nguồn, phấn đấu hoàn thành chỉ tiêu năm 2023.
Tin liên quan
- Quận 3 tổ chức lễ kết nạp đảng viên cho 20 sinh viên (10/11/2023)
"""
G["c01"] = (
    "2023-11-15",
    [
        f("Thành phố Hồ Chí Minh", "province", "admitted", "2023-01-01", "2023-10-31", 7520),
        f(
            "Thành phố Hồ Chí Minh",
            "province",
            "percent_of_target",
            "2023-01-01",
            "2023-10-31",
            83.6,
        ),
        f("Quận 12", "district", "admitted", "2023-01-01", "2023-10-31", 410),
        f("thành phố Thủ Đức", "district", "admitted", "2023-01-01", "2023-10-31", 690),
        f("quận Bình Thạnh", "district", "admitted", "2023-01-01", "2023-10-31", 325),
    ],
)

# C1b: Hà Nội before 2025, a suburban district and an inner district; Cần Thơ vs Thanh Hóa
P["c02"] = """Báo Hànộimới
Thứ Sáu, 06/01/2023 - 14:05
Thành ủy Hà Nội tổng kết công tác xây dựng Đảng năm 2022
Năm 2022, Đảng bộ thành phố Hà Nội kết nạp 5.870 đảng viên mới, đạt 106,7% kế hoạch. Huyện Sóc Sơn kết nạp 240 đảng viên; quận Hoàn Kiếm kết nạp 95 đảng viên.
Tại hội nghị, đoàn công tác của Thành ủy Cần Thơ đã trao đổi kinh nghiệm: năm 2022, Đảng bộ thành phố Cần Thơ kết nạp 1.830 đảng viên. Đoàn của Tỉnh ủy Thanh Hóa cho biết Đảng bộ thành phố Thanh Hóa kết nạp 410 đảng viên trong năm 2022.
"""
G["c02"] = (
    "2023-01-06",
    [
        f("thành phố Hà Nội", "province", "admitted", "2022-01-01", "2022-12-31", 5870),
        f("thành phố Hà Nội", "province", "percent_of_target", "2022-01-01", "2022-12-31", 106.7),
        f("huyện Sóc Sơn", "district", "admitted", "2022-01-01", "2022-12-31", 240),
        f("quận Hoàn Kiếm", "district", "admitted", "2022-01-01", "2022-12-31", 95),
        f("thành phố Cần Thơ", "province", "admitted", "2022-01-01", "2022-12-31", 1830),
        f("thành phố Thanh Hóa", "district", "admitted", "2022-01-01", "2022-12-31", 410),
    ],
)

# C2: a commune story before 2025; the district is context only
P["c03"] = """Báo Hànộimới
Xã Hương Sơn (huyện Mỹ Đức): Chú trọng phát triển đảng viên ở thôn, bản
Thứ Hai, 18/09/2023 08:30
Những năm qua, Đảng bộ xã Hương Sơn, huyện Mỹ Đức luôn coi trọng công tác tạo nguồn phát triển đảng viên. Từ đầu năm 2023 đến nay, Đảng bộ xã kết nạp 14 đảng viên mới, đạt 116,7% chỉ tiêu Huyện ủy Mỹ Đức giao. Hiện Đảng bộ xã có 32 chi bộ với 1.050 đảng viên.
Toàn huyện Mỹ Đức có 22 xã, thị trấn; huyện có diện tích tự nhiên 226 km2.
"""
G["c03"] = (
    "2023-09-18",
    [
        f("xã Hương Sơn", "commune", "admitted", "2023-01-01", "2023-09-18", 14),
        f("xã Hương Sơn", "commune", "percent_of_target", "2023-01-01", "2023-09-18", 116.7),
        f("xã Hương Sơn", "commune", "members_total", "2023-09-18", "2023-09-18", 1050),
    ],
)

# C3: term phrasings; "sau 3 năm thực hiện Nghị quyết" and "giữa nhiệm kỳ" have no README period
P["c04"] = """Cổng thông tin điện tử huyện Yên Định
Sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội Đảng bộ huyện lần thứ XXIV
Ngày đăng: 20/07/2023
Sau 3 năm thực hiện Nghị quyết Đại hội, toàn Đảng bộ huyện đã kết nạp 812 đảng viên. Từ đầu nhiệm kỳ (2020 - 2025) đến nay, toàn Đảng bộ huyện Yên Định kết nạp 905 đảng viên, đạt 90,5% chỉ tiêu Nghị quyết. Riêng Đảng bộ xã Định Tân, nhiệm kỳ 2020-2025 đến nay kết nạp 41 đảng viên.
Trong nửa nhiệm kỳ còn lại, huyện phấn đấu tăng trưởng kinh tế bình quân 12%/năm.
"""
G["c04"] = (
    "2023-07-20",
    [
        f("huyện Yên Định", "district", "admitted", "2020-01-01", "2023-07-20", 905),
        f("huyện Yên Định", "district", "percent_of_target", "2020-01-01", "2023-07-20", 90.5),
        f("xã Định Tân", "commune", "admitted", "2020-01-01", "2023-07-20", 41),
    ],
)

# C4: a school party cell: a school year has no README period, a calendar year has
P["c05"] = """Trường THCS Chu Văn An - thành phố Thái Bình
Chi bộ nhà trường chăm lo công tác phát triển đảng viên
Đăng lúc: 12/06/2024
Năm học 2023 - 2024, Chi bộ Trường THCS Chu Văn An đã giới thiệu 4 quần chúng ưu tú đi học lớp bồi dưỡng nhận thức về Đảng và kết nạp 2 đảng viên mới. Năm 2023, Chi bộ Trường THCS Chu Văn An kết nạp 3 đảng viên. Hiện chi bộ có 28 đảng viên, trên tổng số 56 cán bộ, giáo viên, nhân viên.
"""
G["c05"] = (
    "2024-06-12",
    [
        f("Trường THCS Chu Văn An", "cell", "admitted", "2023-01-01", "2023-12-31", 3),
        f("Trường THCS Chu Văn An", "cell", "members_total", "2024-06-12", "2024-06-12", 28),
    ],
)

# C5: HTML dated only in <meta article:published_time>, a site menu with counts in the body
P["c06"] = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Krông Pắc kết nạp 156 đảng viên - Báo Đắk Lắk</title>
<meta property="article:published_time" content="2021-12-28T07:45:00+07:00">
</head><body>
<div class="menu"><a href="/thoi-su">Thời sự (125)</a> <a href="/xay-dung-dang">Xây dựng Đảng (48)</a> <a href="/video">Video (30)</a> <a href="/anh">Ảnh (12)</a></div>
<article><h1>Krông Pắc kết nạp 156 đảng viên</h1>
<p>Năm 2021, Đảng bộ huyện Krông Pắc kết nạp 156 đảng viên, đạt 104% chỉ tiêu. Huyện ủy mở 3 lớp bồi dưỡng nhận thức về Đảng cho 230 quần chúng ưu tú.</p>
</article>
<div class="menu"><a href="/thoi-su">Thời sự (125)</a> <a href="/video">Video (30)</a></div>
</body></html>"""
G["c06"] = (
    "2021-12-28",
    [
        f("huyện Krông Pắc", "district", "admitted", "2021-01-01", "2021-12-31", 156),
        f("huyện Krông Pắc", "district", "percent_of_target", "2021-01-01", "2021-12-31", 104),
        f("huyện Krông Pắc", "district", "trained", "2021-01-01", "2021-12-31", 230),
    ],
)

# C5b: HTML dated only in JSON-LD datePublished
P["c07"] = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Tiên Lữ: 6 tháng đầu năm kết nạp 62 đảng viên</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Tiên Lữ: 6 tháng đầu năm kết nạp 62 đảng viên","datePublished":"2022-07-08T15:10:00+07:00","dateModified":"2022-07-09T08:00:00+07:00"}</script>
</head><body>
<ul class="nav"><li>Thời sự (125)</li><li>Chính trị (64)</li><li>Video (30)</li></ul>
<p>6 tháng đầu năm 2022, Đảng bộ huyện Tiên Lữ kết nạp 62 đảng viên, đạt 56,4% kế hoạch năm.</p>
<p>Lượt xem: 2.315</p>
</body></html>"""
G["c07"] = (
    "2022-07-08",
    [
        f("huyện Tiên Lữ", "district", "admitted", "2022-01-01", "2022-06-30", 62),
        f("huyện Tiên Lữ", "district", "percent_of_target", "2022-01-01", "2022-06-30", 56.4),
    ],
)

# C6: a ward after the 2025 merger, figures since the merger
P["c08"] = """Báo Hànộimới
Thứ Năm, 20/11/2025 09:15
Phường Hoàn Kiếm: Kết nạp 27 đảng viên từ khi sáp nhập
Từ khi sáp nhập đến nay, Đảng bộ phường Hoàn Kiếm đã kết nạp 27 đảng viên mới, đạt 54% chỉ tiêu năm 2025. Hiện Đảng bộ phường có 96 tổ chức cơ sở đảng với 9.870 đảng viên.
"""
G["c08"] = (
    "2025-11-20",
    [
        f("phường Hoàn Kiếm", "commune", "admitted", "2025-07-01", "2025-11-20", 27),
        f("phường Hoàn Kiếm", "commune", "percent_of_target", "2025-07-01", "2025-11-20", 54),
        f("phường Hoàn Kiếm", "commune", "members_total", "2025-11-20", "2025-11-20", 9870),
    ],
)

# C7: spaces and no-break spaces as thousands separators, "1,455 đảng viên" in a page
# written with English digit grouping
P["c09"] = """Báo Nam Định
Thứ Ba, 10/01/2023
Năm 2022, toàn Đảng bộ tỉnh Nam Định kết nạp 1 455 đảng viên, đạt 101,2% chỉ tiêu; tổng số đảng viên toàn tỉnh đến cuối năm 2022 là 118\u00a0240 đồng chí. Các huyện đã cử 1,630 quần chúng ưu tú tham gia lớp bồi dưỡng nhận thức về Đảng.
"""
G["c09"] = (
    "2023-01-10",
    [
        f("tỉnh Nam Định", "province", "admitted", "2022-01-01", "2022-12-31", 1455),
        f("tỉnh Nam Định", "province", "percent_of_target", "2022-01-01", "2022-12-31", 101.2),
        f("tỉnh Nam Định", "province", "members_total", "2022-12-31", "2022-12-31", 118240),
        f("tỉnh Nam Định", "province", "trained", "2022-01-01", "2022-12-31", 1630),
    ],
)

# C8: percentages written "103 %" and "103 phần trăm"
P["c10"] = """Báo Tuyên Quang
Thứ Hai, 08/01/2024
Năm 2023, Đảng bộ huyện Hàm Yên kết nạp 206 đảng viên, đạt 103 % chỉ tiêu. Đảng bộ huyện Chiêm Hóa kết nạp 248 đảng viên, đạt 112 phần trăm kế hoạch; tỷ lệ hộ nghèo giảm 3,5 phần trăm.
"""
G["c10"] = (
    "2024-01-08",
    [
        f("huyện Hàm Yên", "district", "admitted", "2023-01-01", "2023-12-31", 206),
        f("huyện Hàm Yên", "district", "percent_of_target", "2023-01-01", "2023-12-31", 103),
        f("huyện Chiêm Hóa", "district", "admitted", "2023-01-01", "2023-12-31", 248),
        f("huyện Chiêm Hóa", "district", "percent_of_target", "2023-01-01", "2023-12-31", 112),
    ],
)


@pytest.mark.parametrize("name", sorted(P))
def test_probe_scores_every_gold_figure_and_nothing_else(name):
    published, gold = G[name]
    assert_scores_exactly(name, P[name], published, gold)


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("kết nạp 1 455 đảng viên", ["1 455"]),
        ("tổng số 118 240 đồng chí", ["118 240"]),
        ("Quận 12 410 đảng viên", ["12", "410"]),
        ("năm 2023 1 200 đảng viên", ["2023", "1", "200"]),
        ("thu 1 455 tỷ đồng", ["1", "455"]),
        ("xã A 8 đảng viên, xã B 6 đảng viên", ["8", "6"]),
    ],
)
def test_spaces_group_thousands_only_in_a_count_of_people(text, spans):
    from recruitment.extraction.numbers import find_number_spans

    assert [text[a:b] for a, b in find_number_spans(text)] == spans


def test_english_comma_groups_only_a_count_of_people():
    facts = stated_facts(
        "Báo Nam Định\n10/01/2023\nNăm 2022, tỉnh Nam Định kết nạp 1,230 đảng viên, "
        "đạt 101,125% kế hoạch.\n"
    )
    assert ("tỉnh Nam Định", "admitted", 1230, "2022-01-01", "2022-12-31") in facts
    assert ("tỉnh Nam Định", "percent_of_target", 101.125, "2022-01-01", "2022-12-31") in facts


def test_since_the_merger_before_july_2025_has_no_known_start():
    text = (
        "Báo Hòa Bình\n12/10/2020\nTừ khi sáp nhập đến nay, Đảng bộ xã Hợp Thịnh kết nạp "
        "12 đảng viên.\n"
    )
    assert not [c for c in extract(text).candidates if c.metric == "admitted"]


def test_a_school_year_alone_gives_no_figure():
    text = (
        "Trường THPT Lê Quý Đôn\n02/06/2024\nNăm học 2023 - 2024, Chi bộ Trường THPT Lê Quý "
        "Đôn kết nạp 5 đảng viên mới.\n"
    )
    assert not [c for c in extract(text).candidates if c.metric == "admitted"]


def test_a_unit_with_its_own_verb_opens_a_list_only_of_bare_items():
    text = (
        "Báo Hànộimới\n12/01/2024\nNăm 2023, các đơn vị kết nạp nhiều: huyện Sóc Sơn kết nạp "
        "240 đảng viên, huyện Ba Vì 198 đảng viên, xã Minh Phú hiện có 300 đảng viên.\n"
    )
    facts = stated_facts(text)
    assert ("huyện Sóc Sơn", "admitted", 240, "2023-01-01", "2023-12-31") in facts
    assert ("huyện Ba Vì", "admitted", 198, "2023-01-01", "2023-12-31") in facts
    assert not [f for f in facts if f[0] == "xã Minh Phú" and f[1] == "admitted"]


def test_a_school_named_after_a_person_keeps_the_name_but_not_a_speaker():
    text = (
        "Báo Bình Phước\n02/01/2024\nNăm 2023, Đảng bộ Trường THPT Lê Quý Đôn kết nạp 4 đảng "
        "viên. Năm 2023, Chi bộ Trường THPT Đồng Xoài Nguyễn Văn Hùng cho biết đã kết nạp 2 "
        "đảng viên.\n"
    )
    orgs = {c.organisation for c in extract(text).candidates}
    assert "Trường THPT Lê Quý Đôn" in orgs
    assert not [o for o in orgs if "Nguyễn" in o]


def test_a_masthead_is_not_the_headline():
    text = (
        "Báo Sài Gòn Giải Phóng\n15/11/2023\nTP.HCM kết nạp hơn 7.500 đảng viên\n"
        "10 tháng đầu năm 2023, Đảng bộ Thành phố Hồ Chí Minh kết nạp 7.520 đảng viên.\n"
    )
    assert [c.value for c in extract(text).candidates if c.metric == "admitted"] == [7520]


@pytest.mark.parametrize(
    "lead",
    [
        "Từ khi sáp nhập đến nay",
        "Từ sau khi sáp nhập",
        "Kể từ ngày 1/7/2025 đến nay",
        "Từ tháng 7/2025 đến nay",
        "Từ khi vận hành mô hình chính quyền địa phương 2 cấp đến nay",
    ],
)
def test_from_the_2025_merger_to_publication(lead):
    text = f"Báo Hànộimới\n20/11/2025\n{lead}, Đảng bộ phường Hoàn Kiếm kết nạp 27 đảng viên.\n"
    assert ("phường Hoàn Kiếm", "admitted", 27, "2025-07-01", "2025-11-20") in stated_facts(text)
