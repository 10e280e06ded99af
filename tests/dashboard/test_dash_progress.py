"""The pace rule in recruitment/progress.py, on its own."""

import datetime as dt

from recruitment.periods import Period
from recruitment.progress import PaceStatus, pace_status

YEAR_2022 = Period.year(2022)


def test_reaching_the_target_is_achieved_even_early_in_the_year():
    # Kim Sơn: 207 admitted by 20 September, 103 % of the annual plan.
    share = YEAR_2022.elapsed_share(dt.date(2022, 9, 20))
    assert pace_status(percent_of_target=103, elapsed_share=share) is PaceStatus.ACHIEVED


def test_exactly_100_percent_is_achieved():
    assert pace_status(percent_of_target=100, elapsed_share=1.0) is PaceStatus.ACHIEVED


def test_36_percent_by_30_june_is_behind():
    # Khánh Hòa: 612 admitted in the first half of 2022, 36 % of the annual plan.
    share = YEAR_2022.elapsed_share(dt.date(2022, 6, 30))
    assert pace_status(percent_of_target=36, elapsed_share=share) is PaceStatus.BEHIND


def test_at_or_above_the_elapsed_share_is_on_track():
    share = YEAR_2022.elapsed_share(dt.date(2022, 6, 30))
    assert pace_status(percent_of_target=50, elapsed_share=share) is PaceStatus.ON_TRACK


def test_under_half_the_pace_is_far_behind():
    share = YEAR_2022.elapsed_share(dt.date(2022, 9, 30))  # three quarters gone
    assert pace_status(percent_of_target=30, elapsed_share=share) is PaceStatus.FAR_BEHIND


def test_a_whole_year_under_half_the_target_is_far_behind():
    assert pace_status(percent_of_target=49, elapsed_share=1.0) is PaceStatus.FAR_BEHIND


def test_no_percentage_means_no_target():
    assert pace_status(percent_of_target=None, elapsed_share=0.5) is PaceStatus.NO_TARGET


def test_each_status_has_its_word_colour_and_icon():
    words = {s: str(s.label) for s in PaceStatus}
    assert words == {
        PaceStatus.ACHIEVED: "Đạt / Vượt chỉ tiêu",
        PaceStatus.ON_TRACK: "Đúng tiến độ",
        PaceStatus.BEHIND: "Chậm tiến độ",
        PaceStatus.FAR_BEHIND: "Chậm nhiều",
        PaceStatus.NO_TARGET: "Chưa có chỉ tiêu",
    }
    assert [s.colour for s in PaceStatus] == ["green", "blue", "amber", "red", "grey"]
    assert len({s.icon for s in PaceStatus}) == len(PaceStatus)
