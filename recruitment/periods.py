"""The `Period` value object: a closed date range that knows how staff name it.

Every place that shows a period (admin, dashboard, CSV) goes through `Period.label`, so
"6 tháng đầu năm 2022" is written the same way everywhere and translated in one place.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

ROMAN_QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}

# Party congresses elect committees for five-year terms; these are the recent ones.
TERM_STARTS = (2010, 2015, 2020, 2025, 2030)


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True, order=True)
class Period:
    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"Period ends ({self.end}) before it starts ({self.start}).")

    # --- constructors -------------------------------------------------------------------------
    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def term(cls, first_year: int, last_year: int) -> Period:
        """A congress term: Jan 1 of its first year to Dec 31 of its last."""
        return cls(dt.date(first_year, 1, 1), dt.date(last_year, 12, 31))

    @classmethod
    def term_containing(cls, day: dt.date) -> Period:
        first = max(y for y in TERM_STARTS if y <= day.year) if day.year >= TERM_STARTS[0] else None
        if first is None:
            first = day.year - (day.year - TERM_STARTS[0]) % 5
        # A term's last year is also the next term's first: 2020–2025 then 2025–2030. Dates in
        # the shared year belong to the older term until its congress, which we cannot know, so
        # the year itself is taken as the newer term's start.
        return cls.term(first, first + 5)

    @classmethod
    def stock(cls, day: dt.date) -> Period:
        """A stock (total members at a date) is a zero-length period."""
        return cls(day, day)

    # --- properties ---------------------------------------------------------------------------
    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def is_stock(self) -> bool:
        return self.start == self.end

    @property
    def is_year(self) -> bool:
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (
            1,
            1,
            12,
            31,
        ) and self.start.year == self.end.year

    @property
    def is_term(self) -> bool:
        return (
            self.start.month == 1
            and self.start.day == 1
            and self.end.month == 12
            and self.end.day == 31
            and self.end.year - self.start.year >= 4
        )

    def elapsed_share(self, as_of: dt.date) -> float:
        """Share of the period gone by at `as_of` (0–1); the yardstick for 'on pace'."""
        if as_of <= self.start:
            return 0.0
        if as_of >= self.end:
            return 1.0
        return ((as_of - self.start).days + 1) / self.days

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    @property
    def label(self) -> str:
        s, e = self.start, self.end
        if self.is_year:
            return _("năm %(year)d") % {"year": s.year}
        if self.is_term:
            return _("nhiệm kỳ %(first)d–%(last)d") % {"first": s.year, "last": e.year}
        if self.is_stock:
            return _("tại %(date)s") % {"date": format_date(s)}
        if s.day == 1 and s.month == 1 and s.year == e.year and e == month_end(e.year, e.month):
            if e.month == 3:
                return _("quý I năm %(year)d") % {"year": s.year}
            # Cumulative reports name the rest by months: "6 tháng đầu năm", "9 tháng đầu năm".
            return _("%(months)d tháng đầu năm %(year)d") % {"months": e.month, "year": s.year}
        if s.day == 1 and e == month_end(e.year, e.month) and s.year == e.year:
            quarter = (s.month - 1) // 3 + 1
            if s.month == 3 * quarter - 2 and e.month == 3 * quarter:
                return _("quý %(q)s năm %(year)d") % {"q": ROMAN_QUARTERS[quarter], "year": s.year}
        return f"{format_date(s)}–{format_date(e)}"

    def __str__(self) -> str:
        return self.label


def format_date(day: dt.date) -> str:
    """Dates in the active language's short format (20/09/2022 in Vietnamese)."""
    from django.utils.formats import date_format

    return date_format(day, "SHORT_DATE_FORMAT")
