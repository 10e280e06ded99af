"""State changes: turning an article and the candidates staff accepted into rows.

The importer, the admin review page and the commands all go through these functions, so an
article is always saved with its figures in one transaction, and the same text never twice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
import typing
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import IntegrityError, transaction

from ..extraction import (
    Candidate,
    DocumentError,
    Extraction,
    ExtractionTimeout,
    extract,
    read_document,
    vocabulary,
)
from ..extraction.confidence import is_confident
from ..matching import mention_name, normalise, resolve_organisation, scope_of
from ..models import (
    Article,
    Figure,
    ImportDraft,
    LearnedMention,
    Level,
    Organisation,
    Status,
    Target,
    content_hash,
)
from .organisations import organisation_save
from .progress import progress_refresh, reading_keys
from .reported import reviewed

logger = logging.getLogger(__name__)

# Extraction metric → the metric a Target row stores for it.
TARGET_METRICS = vocabulary.TARGET_OF


class ArticleImportError(ValueError):
    """An article that cannot be imported, with a sentence staff can act on."""


NO_FIGURES = "Không tìm thấy số liệu kết nạp đảng viên nào trong bài viết; bài chưa được lưu."


@dataclass
class Draft:
    """An article read and extracted but not yet saved: what the review page shows."""

    text: str
    title: str = ""
    url: str | None = None
    publisher: str = ""
    published: dt.date | None = None
    organisation_hint: str | None = None

    def extraction(self) -> Extraction:
        try:
            return extract(
                self.text,
                published=self.published,
                organisation=self.organisation_hint,
                url=self.url,
            )
        except ExtractionTimeout as error:
            # A text too long to read in time is the user's to split, not a server error.
            raise ArticleImportError(str(error)) from error

    def existing_article(self) -> Article | None:
        return Article.objects.filter(content_hash=content_hash(self.text)).first()

    @classmethod
    def of(cls, import_draft: ImportDraft) -> Draft:
        """The stored draft as the save functions take it (extraction's title/date filled in)."""
        return cls(
            text=import_draft.text,
            title=import_draft.title or import_draft.extracted_title,
            url=import_draft.url or None,
            publisher=import_draft.publisher,
            published=import_draft.published or import_draft.extracted_published,
            organisation_hint=import_draft.organisation_hint or None,
        )


# Candidate fields are read from the dataclass, so a field the extractor gains is stored too.
_CANDIDATE_TYPES = typing.get_type_hints(Candidate)


def candidate_to_json(candidate: Candidate) -> dict:
    """A candidate as JSON: dates as ISO strings, Decimals as strings (floats would round)."""
    raw = {}
    for f in dataclasses.fields(candidate):
        value = getattr(candidate, f.name)
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = str(value)
        raw[f.name] = value
    return raw


def candidate_from_json(raw: dict) -> Candidate:
    """The inverse of candidate_to_json; keys the dataclass no longer has are dropped and
    fields it gained since the row was written take their defaults."""
    values = {}
    for name, kind in _CANDIDATE_TYPES.items():
        if name not in raw:
            continue
        value = raw[name]
        if value is not None and kind in (dt.date, dt.date | None):
            value = dt.date.fromisoformat(value)
        elif value is not None and kind in (Decimal, Decimal | None):
            value = Decimal(value)
        values[name] = value
    return Candidate(**values)


def import_draft_extraction(import_draft: ImportDraft) -> Extraction:
    """The extraction stored with the draft, rebuilt without running the extractor."""
    return Extraction(
        text=import_draft.text,
        title=import_draft.extracted_title or None,
        published=import_draft.extracted_published,
        organisation=import_draft.extracted_organisation or None,
        organisation_level=import_draft.extracted_organisation_level or None,
        candidates=[candidate_from_json(raw) for raw in import_draft.candidates],
    )


def import_draft_create(
    *, draft: Draft, user=None, extraction: Extraction | None = None
) -> ImportDraft:
    """Extract the article once and keep the result for review.

    This is the only place the importer runs the extractor; the review page reads the row.
    A background import passes the `extraction` it ran outside its transaction (see
    `import_jobs`), so the row is written in milliseconds. A text without figures is stored as
    discarded: there is nothing to review, but the row tells that the text was read.
    """
    extraction = extraction or draft.extraction()
    return ImportDraft.objects.create(
        created_by=user,
        text=draft.text,
        title=draft.title[:500],
        url=draft.url or "",
        publisher=draft.publisher[:255],
        published=draft.published,
        organisation_hint=(draft.organisation_hint or "")[:255],
        candidates=[candidate_to_json(c) for c in extraction.candidates],
        extracted_title=(extraction.title or "")[:500],
        extracted_published=extraction.published,
        extracted_organisation=(extraction.organisation or "")[:255],
        extracted_organisation_level=extraction.organisation_level or "",
        status=ImportDraft.State.PENDING if extraction.candidates else ImportDraft.State.DISCARDED,
    )


def _is_correction(decision: Decision) -> bool:
    """Staff kept the figure but placed it elsewhere than the matcher did (or where it could
    not). Accepting the proposal teaches nothing new; a rejected figure's organisation is not
    a statement about the mention."""
    return (
        decision.status != Status.REJECTED
        and decision.organisation is not None
        and decision.organisation != decision.proposed
    )


def mention_learn(
    *,
    mention: str,
    organisation: Organisation,
    within: Organisation | None,
    proposed: Organisation | None = None,
    article: Article | None = None,
    user=None,
) -> LearnedMention | None:
    """Remember that ``mention`` names ``organisation`` in articles about ``within``'s province.

    The mention becomes an alias of the organisation (so the matcher finds it at all) and a
    ``LearnedMention`` (so it ranks first in that province, over namesakes and the extractor's
    level). A mention too long for an alias or that folds to nothing is not learnt.
    """
    name = mention_name(mention)
    key = normalise(name)
    if not key or len(name) > 255:
        return None
    organisation.add_aliases([name])
    lesson = LearnedMention.objects.filter(key=key, scope=scope_of(within)).first()
    if lesson is None:
        lesson = LearnedMention(key=key, scope=scope_of(within))
    elif lesson.organisation_id == organisation.pk:
        return lesson
    lesson.mention = name
    lesson.organisation = organisation
    lesson.proposed = proposed
    lesson.article = article
    lesson.created_by = user
    if user is not None:
        # Named explicitly: background imports have no request for the history middleware.
        lesson._history_user = user
    lesson.save()
    return lesson


def import_draft_discard(*, import_draft: ImportDraft) -> None:
    """Staff dropped the article without saving it; the row stays as a record of the import."""
    import_draft.status = ImportDraft.State.DISCARDED
    import_draft.save(update_fields=["status"])


def import_draft_save(
    *,
    import_draft: ImportDraft,
    decisions: list[Decision],
    user=None,
    title: str = "",
    publisher: str = "",
    published: dt.date | None = None,
) -> SaveResult:
    """Save the reviewed article, mark its draft saved and learn staff's corrections, all or
    nothing.

    The row is locked first so that a double submit (two tabs, a double click) saves once:
    the second finds the draft no longer pending.
    """
    with transaction.atomic():
        locked = ImportDraft.objects.select_for_update().get(pk=import_draft.pk)
        if locked.status != ImportDraft.State.PENDING:
            raise ArticleImportError("Bài viết này đã được lưu hoặc bỏ qua trước đó.")
        draft = Draft.of(locked)
        draft.title = title or draft.title
        draft.publisher = publisher or draft.publisher
        result = article_save(draft=draft, decisions=decisions, user=user, published=published)
        locked.status = ImportDraft.State.SAVED
        locked.article = result.article
        locked.save(update_fields=["status", "article"])
        if result.created:
            for decision in decisions:
                if _is_correction(decision):
                    mention_learn(
                        mention=decision.candidate.organisation,
                        organisation=decision.organisation,
                        within=decision.within,
                        proposed=decision.proposed,
                        article=result.article,
                        user=user,
                    )
    import_draft.status, import_draft.article = locked.status, locked.article
    return result


@dataclass
class Decision:
    """What staff decided for one candidate (possibly after editing it)."""

    candidate: Candidate
    organisation: Organisation | None
    status: str = Status.ACCEPTED
    metric: str | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    value: Decimal | None = None
    # What the matcher proposed, and near which organisation: a different choice by staff is a
    # correction the matcher learns from (see import_draft_save).
    proposed: Organisation | None = None
    within: Organisation | None = None

    @property
    def final_metric(self) -> str:
        return self.metric or self.candidate.metric


@dataclass
class SaveResult:
    article: Article
    created: bool
    figures: list[Figure] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def progress_keys(self) -> set:
        """The (organisation, year) rows of the progress table the accepted rows change."""
        rows = (*self.figures, *self.targets)
        return reading_keys([r for r in rows if r.status == Status.ACCEPTED])


def draft_decisions(
    draft: Draft, extraction: Extraction | None = None, *, accept_unsure: bool = False
) -> list[Decision]:
    """Default decisions: a candidate is accepted when its organisation is known and the
    extractor is confident of it; the others are left for later (proposed).

    This is the one place the default is decided. A figure whose organisation or period the
    extractor borrowed (from the sentence, an earlier one, the headline) is more often wrong, so
    the review page asks staff to look at it; ``accept_unsure`` is for imports without review
    (the commands' ``--accept``), where staff asked for every resolvable figure up front.

    Same-named units abound ("xã Tân Hòa"), so mentions are resolved near the article's main
    organisation (inside it first, then in its province); the article's date picks the tree.
    """
    extraction = extraction or draft.extraction()
    on = extraction.published or dt.date.today()
    # An article names the same few organisations again and again: resolve each once.
    resolved: dict[tuple[str | None, str | None], Organisation | None] = {}
    key = (extraction.organisation, extraction.organisation_level)
    main = None
    if extraction.organisation:
        main = resolved[key] = resolve_organisation(*key, on)
    decisions = []
    for candidate in extraction.candidates:
        key = (candidate.organisation, candidate.org_level)
        if key not in resolved:
            # Ranked by closeness to the main organisation: inside it, then its province.
            resolved[key] = resolve_organisation(*key, on, within=main)
        organisation = resolved[key]
        sure = accept_unsure or is_confident(candidate.confidence)
        status = Status.ACCEPTED if organisation is not None and sure else Status.PROPOSED
        decisions.append(
            Decision(
                candidate=candidate,
                organisation=organisation,
                status=status,
                proposed=organisation,
                within=main,
            )
        )
    return decisions


def article_save(
    *,
    draft: Draft,
    decisions: list[Decision],
    user=None,
    published: dt.date | None = None,
    refresh_progress: bool = True,
) -> SaveResult:
    """Write the article and the figures and targets staff kept, all or nothing, with the
    progress table brought up to date in the same transaction.

    A text already stored leads to the existing article and writes nothing: importing twice
    must not double the figures. Two people saving the same article at the same moment both
    pass that check; the database's unique constraints stop the second, told here in words.
    A batch that wraps many articles in one transaction passes `refresh_progress=False` and
    refreshes once for all of them (`files_import`).
    """
    try:
        return _article_save(
            draft=draft,
            decisions=decisions,
            user=user,
            published=published,
            refresh_progress=refresh_progress,
        )
    except IntegrityError as error:
        raise ArticleImportError(
            "Bài viết hoặc số liệu này vừa được lưu bởi người khác; hãy mở lại bài viết."
        ) from error


@transaction.atomic
def _article_save(
    *,
    draft: Draft,
    decisions: list[Decision],
    user,
    published: dt.date | None,
    refresh_progress: bool,
) -> SaveResult:
    existing = draft.existing_article()
    if existing is not None:
        return SaveResult(article=existing, created=False)
    article = Article(
        title=draft.title[:500],
        url=draft.url or None,
        publisher=draft.publisher[:255],
        published=published or draft.published,
        text=draft.text,
        imported_by=user,
    )
    if article.url and Article.objects.filter(url=article.url).exists():
        raise ArticleImportError("Địa chỉ (URL) này đã thuộc về một bài viết khác.")
    if getattr(user, "pk", None) is not None:
        # Named explicitly: a command or a background import has no request for the history
        # middleware to take the user from.
        article._history_user = user
    article.save()
    result = SaveResult(article=article, created=True)
    seen: set[tuple] = set()
    for decision in decisions:
        if decision.status == Status.REJECTED:
            continue
        if decision.organisation is None:
            result.skipped.append(
                f"Chưa xác định tổ chức “{decision.candidate.organisation}”: bỏ qua "
                f"{decision.final_metric} = {decision.candidate.value}."
            )
            continue
        row = _row_for(decision, article=article, user=user)
        key = (type(row), row.organisation_id, row.metric, row.period_start, row.period_end)
        if row.status == Status.ACCEPTED and key in seen:
            result.skipped.append(f"Trùng số liệu: {decision.candidate.quote[:80]}")
            continue
        seen.add(key)
        (result.targets if isinstance(row, Target) else result.figures).append(row)
    for model, rows in ((Figure, result.figures), (Target, result.targets)):
        if rows:
            # bulk_create skips save() and its signals, so history is written here. SQLite and
            # PostgreSQL return the new keys, which the history rows point to.
            model.objects.bulk_create(rows)
            _history_manager(model).bulk_history_create(rows, default_user=user)
    if refresh_progress:
        progress_refresh(keys=result.progress_keys)
    return result


@functools.cache
def _history_manager(model: type[Figure] | type[Target]):
    """simple_history's descriptor builds a new manager class on every access (≈ 0.7 ms);
    the manager does not depend on an instance here, so one per model serves every import."""
    return model.history


def _row_for(decision: Decision, *, article: Article, user) -> Figure | Target:
    candidate = decision.candidate
    common = {
        "organisation": decision.organisation,
        "period_start": decision.period_start or candidate.period_start,
        "period_end": decision.period_end or candidate.period_end,
        "value": decision.value if decision.value is not None else candidate.value,
        "source": article,
        "quote": candidate.quote,
        "status": decision.status,
        "entered_by": user,
    }
    metric = decision.final_metric
    if metric in TARGET_METRICS:
        row = Target(metric=TARGET_METRICS[metric], derived=candidate.derived, **common)
    else:
        row = Figure(
            metric=metric,
            approximate=candidate.approximate,
            quote_start=candidate.start,
            quote_end=candidate.end,
            **common,
        )
    return reviewed(row, user=user)


def article_import(
    *,
    draft: Draft,
    accept: bool,
    user=None,
    refresh_progress: bool = True,
) -> SaveResult:
    """Import without review (commands, demo): accept every resolvable candidate or propose it."""
    if not draft.text.strip():
        raise ArticleImportError("Bài viết không có nội dung.")
    extraction = draft.extraction()
    if not extraction.candidates:
        raise ArticleImportError(NO_FIGURES)
    if draft.published is None:
        draft.published = extraction.published
    if not draft.title and extraction.title:
        draft.title = extraction.title
    decisions = draft_decisions(draft, extraction, accept_unsure=accept)
    if not accept:
        for decision in decisions:
            decision.status = Status.PROPOSED
    return article_save(
        draft=draft, decisions=decisions, user=user, refresh_progress=refresh_progress
    )


def organisation_create(*, name: str, level: str, parent: Organisation | None) -> Organisation:
    """A non-territorial organisation named by an article (a school, an enterprise).

    Its history names the staff member through simple_history's request middleware."""
    if level not in Level.values:
        raise ArticleImportError(f"Cấp tổ chức không hợp lệ: {level}.")
    name = " ".join(name.split())
    if not name:
        raise ArticleImportError("Tên tổ chức không được để trống.")
    organisation = organisation_save(
        organisation=Organisation(
            name=name if name.lower().startswith(("đảng bộ", "chi bộ")) else f"Đảng bộ {name}",
            short_name=name,
            level=level,
            parent=parent,
        )
    )
    organisation.add_aliases([name])
    return organisation


ARTICLE_SUFFIXES = {".txt", ".html", ".htm"}


@dataclass
class BatchSummary:
    new: int = 0
    known: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    proposed: int = 0
    accepted: int = 0
    unmatched: int = 0

    def line(self) -> str:
        return (
            f"Bài viết: {self.new} mới, {self.known} đã có, {len(self.failed)} lỗi. "
            f"Số liệu: {self.proposed} đề xuất, {self.accepted} đã duyệt"
            + (f", {self.unmatched} chưa xác định tổ chức." if self.unmatched else ".")
        )


def article_files(paths: list[Path]) -> list[Path]:
    """Article files under the given files and folders, in a stable order (gold files skipped)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
            )
        else:
            found.append(path)
    return found


def files_import(
    *, files: list[Path], accept: bool, user=None, progress=None, commit_every: int = 50
) -> BatchSummary:
    """Import each file in its own savepoint: one bad file never undoes or blocks the rest.

    Files are committed `commit_every` at a time: a commit costs more than the writes of an
    article on SQLite, and an interrupted batch loses nothing that re-running it (idempotent
    by content hash) does not restore.
    """
    summary = BatchSummary()
    for first in range(0, len(files), commit_every):
        with transaction.atomic():
            keys: set = set()
            for path in files[first : first + commit_every]:
                keys |= _file_import(path, accept=accept, user=user, summary=summary)
                if progress is not None:
                    progress(path)
            # Once per batch, in the batch's transaction: the articles' commit and their
            # progress land together, for the price of one refresh instead of fifty.
            progress_refresh(keys=keys)
    return summary


def _file_import(path: Path, *, accept: bool, user, summary: BatchSummary) -> set:
    """Import one file in its own savepoint; the progress keys its accepted rows touch."""
    try:
        document = read_document(path.read_bytes(), path.name)
        with transaction.atomic():
            result = article_import(
                draft=Draft(
                    text=document.text, title=document.title or "", published=document.published
                ),
                accept=accept,
                user=user,
                refresh_progress=False,
            )
    except (OSError, DocumentError, ArticleImportError) as error:
        summary.failed.append((str(path), str(error)))
        return set()
    if result.created:
        summary.new += 1
        rows = [*result.figures, *result.targets]
        summary.accepted += sum(r.status == Status.ACCEPTED for r in rows)
        summary.proposed += sum(r.status == Status.PROPOSED for r in rows)
        summary.unmatched += len(result.skipped)
        return result.progress_keys
    summary.known += 1
    return set()
