"""Lists of units: a head that names the metric (and period) once, then units with values.

Three forms: lines "- Huyện X: 312 đảng viên;" under a head line ending with ":"; a
sentence "..., như: xã A 8 đảng viên, xã B 6 đảng viên"; and a verb list "Quận 12 kết
nạp 410 đảng viên, quận Bình Thạnh 325 đảng viên", where the units after the first leave
the verb out. An item alone says nothing of its metric: the list's head does.
"""

from __future__ import annotations

import bisect
import re

from . import metrics, organisations
from .organisations import Mention, Org
from .text import NON_SPACE_RE, Text, sentences

# Between a unit and its value in a list: "huyện A: 120", "B – 110", "C với 90", "TX. Giá Rai
# là 750 đảng viên".
_ITEM_GAP_RE = re.compile(r"[ \t]*(?:[:–—-]|với|là)?[ \t]*$")
# Between a unit and its share in a list: "huyện A (45,16%)", "huyện B đạt 45,09%", "C: 30%".
_SHARE_GAP_RE = re.compile(r"[ \t]*(?:[:–—-]|\(|(?:đạt|được)(?:[ \t]+tỷ[ \t]+lệ)?)?[ \t]*$")
# A sentence opening with these goes on about the total before it: "Trong đó, huyện A kết
# nạp 120 ĐV, huyện B 110 ĐV".
_CONNECTOR_RE = re.compile(
    r"[ \t]*(?:trong\s+đó|cụ\s+thể|theo\s+đó|trong\s+số\s+(?:đó|này)|qua\s+đó)[ \t]*[,:]?[ \t]*$",
    re.IGNORECASE,
)
_ITEM_SEP_RE = re.compile(
    r"[ \t]*\)?[ \t]*(?:[,;]|\s+và)(?:[ \t]+(?:tiếp\s+(?:đến|theo)|sau\s+đó|kế\s+đến)(?:\s+là)?)?"
    r"[ \t]*$",
    re.IGNORECASE,
)
_ITEM_BULLET_RE = re.compile(r"[ \t]*(?:[-–•+*][ \t]*|\d{1,2}[.)][ \t]+)?$")
_LIST_HEAD_END_RE = re.compile(r"(?::|\s(?:như|là|gồm))[ \t]*$", re.IGNORECASE)
ITEM_NOUNS = frozenset({"đảng viên", "đồng chí"})
_UNIT_VERB_GAP_RE = re.compile(r"[ \t]+(?:đã[ \t]+)?kết[ \t]+nạp(?:[ \t]+(?:được|mới|thêm))?[ \t]+")
_UNIT_LEVELS = frozenset({"district", "commune"})
# The party body a unit's name may follow: "Đảng bộ huyện A", "Chi bộ xã B".
_PARTY_BODY = r"(?:[Đđ]ảng[ \t]+(?:bộ|ủy|uỷ)|[Cc]hi[ \t]+bộ)"
_PARTNER_GAP_RE = re.compile(rf"[ \t]*(?:,|và)[ \t]*(?:{_PARTY_BODY}[ \t]+)?")
# An item after the previous one: "; Tứ Kỳ 110", ", Công an: 40".
_BARE_ITEM_RE = re.compile(
    r"[ \t]*\)?[ \t]*(?:[,;]|\s+và)[ \t]+(?P<name>[A-ZĐ][^\W\d_]*(?:[ \t]+[^\W\d_]+){0,4}?)"
    r"[ \t]*:?[ \t]*$"
)
_BARE_FIRST_RE = re.compile(r"(?P<name>[A-ZĐ][^\W\d_]*(?:[ \t]+[^\W\d_]+){0,4}?)[ \t]*:?[ \t]*$")
_PARTY_PREFIX_RE = re.compile(rf"{_PARTY_BODY}[ \t]+$")


def _ends_list_head(work: str, a: int, b: int) -> bool:
    """``_LIST_HEAD_END_RE.search(work[a:b])``, looking only at the end of the span: the
    head word or colon must end where the trailing spaces begin (a long sentence part is
    not scanned again for each number in it)."""
    j = b
    while j > a and work[j - 1] in " \t":
        j -= 1
    return _LIST_HEAD_END_RE.search(work[max(a, j - 4) : b]) is not None


def _item_start(work: str, lo: int, unit_start: int) -> int:
    """Where an item naming the unit at ``unit_start`` opens (not before ``lo``): at its
    party body when one precedes the unit ("Đảng bộ huyện A (45%)" opens at "Đảng bộ")."""
    prefix = _PARTY_PREFIX_RE.search(work, max(lo, unit_start - 12), unit_start)
    return unit_start if prefix is None else prefix.start()


class Lists:
    """Which list, if any, the text is in, as the extractor walks it line by line.

    ``line_list``: the metric the items of a line list share (set by a head line ending
    with ":"); ``inline``: (sentence start, metric) of a list inside a sentence;
    ``para_last_metric``: the metric of the paragraph's last count so far (a head after an
    admitted total lists admissions).
    """

    def __init__(self, text: Text, mentions: list[Mention]):
        self.text = text
        self.work = text.work
        self.mentions = mentions
        self.mention_starts = [m.start for m in mentions]
        self.line_list: str | None = None
        self.line_has_items = False
        self.inline: tuple[int, str] | None = None
        self.para_last_metric: str | None = None

    def start_line(self) -> None:
        self.line_has_items = False
        self.para_last_metric = None

    def is_item_line(self, a: int, b: int) -> bool:
        """A line of a unit list ("Huyện Văn Lâm: 120 đảng viên, đạt 105%"): short and
        without a sentence end, but no heading; the list head's period goes on."""
        if not self.line_list:
            return False
        i = bisect.bisect_left(self.mention_starts, a)
        if i >= len(self.mentions) or self.mentions[i].start >= b:
            return False
        return bool(_ITEM_BULLET_RE.match(self.work, a, self.mentions[i].start))

    def end_line(self, a: int, b: int) -> None:
        """After a line: does a list of unit lines follow, or go on, or end here?"""
        work = self.work
        if a == b or not NON_SPACE_RE.search(work, a, b):
            return  # blank lines do not end a list
        if self.line_has_items:
            return
        self.line_list = None
        line = work[a:b].rstrip()
        if not line.endswith(":"):
            return
        sents = sentences(work, a, a + len(line))
        hs = sents[-1][0] if sents else a
        admitted_before = self.para_last_metric == "admitted"
        self.line_list = metrics.classify_list_head(work[hs : a + len(line)], admitted_before)

    def open_verb_list(self, s: int, ns: int) -> bool:
        """ "Quận 12 kết nạp 410 đảng viên, quận Bình Thạnh 325 đảng viên": a unit opening
        the sentence or a list with its own verb; the units after it leave the verb out.
        True when a list's head ("... như:") opened it: the unit is a list's first item."""
        i = bisect.bisect_left(self.mention_starts, ns) - 1
        if i < 0:
            return False
        m = self.mentions[i]
        if m.org is None or m.start < s or m.org.level not in _UNIT_LEVELS:
            return False
        if not _UNIT_VERB_GAP_RE.fullmatch(self.work, m.end, ns):
            return False
        work = self.work
        opens = _item_start(work, s, m.start)  # "như: Đảng bộ quận Cái Răng kết nạp 115 ĐV"
        headed = _ends_list_head(work, s, opens)
        if (
            NON_SPACE_RE.search(work, s, opens)
            and not headed
            and not _CONNECTOR_RE.match(work, s, opens)
        ):
            return False
        self.inline = (s, "admitted")
        return headed

    def bare_item(self, s: int, prev_end: int, ns: int) -> Org | None:
        """The unit of a list item named without its level word ("...: Thanh Hà 120; Tứ Kỳ
        110; Công an 40"), in a list whose metric is known; None elsewhere."""
        work = self.work
        inline = self.inline
        if prev_end == s:
            # The first item, right after the head: "... cho các huyện: Thanh Hà 120;".
            m = _BARE_FIRST_RE.search(work, s, ns)
            if m is None or not _LIST_HEAD_END_RE.search(work, s, m.start("name")):
                return None
            unit = organisations.bare_unit(m.group("name"))
            head = work[s : m.start("name")]
            metric = metrics.classify_list_head(head, self.para_last_metric == "admitted")
            if unit is None or metric is None:
                return None
            self.inline = (s, metric)
            return unit
        if inline is None or inline[0] != s:
            return None
        m = _BARE_ITEM_RE.match(work, prev_end, ns)
        return organisations.bare_unit(m.group("name")) if m else None

    def item_metric(self, s: int, prev_end: int, ns: int) -> str | None:
        """The metric of "<unit> N đảng viên" (or "<unit> N;") as an item of a list, or None.

        The number must follow a named unit directly (a colon or dash between them at
        most), and the unit must open an item: right after the list's head (in the
        sentence, or on the line under a head line) or after the previous item's
        separator.
        """
        return self._item(s, prev_end, ns, _ITEM_GAP_RE)

    def share_item(self, s: int, prev_end: int, ns: int) -> Mention | None:
        """The unit of "<unit> (45,16%)" / "<unit> đạt 45,09%" as an item of a list of
        admissions, or None: its share is of its admission plan."""
        if self._item(s, prev_end, ns, _SHARE_GAP_RE) != "admitted":
            return None
        return self.unit_before(ns)

    def unit_before(self, ns: int) -> Mention | None:
        i = bisect.bisect_left(self.mention_starts, ns) - 1
        return self.mentions[i] if i >= 0 else None

    def named_unit_before(self, ns: int) -> Mention | None:
        """The last mention before ``ns`` that names its organisation ("Đảng bộ huyện Phú
        Quý", not the bare reference "Đảng bộ huyện" read at the same place)."""
        i = bisect.bisect_left(self.mention_starts, ns) - 1
        while i >= 0 and (self.mentions[i].org is None or self.mentions[i].end > ns):
            i -= 1
        return self.mentions[i] if i >= 0 else None

    def partner(self, unit: Mention) -> Mention | None:
        """The unit before ``unit`` that shares its value: "huyện Lý Nhân và huyện Bình Lục
        đạt 30%", "xã A, phường B (mỗi nơi 4 đảng viên)"."""
        i = bisect.bisect_left(self.mention_starts, unit.start) - 1
        if i < 0:
            return None
        m = self.mentions[i]
        if m.org is None or not _PARTNER_GAP_RE.fullmatch(self.work, m.end, unit.start):
            return None
        return m

    def _item(self, s: int, prev_end: int, ns: int, gap: re.Pattern) -> str | None:
        work = self.work
        i = bisect.bisect_left(self.mention_starts, ns) - 1
        if i < 0:
            return None
        m = self.mentions[i]
        if m.org is None or m.start < prev_end or not gap.match(work[m.end : ns]):
            return None
        partner = self.partner(m)
        if partner is not None and partner.start >= prev_end:
            m = partner  # the item opens with the first of the two units
        opens = _item_start(work, prev_end, m.start)
        before = work[prev_end:opens]
        inline = self.inline
        if inline is not None and inline[0] == s and prev_end > s:
            return inline[1] if _ITEM_SEP_RE.match(before) else None
        if prev_end == s and self.line_list and s == self.text.lines[self.text.line_of(s)][0]:
            if _ITEM_BULLET_RE.match(before):
                self.line_has_items = True
                self.inline = (s, self.line_list)  # "- Huyện A: 12; huyện B: 10"
                return self.line_list
            return None
        if prev_end == s and _LIST_HEAD_END_RE.search(before):
            admitted_before = self.para_last_metric == "admitted"
            metric = metrics.classify_list_head(before, admitted_before)
            if metric is not None:
                self.inline = (s, metric)
            return metric
        return None
