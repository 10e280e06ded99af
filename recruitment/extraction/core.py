"""``extract``: from an article's text to admission figures with their evidence.

The stages, one module each: ``text`` prepares the text and cuts lines, sentences and
clauses; ``noise`` drops page furniture; ``periods`` and ``organisations`` find their
mentions in one pass; sentence by sentence ``figures`` reads the numbers (with ``lists``
and ``tables`` for lists of units), ``attribution`` gives each figure its organisation
and period, and ``candidates`` turns settled figures into candidates. This module only
runs them in order and carries what passes between sentences: the period (across the
paragraphs of the body, not past a heading or page noise) and the subject (within a
paragraph).

Every stage is linear in the text (a sentence's questions are answered by bisection),
so the deadline is checked once per line, sentence and figure.
"""

from __future__ import annotations

import bisect
import datetime
import time

from . import noise, numbers, organisations, periods
from .attribution import Attribution, SentenceIndex, carry_period, opens_scene, title_subject
from .candidates import Candidate, Extraction, dedupe, figure_candidates
from .figures import Figure, FigureReader
from .lists import Lists
from .lowercase import lower_same_length
from .organisations import Mention, Org
from .tables import table_columns, table_row
from .text import Text, guess_title, sentences, starts_section

__all__ = ["DEADLINE", "Candidate", "Extraction", "ExtractionTimeout", "extract"]

# Seconds ``extract`` may take by default. A long report takes well under a second; only a
# text far beyond any article (a whole archive pasted at once) comes near this.
DEADLINE = 20.0


class ExtractionTimeout(Exception):
    """Extraction ran past its deadline; the message is for staff, in Vietnamese."""

    def __init__(self, *, seconds: float, size: int):
        super().__init__(
            f"Bài viết quá dài để trích số liệu trong thời gian cho phép ({seconds:g} giây; "
            f"bài có {size:,} ký tự). Hãy chia bài thành các phần ngắn hơn rồi nhập lại."
        )
        self.seconds = seconds
        self.size = size


class _Clock:
    """The deadline of one extraction, checked once per line, sentence and figure.

    Every stage is linear in the text, so a check per unit of work is enough to stop a
    huge text in time; ``time.monotonic`` is cheap next to the work of a sentence."""

    def __init__(self, *, seconds: float | None, size: int):
        self.seconds, self.size = seconds, size
        self.stop = None if seconds is None else time.monotonic() + seconds

    def check(self) -> None:
        if self.stop is not None and time.monotonic() > self.stop:
            raise ExtractionTimeout(seconds=self.seconds or 0.0, size=self.size)


class _Article:
    """What is found once per article before the sentences are read: page noise, the
    publication date, the term, the headline, every period and organisation mention, and
    the article's subject."""

    def __init__(
        self,
        text: Text,
        published: datetime.date | None,
        organisation: str | None,
        url: str | None = None,
    ):
        work = text.work
        line_texts = [work[a:b] for a, b in text.lines]
        # Each line is lower-cased once, here, for every scan that needs it (speed).
        line_lows = [t.lower() for t in line_texts]
        self.flags, spam = noise.line_flags(line_texts, line_lows)
        if published is None:
            published = periods.detect_published(work, [not s for s in spam])
        if published is None and url:
            published = periods.url_published(url)
        self.published = published
        kept = [i for i, f in enumerate(self.flags) if not f]
        clean = "\n".join(line_texts[i] for i in kept)
        # Lower case stops at a line break (even for a final sigma): joining the
        # lower-cased lines gives the text lower-cased.
        clean_low = "\n".join(line_lows[i] for i in kept)
        self.term = periods.find_term(clean, clean_low)
        # The article speaks of a party term (goals "đến năm 2025" are the term's then).
        self.term_context = self.term is not None or "nhiệm kỳ" in clean_low
        self.as_of = periods.find_as_of(clean, clean_low)
        # The year an undated page's anniversaries fall in, read once for every use, else the
        # one its address names.
        self.anniversary_year = (
            None
            if published
            else periods.anniversary_year(clean_low) or (periods.url_year(url) if url else None)
        )
        self.congress_days, self.ceremony_days, self.course_days, self.founding_days = (
            periods.find_event_days(
                clean_low,
                cue,
                published=published,
                term=self.term,
                anniversary=self.anniversary_year,
            )
            for cue in (
                periods.CONGRESS_RE,
                periods.CEREMONY_RE,
                periods.COURSE_RE,
                periods.FOUNDING_RE,
            )
        )
        self.title = guess_title(work, text.lines, self.flags)

        # Article text with page noise blanked out (same offsets): mentions and periods
        # are found in one pass over it rather than one call per line (speed).
        article = "\n".join(
            " " * len(t) if f else t for t, f in zip(line_texts, self.flags, strict=True)
        )
        if all(len(line_lows[i]) == len(line_texts[i]) for i in kept):
            article_low = "\n".join(
                " " * len(t) if f else low
                for t, low, f in zip(line_texts, line_lows, self.flags, strict=True)
            )
        else:
            article_low = lower_same_length(article)
        self.mentions: list[tuple[Mention, int]] = []  # (mention, paragraph index)
        for m in organisations.find_org_mentions(article, low=article_low):
            if "\n" not in article[m.start : m.end]:
                self.mentions.append((m, text.line_of(m.start)))
        self.mention_starts = [m.start for m, _ in self.mentions]
        self.period_mentions = [
            pm
            for pm in periods.find_period_mentions(article, low=article_low)
            if "\n" not in article[pm.start : pm.end]
        ]
        self.pm_starts = [pm.start for pm in self.period_mentions]
        site: list[Mention] = []
        # The province whose newspaper this is: the first "Báo X" naming a province.
        self.newspaper: Org | None = None
        for idx, line in enumerate(line_texts):
            if spam[idx]:
                continue
            low = line_lows[idx]
            if "điện tử" in low:
                site.extend(organisations.site_mentions(line))
            if self.newspaper is None and ("báo" in low or "bao" in low):
                self.newspaper = organisations.newspaper_province(line, low)
                if self.newspaper is not None:
                    a = text.lines[idx][0]
                    site.append(Mention(a, a, self.newspaper, weight=1.0))
        if self.newspaper is None and "(" in article[:3000]:
            self.newspaper = organisations.tagged_province(article[:3000])
        if self.newspaper is None and url:
            self.newspaper = organisations.url_province(url)
        # The district the headline kept in the address opens with: the subject of an excerpt
        # that lost its headline ("chu-pah-ket-nap-32-dang-vien-…" over "toàn Đảng bộ …").
        headline_district = organisations.url_headline_district(url) if url else None
        self.site_district = (organisations.url_district(url) if url else None) or headline_district
        if self.newspaper is None:
            self.newspaper = organisations.home_province(
                [m.org for m, _ in self.mentions if m.org is not None]
            )
        self.main: Org | None
        if organisation:
            self.main = organisations.parse_org(organisation) or Org("", organisation.strip(), "")
        else:
            named = [m for m, _ in self.mentions]
            self.main = title_subject(work, self.title, named) or organisations.choose_main(
                named + site, self.title
            )
            if self.main is None and self.title is not None:
                # "Vũng Liêm" on the line above "Phát triển đảng viên đạt 122,5% ...": the
                # place the story is filed under, for "toàn huyện" to resolve to.
                above = [work[a:b] for a, b in text.lines if b <= self.title[0]]
                self.main = organisations.kicker_place(above[-2:])
            if self.main is None:
                self.main = headline_district

    def period_context(self) -> periods.PeriodContext:
        return periods.PeriodContext(published=self.published, as_of=self.as_of, term=self.term)


def _settle(
    text: Text,
    art: _Article,
    attribution: Attribution,
    clock: _Clock,
    figures: list[Figure],
    sentence: tuple[int, int],
    pms: list[periods.PeriodMention],
    mentions: list[Mention],
    *,
    para: int,
    carried_org: tuple[Org, Mention] | None,
    carried_period: periods.PeriodMention | None,
) -> list[Candidate]:
    """A sentence's figures attributed and turned into candidates."""
    sent = SentenceIndex(text.work, *sentence, figures, pms, mentions)
    attribution.sent = sent
    for fig in figures:
        clock.check()
        attribution.assign_org(fig, para, carried_org)
        attribution.assign_period(fig, carried_period)
        if fig.pct_kind == "population" and fig.linked and fig.linked.metric == "target":
            fig.metric = "members_population_pct_target"
    out: list[Candidate] = []
    for fig in figures:
        out.extend(
            figure_candidates(
                fig, text=text, sent=sent, main=art.main, published=art.published, term=art.term
            )
        )
    return out


def _read(text: Text, art: _Article, clock: _Clock) -> list[Candidate]:
    """The candidates of every line, in text order."""
    out: list[Candidate] = []
    work = text.work
    plain_mentions = [m for m, _ in art.mentions]
    lists = Lists(text, plain_mentions)
    attribution = Attribution(
        work=work,
        mentions=art.mentions,
        main=art.main,
        newspaper=art.newspaper,
        site_district=art.site_district,
        anniversary_year=art.anniversary_year,
        published=art.published,
        as_of=art.as_of,
        term=art.term,
        term_context=art.term_context,
        title=art.title,
        congress_days=art.congress_days,
        ceremony_days=art.ceremony_days,
        course_days=art.course_days,
        founding_days=art.founding_days,
    )
    if art.title is not None:
        title_end = art.title[1]
        attribution.lead_period = next(
            (pm for pm in art.period_mentions if pm.start >= title_end and pm.is_period), None
        )
    for pm in art.period_mentions:
        year = periods.named_year(pm)
        if year is not None:
            attribution.year_marks.append((pm.start, year))
    carried_period: periods.PeriodMention | None = None
    table: dict | None = None
    for idx, ((a, b), is_noise) in enumerate(zip(text.lines, art.flags, strict=True)):
        clock.check()
        if is_noise:
            if a < b and work[a:b].strip():
                carried_period = None
            continue
        if "\t" in work[a:b]:
            # A table flattened into tab-separated lines: its head names the columns.
            cols = table_columns(work[a:b])
            if cols is not None:
                table = cols
                continue
            if table is not None:
                rows = table_row(
                    table, a, b, text=text, carried=carried_period, context=art.period_context()
                )
                if rows is not None:
                    out.extend(rows)
                    continue
        table = None
        # A line under a list's head line: its figures are the list's items.
        item_line = lists.is_item_line(a, b)
        if starts_section(work, a, b, art.title) and not item_line:
            carried_period = None
        elif (
            carried_period is not None
            and attribution.lead_period is not None
            and not item_line
            and opens_scene(work, a, art.mention_starts)
        ):
            # "Tại phường Phú Bài, ... 48 đảng viên được kết nạp" after another unit's
            # example: back to the period the article's lead set.
            carried_period = attribution.lead_period
        carried_org: tuple[Org, Mention] | None = None
        lists.start_line()
        line_pms = art.period_mentions[
            bisect.bisect_left(art.pm_starts, a) : bisect.bisect_left(art.pm_starts, b)
        ]
        line_pm_starts = [pm.start for pm in line_pms]
        for s, e in sentences(work, a, b):
            clock.check()
            pms = line_pms[
                bisect.bisect_left(line_pm_starts, s) : bisect.bisect_left(line_pm_starts, e)
            ]
            attribution.note_founding(pms)
            figures = (
                FigureReader(work, s, e, lists).read(pms)
                if numbers.DIGIT_RE.search(work, s, e) or "nạp" in work[s:e]
                else []
            )
            if item_line:
                for fig in figures:
                    fig.listed = True
            lo = bisect.bisect_left(art.mention_starts, s)
            hi = bisect.bisect_left(art.mention_starts, e)
            sent_mentions = plain_mentions[lo:hi]
            if figures:  # most sentences state none: nothing to index or attribute
                out.extend(
                    _settle(
                        text,
                        art,
                        attribution,
                        clock,
                        figures,
                        (s, e),
                        pms,
                        sent_mentions,
                        para=idx,
                        carried_org=carried_org,
                        carried_period=carried_period,
                    )
                )
                lists.para_last_metric = next(
                    (f.metric for f in reversed(figures) if f.kind == "count"),
                    lists.para_last_metric,
                )
            carried_period = carry_period(work, pms, figures, carried_period, s)
            title = art.title
            if title is not None and title[0] <= s < title[1]:
                real = [pm for pm in pms if pm.is_period]
                attribution.title_period = real[-1] if real else attribution.title_period
            guests = attribution.guest_list(s)
            for i, m in enumerate(sent_mentions):
                if (
                    guests
                    or attribution.is_qualifier(i, sent_mentions)
                    or attribution.merged_away(m)
                    or attribution.is_agent(m)
                ):
                    # "tại Chi bộ thôn A, xã B, huyện C diễn ra Lễ kết nạp": B and C only
                    # locate A, which the sentences after speak of.
                    continue
                org = attribution.mention_org(m, idx)
                if org is not None:
                    carried_org = (org, m)
        lists.end_line(a, b)
    return out


def extract(
    text: str,
    published: datetime.date | None = None,
    organisation: str | None = None,
    *,
    url: str | None = None,
    deadline: float | None = DEADLINE,
) -> Extraction:
    """Admission figures in an article, each with organisation, period and quote.

    ``published`` overrides the date found on the page; ``organisation`` names the
    article's subject for texts that only say "toàn tỉnh" / "toàn huyện"; ``url``, where the
    page came from, names the province of a provincial paper or portal that the text does
    not. Past ``deadline`` seconds (None: no limit) it raises ``ExtractionTimeout``.
    """
    clock = _Clock(seconds=deadline, size=len(text))
    prepared = Text(text)
    art = _Article(prepared, published, organisation, url)
    title = None
    title_span = None
    if art.title:
        title_span = prepared.span(*art.title)
        title = text[title_span[0] : title_span[1]]
    cands = dedupe(_read(prepared, art, clock), title_span)
    main = art.main
    return Extraction(
        text=text,
        title=title,
        published=art.published,
        organisation=main.display if main and main.level else (main.name if main else None),
        organisation_level=(main.level or None) if main else None,
        candidates=cands,
    )
