"""Many articles imported in the background: an `ImportJob` and one `ImportJobItem` per article.

Each article goes through the single import's services (`imports.import_draft_create` for a job
whose articles staff review, `imports.article_save` for one saved at once) in its own
transaction, together with its item's outcome and the job's counters. So a worker killed in the
middle of an article leaves neither a partial article nor a count without its article, and
running the job again (resuming it) takes only the items still pending.

The slow part of an article (fetching the page, reading it, extracting its figures) happens
before that transaction: SQLite has one writer, and a transaction held through a 20-second
extraction would stall every other write of the site.

Two runs of one job at once (a resume clicked while a worker still runs it, or Redis handing an
unacknowledged task to a second worker after its visibility timeout) still import each article
once: an item is claimed by the first statement of its transaction, an UPDATE that waits for the
other run's transaction on that row (PostgreSQL's row lock, SQLite's single writer) and then
finds the item no longer pending.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from ..access import approves
from ..extraction import DocumentError, Extraction, read_document
from ..fetching import FetchError, fetch_url
from ..models import (
    Article,
    ImportDraft,
    ImportJob,
    ImportJobItem,
    Status,
    content_hash,
)
from .imports import (
    NO_FIGURES,
    ArticleImportError,
    Decision,
    Draft,
    article_save,
    draft_decisions,
    import_draft_create,
)

logger = logging.getLogger(__name__)

Item = ImportJobItem.State


class ImportJobError(ValueError):
    """A job that cannot be created or resumed, with a sentence staff can act on."""


@dataclass(frozen=True)
class ImportSource:
    """One article to import: an uploaded file's bytes, or a URL the worker fetches."""

    name: str
    data: bytes | None = None
    url: str = ""


def import_job_create(
    *,
    user,
    sources: list[ImportSource],
    review: bool = True,
    publisher: str = "",
    organisation_hint: str = "",
) -> ImportJob:
    """Store the job and its articles, then hand it to a worker once the rows are committed
    (a worker started earlier would not find them). Without a broker the task runs in this
    process when the transaction commits (`CELERY_TASK_ALWAYS_EAGER`)."""
    if not sources:
        raise ImportJobError(_("Không có bài viết nào để nhập."))
    with transaction.atomic():
        job = ImportJob.objects.create(
            created_by=user,
            review=review,
            publisher=publisher[:255],
            organisation_hint=organisation_hint[:255],
            total=len(sources),
        )
        ImportJobItem.objects.bulk_create(
            [
                ImportJobItem(
                    job=job,
                    position=position,
                    name=source.name[:1000],
                    url=source.url,
                    data=None if source.url else source.data,
                )
                for position, source in enumerate(sources, start=1)
            ],
            batch_size=100,
        )
        _dispatch_on_commit(job)
    return job


def import_job_resume(*, job: ImportJob) -> ImportJob:
    """Queue a job again to import the articles it has not done (a worker killed, an error).

    A job some worker is still running may be resumed too: the claim on each item keeps the two
    runs from importing an article twice, and it is the only way out for a job whose worker
    died without a word."""
    with transaction.atomic():
        locked = ImportJob.objects.select_for_update().get(pk=job.pk)
        if not locked.resumable:
            raise ImportJobError(_("Lần nhập này đã xong: không còn bài nào chờ nhập."))
        locked.status, locked.finished_at, locked.error = ImportJob.State.QUEUED, None, ""
        locked.save(update_fields=["status", "finished_at", "error"])
        _dispatch_on_commit(locked)
    return locked


def _dispatch_on_commit(job: ImportJob) -> None:
    from ..tasks import import_job_task

    transaction.on_commit(
        lambda: import_job_task.apply_async(
            kwargs={"job_id": job.pk}, queue=settings.CELERY_TASK_DEFAULT_QUEUE
        )
    )


def import_job_run(*, job_id: int) -> ImportJob | None:
    """Import the job's pending articles one by one, then mark it done (the Celery task's body).

    An error outside one article (the database gone, a bug) stops the job as failed, with the
    error on its page and in the log; it can be resumed. A worker killed here leaves the job
    running with its remaining items pending, which resuming takes up.
    """
    job = ImportJob.objects.select_related("created_by").filter(pk=job_id).first()
    if job is None:
        logger.warning("import job %s no longer exists; nothing to run", job_id)
        return None
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.State.RUNNING,
        started_at=Coalesce(F("started_at"), timezone.now()),
        finished_at=None,
        error="",
    )
    pending = list(
        job.items.filter(status=Item.PENDING).order_by("position").values_list("pk", flat=True)
    )
    try:
        for item_id in pending:
            _item_run(job=job, item_id=item_id)
    except Exception as error:
        logger.exception("import job %s stopped", job.pk)
        _drop_if_dead()
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.State.FAILED,
            finished_at=timezone.now(),
            error=_(
                "Lần nhập dừng vì lỗi: %(error)s. Các bài đã xử lý vẫn được giữ; có thể chạy tiếp."
            )
            % {"error": str(error) or type(error).__name__},
        )
    else:
        ImportJob.objects.filter(pk=job.pk, done=F("total")).update(
            status=ImportJob.State.DONE, finished_at=timezone.now()
        )
    job.refresh_from_db()
    return job


def _drop_if_dead() -> None:
    """Close the connection if the database dropped it (a restart, a failover,
    pg_terminate_backend), so that recording the failure opens a new one.

    A statement that failed inside an article's transaction leaves Django to close the
    connection when rolling back fails; one that failed between articles, in autocommit, leaves
    it open and dead, and every later query would fail with "the connection is closed". Inside a
    caller's transaction (the eager run of a test) closing would end that transaction: left as is.
    """
    alive = connection.connection is None or connection.in_atomic_block or connection.is_usable()
    if not alive:
        connection.close()


@dataclass
class _Outcome:
    """What became of one article, as its item records it."""

    status: str
    reason: str = ""
    article: Article | None = None
    draft: ImportDraft | None = None
    proposed: int = 0
    accepted: int = 0


@dataclass
class _Read:
    """An article read and extracted, ready to be written."""

    draft: Draft
    extraction: Extraction
    decisions: list[Decision]


def _failed(reason: str) -> _Outcome:
    return _Outcome(status=Item.FAILED, reason=reason)


def _item_run(*, job: ImportJob, item_id: int) -> None:
    item = ImportJobItem.objects.filter(pk=item_id, status=Item.PENDING).first()
    if item is None:  # another run of the job did it meanwhile
        return
    read = _item_read(job=job, item=item)
    with transaction.atomic():
        # The claim: see the module's docstring. A no-op UPDATE, so that it takes the lock.
        if not ImportJobItem.objects.filter(pk=item.pk, status=Item.PENDING).update(
            status=Item.PENDING
        ):
            return
        outcome = read if isinstance(read, _Outcome) else _item_write(job=job, read=read)
        _item_record(job=job, item=item, outcome=outcome)


def _item_read(*, job: ImportJob, item: ImportJobItem) -> _Outcome | _Read:
    """Everything before the writes: an article already stored is known, an unreadable one
    failed with the reason the single import would give."""
    if item.url:
        # A page imported before may have changed (its comments, its advertising): the
        # address is enough to know it, and saves the fetch.
        known = Article.objects.filter(url=item.url).first()
        if known is not None:
            return _Outcome(status=Item.KNOWN, article=known)
    try:
        draft = _item_draft(job=job, item=item)
    except (FetchError, DocumentError) as error:
        return _failed(str(error))
    known = draft.existing_article()
    if known is not None:
        return _Outcome(status=Item.KNOWN, article=known)
    if job.review:
        # The same text already waiting for this user's review (twice in one zip, or in an
        # earlier job): one draft to review is enough.
        waiting = ImportDraft.objects.filter(
            created_by=job.created_by,
            status=ImportDraft.State.PENDING,
            content_hash=content_hash(draft.text),
        ).first()
        if waiting is not None:
            return _Outcome(status=Item.KNOWN, draft=waiting)
    try:
        extraction = draft.extraction()
    except ArticleImportError as error:  # too long to read in time
        return _failed(str(error))
    except Exception:
        # One page the extractor trips on must not stop the other few hundred; the traceback
        # goes to the log for whoever fixes the extractor.
        logger.exception("import job %s: extraction failed for item %s", job.pk, item.pk)
        return _failed(_("Lỗi khi trích số liệu từ bài này (đã ghi vào nhật ký máy chủ)."))
    if not extraction.candidates:
        return _failed(NO_FIGURES)
    if not job.review:
        # As article_import does: what the page itself says, where the upload said nothing.
        draft.published = draft.published or extraction.published
        draft.title = draft.title or extraction.title or ""
    return _Read(draft=draft, extraction=extraction, decisions=draft_decisions(draft, extraction))


def _item_draft(*, job: ImportJob, item: ImportJobItem) -> Draft:
    if item.url:
        fetched = fetch_url(item.url)
        data, name = fetched.data, fetched.url
    else:
        data, name = bytes(item.data or b""), item.name
    document = read_document(data, name, max_bytes=settings.IMPORT_MAX_BYTES)
    return Draft(
        text=document.text,
        title=document.title or "",
        url=item.url or None,
        publisher=job.publisher,
        published=document.published,
        organisation_hint=job.organisation_hint or None,
    )


def _item_write(*, job: ImportJob, read: _Read) -> _Outcome:
    """Write the article as the single import would, in the item's transaction."""
    user = job.created_by
    if job.review:
        draft = import_draft_create(draft=read.draft, user=user, extraction=read.extraction)
        # What saving the review page untouched would write: its confident figures accepted
        # where the importer may approve them (access.approves, as services.reported.reviewed
        # decides on save), everything else waiting.
        accepted = sum(
            decision.status == Status.ACCEPTED and approves(user, decision.organisation)
            for decision in read.decisions
        )
        return _Outcome(
            status=Item.NEW,
            draft=draft,
            accepted=accepted,
            proposed=len(read.decisions) - accepted,
        )
    try:
        result = article_save(draft=read.draft, decisions=read.decisions, user=user)
    except ArticleImportError as error:
        return _failed(str(error))
    if not result.created:
        return _Outcome(status=Item.KNOWN, article=result.article)
    rows = [*result.figures, *result.targets]
    return _Outcome(
        status=Item.NEW,
        article=result.article,
        accepted=sum(row.status == Status.ACCEPTED for row in rows),
        proposed=sum(row.status == Status.PROPOSED for row in rows),
    )


_COUNTER = {Item.NEW: "articles_new", Item.KNOWN: "articles_known", Item.FAILED: "articles_failed"}


def _item_record(*, job: ImportJob, item: ImportJobItem, outcome: _Outcome) -> None:
    """The item's outcome and the job's counters, in the article's transaction."""
    ImportJobItem.objects.filter(pk=item.pk).update(
        status=outcome.status,
        reason=outcome.reason,
        figures_proposed=outcome.proposed,
        figures_accepted=outcome.accepted,
        draft=outcome.draft,
        article=outcome.article,
        data=None,  # read once; the article or draft keeps the text
        finished_at=timezone.now(),
    )
    counter = _COUNTER[outcome.status]
    ImportJob.objects.filter(pk=job.pk).update(
        done=F("done") + 1,
        figures_proposed=F("figures_proposed") + outcome.proposed,
        figures_accepted=F("figures_accepted") + outcome.accepted,
        **{counter: F(counter) + 1},
    )
