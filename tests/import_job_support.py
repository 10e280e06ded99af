"""What the background-import tests share: two provinces whose districts articles name, two
articles about them, and a job run to the end as the admin starts one."""

from __future__ import annotations

from recruitment.models import ImportJob, Organisation
from recruitment.services.import_jobs import ImportSource, import_job_create

# Kim Sơn (Ninh Bình): three candidates (admitted, % of target, the derived target).
KIM_SON = "Năm 2023, Đảng bộ huyện Kim Sơn kết nạp được 215 đảng viên mới, đạt 105% chỉ tiêu."
# Lộc Ninh (Bình Phước): one candidate.
LOC_NINH = "Năm 2023, Đảng bộ huyện Lộc Ninh kết nạp được 107 đảng viên mới."
NO_FIGURES_TEXT = "Hội nghị bàn về công tác dân vận."
BINARY = bytes(range(256)) * 20


def name_districts(places: dict[str, Organisation]) -> dict[str, Organisation]:
    """The conftest's two_provinces, with the names articles give their districts."""
    places["kim-son"].add_aliases(["huyện Kim Sơn"])
    places["loc-ninh"].add_aliases(["huyện Lộc Ninh"])
    return places


def files(*texts: str | bytes) -> list[ImportSource]:
    return [
        ImportSource(name=f"{i}.txt", data=t.encode() if isinstance(t, str) else t)
        for i, t in enumerate(texts, start=1)
    ]


def run_job(capture, *, user, sources: list[ImportSource], **options) -> ImportJob:
    """Create a job and let its commit run it (in this process: no broker under test)."""
    with capture(execute=True):
        job = import_job_create(user=user, sources=sources, **options)
    job.refresh_from_db()
    return job


def outcomes(job: ImportJob) -> list[tuple]:
    return list(
        job.items.order_by("position").values_list(
            "status", "reason", "figures_proposed", "figures_accepted"
        )
    )


def counters(job: ImportJob) -> tuple:
    return (
        job.status,
        job.done,
        job.total,
        job.articles_new,
        job.articles_known,
        job.articles_failed,
        job.figures_proposed,
        job.figures_accepted,
    )
