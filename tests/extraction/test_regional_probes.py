# ruff: noqa: E501  (the probe articles keep their paragraphs as one line, as pages do)
"""Twelve regional probe articles (written for these tests, no third-party text) with
the figures a reader would annotate, following the corpus README conventions.

They cover the page kinds the extractor meets: newspaper pages with site chrome and
related links, district and party-committee portals, analytical pieces full of numbers of
other kinds, conference reports, interviews, post-2025 communes, 2017 pages, HTML, an
organisation named only in the title, and units listed with their figures in a sentence,
in bullets, or as table lines. Each must score every gold figure and nothing else.
"""

import pytest
from probe_support import assert_scores_exactly, stated_facts
from probe_support import gold_figure as f

from recruitment.extraction import extract

P = {}
G = {}


# P1: Báo Bắc Giang online, 2018, site chrome, related links with numbers, other percentages
P["p01"] = """BÁO BẮC GIANG ĐIỆN TỬ
Trang chủ | Thời sự | Xây dựng Đảng | Kinh tế | Xã hội | Văn hóa | Thể thao
Thứ Năm, 10/01/2019 08:15

Bắc Giang: Năm 2018 kết nạp gần 3 nghìn đảng viên

BGĐT - Theo báo cáo của Ban Tổ chức Tỉnh ủy, năm 2018, toàn Đảng bộ tỉnh Bắc Giang kết nạp 2.915 đảng viên, đạt 104,1% kế hoạch. Trong đó, đảng viên là đoàn viên thanh niên chiếm 71,2%.

Kết quả đánh giá, xếp loại chất lượng năm 2018 có 96,8% tổ chức cơ sở đảng hoàn thành nhiệm vụ trở lên; 12 tổ chức cơ sở đảng không hoàn thành nhiệm vụ. Tỉnh đã giải thể 3 chi bộ trong doanh nghiệp ngừng hoạt động.

Năm 2019, tỉnh phấn đấu tăng trưởng kinh tế đạt 14,5%, thu ngân sách 9.200 tỷ đồng.

Minh Hà

Tin liên quan
- Lục Ngạn kết nạp 210 đảng viên (05/01/2019)
- Việt Yên: 98% tổ chức cơ sở đảng hoàn thành nhiệm vụ (03/01/2019)
- Hiệp Hòa tổ chức lễ kết nạp đảng viên cho 15 học sinh (28/12/2018)
Bản quyền thuộc Báo Bắc Giang. Giấy phép số 123/GP-BTTTT
"""
G["p01"] = (
    "2019-01-10",
    [
        f("tỉnh Bắc Giang", "province", "admitted", "2018-01-01", "2018-12-31", 2915),
        f("tỉnh Bắc Giang", "province", "percent_of_target", "2018-01-01", "2018-12-31", 104.1),
    ],
)

# P2: district portal, main org only in site header, 2019 6 months
P["p02"] = """Cổng thông tin điện tử huyện Đức Thọ
Giới thiệu | Tin tức - Sự kiện | Văn bản | Thủ tục hành chính
Công tác phát triển đảng viên 6 tháng đầu năm 2019
Ngày đăng: 12/07/2019
Sáng 11/7, Ban Thường vụ Huyện ủy tổ chức hội nghị sơ kết công tác xây dựng Đảng 6 tháng đầu năm 2019. Theo báo cáo, 6 tháng đầu năm 2019, toàn huyện kết nạp 68 đảng viên, đạt 56,7% kế hoạch năm. Huyện ủy đã mở 2 lớp bồi dưỡng nhận thức về Đảng cho 145 quần chúng ưu tú.
Về kinh tế, tổng giá trị sản xuất ước đạt 2.350 tỷ đồng, tăng 8,2% so với cùng kỳ; thu ngân sách đạt 85 tỷ đồng.
Đồng chí Trần Văn Kỳ, Bí thư Huyện ủy yêu cầu các cấp ủy phấn đấu hoàn thành chỉ tiêu cả năm.
Lượt xem: 1.204
"""
G["p02"] = (
    "2019-07-12",
    [
        f("huyện Đức Thọ", "district", "admitted", "2019-01-01", "2019-06-30", 68),
        f("huyện Đức Thọ", "district", "percent_of_target", "2019-01-01", "2019-06-30", 56.7),
        f("huyện Đức Thọ", "district", "trained", "2019-01-01", "2019-06-30", 145),
    ],
)

# P3: xaydungdang analytical piece, many numbers, term 2015-2020, stock "hiện nay"
P["p03"] = """Tạp chí Xây dựng Đảng
Thái Bình nâng cao chất lượng công tác phát triển đảng viên
15/08/2020
Nhiệm kỳ 2015 - 2020, Đảng bộ tỉnh Thái Bình đã kết nạp 9.870 đảng viên, đạt 109,7% chỉ tiêu Nghị quyết Đại hội đề ra. Chất lượng tổ chức cơ sở đảng được nâng lên, hằng năm có trên 92,3% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên. Tốc độ tăng trưởng kinh tế bình quân đạt 8,5%/năm; toàn tỉnh có 1.250 ha lúa chất lượng cao.
Tỉnh đã mở 35 lớp bồi dưỡng lý luận chính trị cho 2.400 đảng viên mới; 18 lớp trung cấp lý luận chính trị cho 1.100 học viên.
Tổng số đảng viên toàn tỉnh hiện nay là 93.450 đồng chí, sinh hoạt tại 481 tổ chức cơ sở đảng.
Nguyễn Hồng Quân
Ban Tổ chức Tỉnh ủy Thái Bình
"""
G["p03"] = (
    "2020-08-15",
    [
        f("tỉnh Thái Bình", "province", "admitted", "2015-01-01", "2020-12-31", 9870),
        f("tỉnh Thái Bình", "province", "percent_of_target", "2015-01-01", "2020-12-31", 109.7),
        f("tỉnh Thái Bình", "province", "members_total", "2020-08-15", "2020-08-15", 93450),
    ],
)

# P4: conference report with communes in one sentence
P["p04"] = """Hội nghị sơ kết công tác xây dựng Đảng 6 tháng đầu năm 2023 của Huyện ủy Lục Nam
Thứ Tư, 19/07/2023 - 09:40
Ngày 18/7, Huyện ủy Lục Nam tổ chức Hội nghị sơ kết công tác xây dựng Đảng 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm 2023.
6 tháng đầu năm 2023, toàn Đảng bộ huyện kết nạp 95 đảng viên, đạt 52,8% chỉ tiêu năm. Một số đảng bộ kết nạp nhiều như: xã Lan Mẫu 8 đảng viên, xã Bảo Sơn 6 đảng viên, thị trấn Đồi Ngô 5 đảng viên.
Các cấp ủy đã thực hiện quy trình đánh giá, xếp loại; có 18 đảng viên được xét tặng Huy hiệu Đảng.
Phát biểu kết luận, đồng chí Bí thư Huyện ủy đề nghị phấn đấu hoàn thành 100% chỉ tiêu.
"""
G["p04"] = (
    "2023-07-19",
    [
        f("huyện Lục Nam", "district", "admitted", "2023-01-01", "2023-06-30", 95),
        f("huyện Lục Nam", "district", "percent_of_target", "2023-01-01", "2023-06-30", 52.8),
        f("xã Lan Mẫu", "commune", "admitted", "2023-01-01", "2023-06-30", 8),
        f("xã Bảo Sơn", "commune", "admitted", "2023-01-01", "2023-06-30", 6),
        f("thị trấn Đồi Ngô", "commune", "admitted", "2023-01-01", "2023-06-30", 5),
    ],
)

# P5: interview, names and titles everywhere
P["p05"] = """Báo Quảng Trị
Phỏng vấn: Chú trọng chất lượng trong công tác phát triển đảng viên
Cập nhật: 10/01/2023
Nhân dịp đầu năm mới, phóng viên Báo Quảng Trị có cuộc trao đổi với đồng chí Hoàng Đức Thắng, Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Tỉnh ủy Quảng Trị.
PV: Xin đồng chí cho biết kết quả công tác phát triển đảng viên năm 2022?
Đồng chí Hoàng Đức Thắng: Năm 2022, toàn tỉnh kết nạp 1.520 đảng viên, đạt 101,3% chỉ tiêu Tỉnh ủy giao. Các cấp ủy đã cử 1.850 quần chúng tham gia lớp bồi dưỡng nhận thức về Đảng. Đảng bộ tỉnh hiện có 52.310 đảng viên.
PV: Năm 2023, Tỉnh ủy đặt ra mục tiêu gì?
Đồng chí Hoàng Đức Thắng: Năm 2023, Tỉnh ủy phấn đấu kết nạp 1.500 đảng viên mới.
PV: Xin cảm ơn đồng chí!
"""
G["p05"] = (
    "2023-01-10",
    [
        f("tỉnh Quảng Trị", "province", "admitted", "2022-01-01", "2022-12-31", 1520),
        f("tỉnh Quảng Trị", "province", "percent_of_target", "2022-01-01", "2022-12-31", 101.3),
        f("tỉnh Quảng Trị", "province", "trained", "2022-01-01", "2022-12-31", 1850),
        f("tỉnh Quảng Trị", "province", "members_total", "2023-01-10", "2023-01-10", 52310),
        f("tỉnh Quảng Trị", "province", "target", "2023-01-01", "2023-12-31", 1500),
    ],
)

# P6: post-merger commune, 2025, new province Lào Cai
P["p06"] = """Báo Lào Cai điện tử
Xã Bát Xát chú trọng phát triển đảng viên sau sắp xếp
20/11/2025 | 10:05
Sau hợp nhất, Đảng bộ xã Bát Xát hiện có 1.024 đảng viên sinh hoạt tại 45 chi bộ trực thuộc. 10 tháng đầu năm 2025, Đảng bộ xã đã kết nạp 15 đảng viên, đạt 75% chỉ tiêu năm.
Xã có diện tích tự nhiên 212 km2, dân số hơn 28.000 người.
Tin cùng chuyên mục
- Xã Mường Khương kết nạp 9 đảng viên
"""
G["p06"] = (
    "2025-11-20",
    [
        f("xã Bát Xát", "commune", "members_total", "2025-11-20", "2025-11-20", 1024),
        f("xã Bát Xát", "commune", "admitted", "2025-01-01", "2025-10-31", 15),
        f("xã Bát Xát", "commune", "percent_of_target", "2025-01-01", "2025-10-31", 75),
    ],
)

# P7: 2017 Báo Nghệ An with as-of date and bulleted district list
P["p07"] = """Báo Nghệ An
Nghệ An: Kết nạp hơn 4.200 đảng viên mới
18/11/2017 07:30
Tính đến ngày 15/11/2017, toàn tỉnh Nghệ An kết nạp được 4.210 đảng viên, đạt 93,6% kế hoạch. Các đơn vị có số lượng kết nạp cao:
- Huyện Quỳnh Lưu: 312 đảng viên;
- Huyện Diễn Châu: 298 đảng viên;
- Thành phố Vinh: 275 đảng viên.
Phóng viên
"""
G["p07"] = (
    "2017-11-18",
    [
        f("tỉnh Nghệ An", "province", "admitted", "2017-01-01", "2017-11-15", 4210),
        f("tỉnh Nghệ An", "province", "percent_of_target", "2017-01-01", "2017-11-15", 93.6),
        f("huyện Quỳnh Lưu", "district", "admitted", "2017-01-01", "2017-11-15", 312),
        f("huyện Diễn Châu", "district", "admitted", "2017-01-01", "2017-11-15", 298),
        f("thành phố Vinh", "district", "admitted", "2017-01-01", "2017-11-15", 275),
    ],
)

# P8: HTML page via read_document
P["p08"] = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Mỹ Xuyên kết nạp 45 đảng viên trong quý I - Báo Sóc Trăng</title>
<meta property="article:published_time" content="2024-04-08T09:00:00+07:00">
</head><body>
<nav><ul><li>Trang chủ</li><li>Chính trị</li><li>Kinh tế</li><li>Xã hội</li></ul></nav>
<article>
<h1>Mỹ Xuyên kết nạp 45 đảng viên trong quý I</h1>
<p class="date">08/04/2024</p>
<p>Quý I/2024, Đảng bộ huyện Mỹ Xuyên kết nạp 45 đảng viên mới, đạt 30% chỉ tiêu năm. Trong đó có 12 đảng viên là người dân tộc Khmer.</p>
<p>Huyện ủy cũng đã mở 1 lớp bồi dưỡng nhận thức về Đảng cho 80 quần chúng ưu tú.</p>
</article>
<aside><h3>Tin mới</h3><ul><li>Thạnh Trị: 6 tháng có 50 đảng viên mới</li></ul></aside>
<footer>Báo Sóc Trăng - Cơ quan của Đảng bộ tỉnh Sóc Trăng</footer>
</body></html>"""
G["p08"] = (
    "2024-04-08",
    [
        f("huyện Mỹ Xuyên", "district", "admitted", "2024-01-01", "2024-03-31", 45),
        f("huyện Mỹ Xuyên", "district", "percent_of_target", "2024-01-01", "2024-03-31", 30),
        f("huyện Mỹ Xuyên", "district", "trained", "2024-01-01", "2024-03-31", 80),
    ],
)

# P9: main organisation only in the title
P["p09"] = """Đảng bộ huyện Con Cuông kết nạp 120 đảng viên trong năm 2020
Cập nhật: 05/01/2021
Năm 2020, toàn Đảng bộ kết nạp 120 đảng viên mới, vượt 20% chỉ tiêu. Tổng số đảng viên toàn Đảng bộ đến cuối năm 2020 là 6.850 đồng chí.
Năm 2021, phấn đấu kết nạp 110 đảng viên.
"""
G["p09"] = (
    "2021-01-05",
    [
        f("huyện Con Cuông", "district", "admitted", "2020-01-01", "2020-12-31", 120),
        f("huyện Con Cuông", "district", "percent_of_target", "2020-01-01", "2020-12-31", 120),
        f("huyện Con Cuông", "district", "members_total", "2020-12-31", "2020-12-31", 6850),
        f("huyện Con Cuông", "district", "target", "2021-01-01", "2021-12-31", 110),
    ],
)

# P10: table rendered as lines on a Ban Tổ chức Tỉnh ủy portal
P["p10"] = """BAN TỔ CHỨC TỈNH ỦY HƯNG YÊN
Trang chủ > Tin hoạt động
Kết quả công tác phát triển đảng viên năm 2024
Ngày 15/01/2025
Năm 2024, toàn Đảng bộ tỉnh Hưng Yên kết nạp 2.150 đảng viên, đạt 102,4% chỉ tiêu. Kết quả của một số đơn vị như sau:
Huyện Văn Lâm: 120 đảng viên, đạt 105%
Huyện Yên Mỹ: 98 đảng viên, đạt 96%
Huyện Khoái Châu: 110 đảng viên, đạt 110%
Ban Tổ chức Tỉnh ủy
"""
G["p10"] = (
    "2025-01-15",
    [
        f("tỉnh Hưng Yên", "province", "admitted", "2024-01-01", "2024-12-31", 2150),
        f("tỉnh Hưng Yên", "province", "percent_of_target", "2024-01-01", "2024-12-31", 102.4),
        f("huyện Văn Lâm", "district", "admitted", "2024-01-01", "2024-12-31", 120),
        f("huyện Văn Lâm", "district", "percent_of_target", "2024-01-01", "2024-12-31", 105),
        f("huyện Yên Mỹ", "district", "admitted", "2024-01-01", "2024-12-31", 98),
        f("huyện Yên Mỹ", "district", "percent_of_target", "2024-01-01", "2024-12-31", 96),
        f("huyện Khoái Châu", "district", "admitted", "2024-01-01", "2024-12-31", 110),
        f("huyện Khoái Châu", "district", "percent_of_target", "2024-01-01", "2024-12-31", 110),
    ],
)

# P11: districts in one sentence, with other percentages
P["p11"] = """Báo Phú Yên
Phú Yên: 9 tháng đầu năm 2022 kết nạp 980 đảng viên
Thứ Ba, 11/10/2022
9 tháng đầu năm 2022, toàn Đảng bộ tỉnh Phú Yên kết nạp 980 đảng viên, đạt 72,6% kế hoạch năm; tỷ lệ đảng viên trẻ dưới 30 tuổi chiếm 38,5%. Các đơn vị có số lượng kết nạp cao là: thành phố Tuy Hòa 156 đảng viên, thị xã Sông Cầu 98 đảng viên, huyện Tây Hòa 87 đảng viên.
"""
G["p11"] = (
    "2022-10-11",
    [
        f("tỉnh Phú Yên", "province", "admitted", "2022-01-01", "2022-09-30", 980),
        f("tỉnh Phú Yên", "province", "percent_of_target", "2022-01-01", "2022-09-30", 72.6),
        f("thành phố Tuy Hòa", "district", "admitted", "2022-01-01", "2022-09-30", 156),
        f("thị xã Sông Cầu", "district", "admitted", "2022-01-01", "2022-09-30", 98),
        f("huyện Tây Hòa", "district", "admitted", "2022-01-01", "2022-09-30", 87),
    ],
)

# P12: many other kinds of numbers: other courses, mass-organisation members
P["p12"] = """Báo Đắk Lắk
Đắk Lắk: Công tác xây dựng Đảng năm 2019 đạt nhiều kết quả
Thứ Hai, 30/12/2019 15:20
Năm 2019, toàn tỉnh kết nạp 2.780 đảng viên, đạt 102,9% chỉ tiêu. Trường Chính trị tỉnh mở 12 lớp trung cấp lý luận chính trị cho 850 học viên; các huyện mở lớp bồi dưỡng đảng viên mới cho 1.120 đồng chí. Hội Nông dân tỉnh kết nạp 2.350 hội viên mới; Đoàn Thanh niên kết nạp 4.100 đoàn viên. Toàn tỉnh đã thành lập mới 15 tổ chức cơ sở đảng trong doanh nghiệp ngoài khu vực nhà nước.
"""
G["p12"] = (
    "2019-12-30",
    [
        f("tỉnh Đắk Lắk", "province", "admitted", "2019-01-01", "2019-12-31", 2780),
        f("tỉnh Đắk Lắk", "province", "percent_of_target", "2019-01-01", "2019-12-31", 102.9),
    ],
)


@pytest.mark.parametrize("name", sorted(P))
def test_regional_probe_scores_every_gold_figure_and_nothing_else(name):
    published, gold = G[name]
    assert_scores_exactly(name, P[name], published, gold)


def test_unit_list_after_generic_head_breaks_the_total_down():
    text = (
        "Báo Hải Dương điện tử\n05/07/2024\n"
        "Tính đến ngày 30/6/2024, toàn tỉnh kết nạp 1.120 đảng viên, đạt 48,7% kế hoạch "
        "năm. Trong đó:\n- Thành phố Hải Dương: 150 đảng viên, đạt 62%;\n"
        "- Huyện Gia Lộc: 85 đảng viên, đạt 50%.\n"
    )
    facts = stated_facts(text)
    assert ("huyện Gia Lộc", "admitted", 85, "2024-01-01", "2024-06-30") in facts
    assert ("huyện Gia Lộc", "percent_of_target", 50, "2024-01-01", "2024-06-30") in facts
    assert ("thành phố Hải Dương", "admitted", 150, "2024-01-01", "2024-06-30") in facts


def test_leading_units_with_voi():
    text = (
        "Hà Nội kết nạp hơn 5.000 đảng viên\n08/12/2023\n"
        "Năm 2023, toàn Đảng bộ thành phố Hà Nội kết nạp 5.120 đảng viên. Dẫn đầu là huyện "
        "Đông Anh với 215 đảng viên, tiếp đến là huyện Sóc Sơn với 198 đảng viên.\n"
    )
    facts = stated_facts(text)
    assert ("huyện Đông Anh", "admitted", 215, "2023-01-01", "2023-12-31") in facts
    assert ("huyện Sóc Sơn", "admitted", 198, "2023-01-01", "2023-12-31") in facts


@pytest.mark.parametrize(
    "body",
    [
        # Stocks, candidates in the pipeline and plans listed by unit are not admissions.
        "Đảng bộ huyện Lục Nam hiện có 5.200 đảng viên. Số đảng viên của một số đảng bộ "
        "như: xã Lan Mẫu 320 đảng viên, xã Bảo Sơn 280 đảng viên.",
        "6 tháng đầu năm 2023, các xã có số quần chúng được đề nghị kết nạp nhiều là: "
        "xã Lan Mẫu 10 đảng viên, xã Bảo Sơn 8 đảng viên.",
        "Năm 2024, các đơn vị đăng ký chỉ tiêu kết nạp như sau: xã Lan Mẫu 10 đảng viên, "
        "xã Bảo Sơn 8 đảng viên.",
        "Năm 2023, số lượng đảng viên của các xã:\n- Xã Lan Mẫu: 320 đảng viên;\n"
        "- Xã Bảo Sơn: 280 đảng viên.",
        "Năm 2023, toàn huyện kết nạp 95 đảng viên. Chỉ tiêu năm 2024 giao cho các đơn vị:\n"
        "- Xã Lan Mẫu: 10 đảng viên;\n- Xã Bảo Sơn: 8 đảng viên.",
    ],
)
def test_unit_lists_that_are_not_admissions_give_no_unit_figure(body):
    text = "Huyện ủy Lục Nam\n12/08/2023\n" + body + "\n"
    assert not [c for c in extract(text).candidates if c.org_level == "commune"]


def test_other_courses_are_not_the_awareness_course():
    text = (
        "Huyện ủy Lục Nam\n12/08/2023\nNăm 2023, Huyện ủy mở 3 lớp bồi dưỡng nhận thức về "
        "Đảng cho 120 quần chúng ưu tú; 2 lớp bồi dưỡng lý luận chính trị dành cho đảng "
        "viên mới cho 90 đồng chí; 1 lớp trung cấp lý luận chính trị cho 60 học viên.\n"
    )
    trained = [c.value for c in extract(text).candidates if c.metric.startswith("trained")]
    assert trained == [120]


def test_two_units_on_one_list_line():
    text = (
        "Báo Nghệ An\n18/11/2017\nTính đến ngày 15/11/2017, toàn tỉnh Nghệ An kết nạp được "
        "4.210 đảng viên. Các đơn vị có số lượng kết nạp cao:\n"
        "- Huyện Quỳnh Lưu: 312 đảng viên; huyện Diễn Châu: 298 đảng viên.\n"
    )
    facts = stated_facts(text)
    assert ("huyện Quỳnh Lưu", "admitted", 312, "2017-01-01", "2017-11-15") in facts
    assert ("huyện Diễn Châu", "admitted", 298, "2017-01-01", "2017-11-15") in facts
