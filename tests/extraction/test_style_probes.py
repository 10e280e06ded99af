# ruff: noqa: E501  (the probe articles keep their paragraphs as one line, as pages do)
"""Ten probe articles in styles the regional probes do not cover (written for these tests,
no third-party text), each with the figures a reader would annotate by the corpus README:
a year-end summary compared with the year before, admissions beside disciplinary counts,
Youth Union figures, dates in words, hedged and "nghìn" numbers, a congress resolution
with term targets, forces/universities/enterprises, the 2025 party structure, a figure
repeated in two sentences, and a table flattened into tab-separated lines.
"""

import pytest
from probe_support import assert_scores_exactly
from probe_support import gold_figure as f

from recruitment.extraction import extract

P = {}
G = {}


# S1: year-end summary with a comparison with the year before
P["s01"] = """Báo Thanh Hóa
Nông Cống: Công tác phát triển đảng viên năm 2023 vượt kế hoạch
Thứ Hai, 08/01/2024 - 07:45
Theo báo cáo tổng kết của Huyện ủy, năm 2023, Đảng bộ huyện Nông Cống kết nạp 215 đảng viên, đạt 107,5% kế hoạch, so với năm 2022 tăng 35 đảng viên. Số đảng viên nữ chiếm 42%, tăng 3,5% so với năm trước.
Đến ngày 31/12/2023, tổng số đảng viên của Đảng bộ huyện là 9.812 đồng chí, tăng 128 đồng chí so với cùng kỳ năm 2022.
Năm 2024, Huyện ủy phấn đấu kết nạp 200 đảng viên trở lên.
"""
G["s01"] = (
    "2024-01-08",
    [
        f("huyện Nông Cống", "district", "admitted", "2023-01-01", "2023-12-31", 215),
        f("huyện Nông Cống", "district", "percent_of_target", "2023-01-01", "2023-12-31", 107.5),
        f("huyện Nông Cống", "district", "members_total", "2023-12-31", "2023-12-31", 9812),
        f("huyện Nông Cống", "district", "target", "2024-01-01", "2024-12-31", 200),
    ],
)

# S2: admissions beside disciplinary figures (struck off, disciplined, expelled)
P["s02"] = """Báo Hà Tĩnh
Hà Tĩnh: Nâng cao chất lượng đảng viên, kiên quyết đưa người không đủ tư cách ra khỏi Đảng
15/12/2023 | 08:30
Năm 2023, toàn Đảng bộ tỉnh Hà Tĩnh kết nạp 2.050 đảng viên, đạt 102,5% kế hoạch. Cùng với đó, các cấp ủy đã xem xét, xóa tên 45 đảng viên, kỷ luật 120 đảng viên, trong đó khai trừ ra khỏi Đảng 12 đảng viên; cho ra khỏi Đảng 18 đảng viên không còn đủ tư cách. Ủy ban Kiểm tra các cấp đã thi hành kỷ luật 36 đảng viên vi phạm.
Qua rà soát, có 27 đảng viên được đưa ra khỏi Đảng bằng hình thức xóa tên.
"""
G["s02"] = (
    "2023-12-15",
    [
        f("tỉnh Hà Tĩnh", "province", "admitted", "2023-01-01", "2023-12-31", 2050),
        f("tỉnh Hà Tĩnh", "province", "percent_of_target", "2023-01-01", "2023-12-31", 102.5),
    ],
)

# S3: Youth Union figures beside the party's
P["s03"] = """Báo Tuyên Quang điện tử
Tuổi trẻ Tuyên Quang đóng góp vào công tác xây dựng Đảng
22/12/2024
Năm 2024, Tỉnh đoàn Tuyên Quang kết nạp 1.500 đoàn viên mới; giới thiệu 800 đoàn viên ưu tú cho Đảng xem xét kết nạp. Các cơ sở đoàn đã kết nạp 2.300 đội viên vào Đoàn.
Cũng trong năm 2024, toàn Đảng bộ tỉnh Tuyên Quang kết nạp 1.920 đảng viên, trong đó 1.350 đảng viên là đoàn viên thanh niên.
"""
G["s03"] = (
    "2024-12-22",
    [
        f("tỉnh Tuyên Quang", "province", "admitted", "2024-01-01", "2024-12-31", 1920),
    ],
)

# S4: dates in words, "năm 2023 vừa qua", "năm qua" early in the next year
P["s04"] = """Huyện ủy Krông Pắc
Thứ Bảy, ngày 3 tháng 2 năm 2024
Krông Pắc chú trọng phát triển đảng viên ở vùng đồng bào dân tộc thiểu số
Năm 2023 vừa qua, Đảng bộ huyện Krông Pắc kết nạp 156 đảng viên, đạt 104% chỉ tiêu. Trong năm qua, Huyện ủy đã mở 4 lớp bồi dưỡng nhận thức về Đảng cho 230 quần chúng ưu tú.
Tính đến ngày 31 tháng 12 năm 2023, Đảng bộ huyện có 7.420 đảng viên.
"""
G["s04"] = (
    "2024-02-03",
    [
        f("huyện Krông Pắc", "district", "admitted", "2023-01-01", "2023-12-31", 156),
        f("huyện Krông Pắc", "district", "percent_of_target", "2023-01-01", "2023-12-31", 104),
        f("huyện Krông Pắc", "district", "trained", "2023-01-01", "2023-12-31", 230),
        f("huyện Krông Pắc", "district", "members_total", "2023-12-31", "2023-12-31", 7420),
    ],
)

# S5: hedged numbers and "nghìn"/"ngàn" multipliers
P["s05"] = """Báo Lâm Đồng
Lâm Đồng: Hơn 2 nghìn đảng viên mới trong năm 2022
05/01/2023
Năm 2022, toàn Đảng bộ tỉnh Lâm Đồng kết nạp hơn 2 nghìn đảng viên; các cấp ủy đã cử trên 2,5 ngàn quần chúng ưu tú tham gia lớp bồi dưỡng nhận thức về Đảng. Riêng thành phố Bảo Lộc kết nạp gần 300 đảng viên.
"""
G["s05"] = (
    "2023-01-05",
    [
        f("tỉnh Lâm Đồng", "province", "admitted", "2022-01-01", "2022-12-31", 2000),
        f("tỉnh Lâm Đồng", "province", "trained", "2022-01-01", "2022-12-31", 2500),
        f("thành phố Bảo Lộc", "district", "admitted", "2022-01-01", "2022-12-31", 300),
    ],
)

# S6: provincial congress resolution with term targets
P["s06"] = """Báo Bình Định
Đại hội Đảng bộ tỉnh Bình Định lần thứ XX thông qua Nghị quyết
16/10/2020
Nhiệm kỳ 2015 - 2020, Đảng bộ tỉnh Bình Định kết nạp 12.560 đảng viên, vượt 4,7% chỉ tiêu Nghị quyết. Nghị quyết Đại hội nhiệm kỳ 2020 - 2025 đề ra chỉ tiêu: mỗi năm kết nạp từ 2.500 đảng viên trở lên; cả nhiệm kỳ phấn đấu kết nạp 12.500 đảng viên; đến cuối nhiệm kỳ, tỷ lệ đảng viên so với dân số đạt 3,5%.
"""
G["s06"] = (
    "2020-10-16",
    [
        f("tỉnh Bình Định", "province", "admitted", "2015-01-01", "2020-12-31", 12560),
        f("tỉnh Bình Định", "province", "percent_of_target", "2015-01-01", "2020-12-31", 104.7),
        f("tỉnh Bình Định", "province", "target", "2020-01-01", "2025-12-31", 12500),
        f(
            "tỉnh Bình Định",
            "province",
            "members_population_pct_target",
            "2020-01-01",
            "2025-12-31",
            3.5,
        ),
    ],
)

# S7: a force, a university and an enterprise in one report of a provincial bloc
P["s07"] = """Báo Quảng Bình
Phát triển đảng viên trong lực lượng vũ trang và trường học
20/07/2023
6 tháng đầu năm 2023, Đảng bộ Bộ đội Biên phòng tỉnh Quảng Bình kết nạp 32 đảng viên, đạt 64% kế hoạch năm. Đảng bộ Trường Đại học Quảng Bình kết nạp 18 đảng viên là sinh viên. Đảng bộ Công ty Cổ phần Cấp nước Quảng Bình kết nạp 5 đảng viên.
"""
G["s07"] = (
    "2023-07-20",
    [
        f(
            "Đảng bộ Bộ đội Biên phòng tỉnh Quảng Bình",
            "district",
            "admitted",
            "2023-01-01",
            "2023-06-30",
            32,
        ),
        f(
            "Đảng bộ Bộ đội Biên phòng tỉnh Quảng Bình",
            "district",
            "percent_of_target",
            "2023-01-01",
            "2023-06-30",
            64,
        ),
        f("Trường Đại học Quảng Bình", "grassroots", "admitted", "2023-01-01", "2023-06-30", 18),
        f(
            "Công ty Cổ phần Cấp nước Quảng Bình",
            "grassroots",
            "admitted",
            "2023-01-01",
            "2023-06-30",
            5,
        ),
    ],
)

# S8: the 2025 party structure of a province
P["s08"] = """Báo Hà Tĩnh
Các đảng bộ trực thuộc Tỉnh ủy đẩy mạnh phát triển đảng viên
Thứ Năm, 16/10/2025
9 tháng đầu năm 2025, Đảng bộ các cơ quan Đảng tỉnh Hà Tĩnh kết nạp 42 đảng viên, đạt 84% kế hoạch; Đảng bộ Ủy ban nhân dân tỉnh kết nạp 65 đảng viên. Toàn tỉnh kết nạp 1.380 đảng viên, đạt 69% kế hoạch năm.
"""
G["s08"] = (
    "2025-10-16",
    [
        f(
            "Đảng bộ các cơ quan Đảng tỉnh Hà Tĩnh",
            "district",
            "admitted",
            "2025-01-01",
            "2025-09-30",
            42,
        ),
        f(
            "Đảng bộ các cơ quan Đảng tỉnh Hà Tĩnh",
            "district",
            "percent_of_target",
            "2025-01-01",
            "2025-09-30",
            84,
        ),
        f(
            "Đảng bộ Ủy ban nhân dân tỉnh",
            "district",
            "admitted",
            "2025-01-01",
            "2025-09-30",
            65,
        ),
        f("tỉnh Hà Tĩnh", "province", "admitted", "2025-01-01", "2025-09-30", 1380),
        f("tỉnh Hà Tĩnh", "province", "percent_of_target", "2025-01-01", "2025-09-30", 69),
    ],
)

# S9: the same figure in two sentences
P["s09"] = """Báo Nghệ An
Yên Thành: Dấu ấn công tác phát triển đảng viên
10/02/2023
Năm 2022, Đảng bộ huyện Yên Thành kết nạp 312 đảng viên, đạt 104% kế hoạch. Với 312 đảng viên mới được kết nạp trong năm 2022, Yên Thành tiếp tục là đơn vị dẫn đầu tỉnh về công tác phát triển đảng viên.
"""
G["s09"] = (
    "2023-02-10",
    [
        f("huyện Yên Thành", "district", "admitted", "2022-01-01", "2022-12-31", 312),
        f("huyện Yên Thành", "district", "percent_of_target", "2022-01-01", "2022-12-31", 104),
    ],
)

# S10: a table flattened into tab-separated lines
P["s10"] = """Báo Hải Dương điện tử
Kết quả phát triển đảng viên năm 2023 của các huyện
12/01/2024
Năm 2023, toàn Đảng bộ tỉnh Hải Dương kết nạp 2.412 đảng viên, đạt 103,1% kế hoạch. Kết quả cụ thể của một số huyện:
STT\tĐơn vị\tChỉ tiêu\tĐã kết nạp\tTỷ lệ
1\tHuyện Gia Lộc\t120\t126\t105%
2\tHuyện Thanh Miện\t110\t99\t90%
3\tHuyện Ninh Giang\t100\t112\t112%
Nguồn: Ban Tổ chức Tỉnh ủy
"""
G["s10"] = (
    "2024-01-12",
    [
        f("tỉnh Hải Dương", "province", "admitted", "2023-01-01", "2023-12-31", 2412),
        f("tỉnh Hải Dương", "province", "percent_of_target", "2023-01-01", "2023-12-31", 103.1),
        f("huyện Gia Lộc", "district", "target", "2023-01-01", "2023-12-31", 120),
        f("huyện Gia Lộc", "district", "admitted", "2023-01-01", "2023-12-31", 126),
        f("huyện Gia Lộc", "district", "percent_of_target", "2023-01-01", "2023-12-31", 105),
        f("huyện Thanh Miện", "district", "target", "2023-01-01", "2023-12-31", 110),
        f("huyện Thanh Miện", "district", "admitted", "2023-01-01", "2023-12-31", 99),
        f("huyện Thanh Miện", "district", "percent_of_target", "2023-01-01", "2023-12-31", 90),
        f("huyện Ninh Giang", "district", "target", "2023-01-01", "2023-12-31", 100),
        f("huyện Ninh Giang", "district", "admitted", "2023-01-01", "2023-12-31", 112),
        f("huyện Ninh Giang", "district", "percent_of_target", "2023-01-01", "2023-12-31", 112),
    ],
)


@pytest.mark.parametrize("name", sorted(P))
def test_style_probe_scores_every_gold_figure_and_nothing_else(name):
    published, gold = G[name]
    assert_scores_exactly(name, P[name], published, gold)


def test_table_without_a_period_above_gives_nothing():
    text = (
        "Ban Tổ chức Huyện ủy Gia Lộc\n12/01/2024\nKết quả của các xã:\n"
        "STT\tĐơn vị\tChỉ tiêu\tĐã kết nạp\tTỷ lệ\n1\tXã Gia Tân\t5\t6\t120%\n"
    )
    assert not [c for c in extract(text).candidates if c.org_level == "commune"]


def test_table_of_stocks_is_not_read_as_admissions():
    text = (
        "Báo Hải Dương điện tử\n12/01/2024\nNăm 2023, số đảng viên của các huyện:\n"
        "STT\tĐơn vị\tSố đảng viên\tSố chi bộ\n1\tHuyện Gia Lộc\t5.120\t86\n"
    )
    assert not [c for c in extract(text).candidates if c.org_level == "district"]


def test_disciplinary_counts_are_never_admissions():
    text = (
        "Báo Hà Tĩnh\n15/12/2023\nNăm 2023, Đảng bộ huyện Can Lộc xóa tên 12 đảng viên, "
        "kỷ luật 8 đảng viên, đưa ra khỏi Đảng 3 đảng viên.\n"
    )
    assert extract(text).candidates == []
