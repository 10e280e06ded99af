"""The users of the load test (`bench/load.py` runs locust on this file; not run by itself).

Staff browse and export with one to three seconds between requests; one staff member imports
articles through the admin importer and saves each as reviewed, as a browser would: the review
page's form posted back with the choices it pre-selected. What to open (organisations, the year,
the account) comes from `bench/load.py` in the LOAD_PLAN environment variable.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import uuid
from html.parser import HTMLParser
from pathlib import Path

from locust import HttpUser, between, constant, task

PLAN = json.loads(os.environ.get("LOAD_PLAN", "{}"))


class _Forms(HTMLParser):
    """The fields a browser would submit from each form of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, str]] = []
        self._select: str | None = None
        self._first_option: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append({})
        elif not self.forms or not a.get("name"):
            if tag == "option" and self._select is not None:
                self._option(a)
            return
        elif tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("radio", "checkbox") and "checked" not in a:
                return
            default = "on" if kind in ("radio", "checkbox") else ""
            self.forms[-1][a["name"]] = a.get("value", default)
        elif tag == "select":
            self._select, self._first_option = a["name"], None
        elif tag == "textarea":
            self._textarea = a["name"]
            self.forms[-1][a["name"]] = ""

    def _option(self, a: dict[str, str]) -> None:
        value = a.get("value", "")
        if self._first_option is None:
            self._first_option = value
            self.forms[-1].setdefault(self._select, value)
        if "selected" in a:
            self.forms[-1][self._select] = value

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None and self.forms:
            self.forms[-1][self._textarea] += data


def page_form(html: str, *, having: str) -> dict[str, str]:
    """The fields of the page's form that has the field `having` (the CSRF token's, say)."""
    parser = _Forms()
    parser.feed(html)
    for form in parser.forms:
        if having in form:
            return form
    raise LookupError(f"no form with {having!r} on the page")


class Staff(HttpUser):
    abstract = True

    def on_start(self) -> None:
        login = self.client.get("/admin/login/?next=/", name="login page")
        form = page_form(login.text, having="csrfmiddlewaretoken")
        form.update(username=PLAN["username"], password=PLAN["password"], next="/")
        with self.client.post(
            "/admin/login/?next=/", data=form, name="login", catch_response=True
        ) as response:
            if "/admin/login/" in response.url:
                response.failure("login refused")


class Reader(Staff):
    """Browses the dashboards and downloads exports."""

    abstract = bool(PLAN.get("pages"))
    wait_time = between(1, 3)

    def _overview(self, extra: str = "") -> str:
        return f"/?level=grassroots&year={PLAN['year']}{extra}"

    @task(4)
    def overview(self) -> None:
        self.client.get(self._overview(), name="overview, grassroots")

    @task(2)
    def overview_sorted(self) -> None:
        self.client.get(self._overview("&sort=-pct"), name="overview sorted by %")

    @task(2)
    def overview_province(self) -> None:
        province = random.choice(PLAN["provinces"])
        self.client.get(self._overview(f"&province={province}"), name="overview, one province")

    @task(1)
    def overview_default(self) -> None:
        self.client.get("/", name="overview, no parameters")

    @task(4)
    def organisation(self) -> None:
        pk = random.choice(PLAN["organisations"])
        self.client.get(f"/org/{pk}/", name="organisation page")

    @task(2)
    def years(self) -> None:
        self.client.get("/years/?level=grassroots", name="years page")

    @task(1)
    def map(self) -> None:
        province = random.choice(PLAN["provinces"])
        self.client.get(f"/map/?province={province}&year={PLAN['year']}", name="map")

    @task(1)
    def export_province(self) -> None:
        province = random.choice(PLAN["provinces"])
        self.client.get(
            f"/export/progress.csv?level=grassroots&year={PLAN['year']}&province={province}",
            name="progress CSV, one province",
        )

    @task(1)
    def export_country(self) -> None:
        self.client.get(
            f"/export/progress.csv?level=grassroots&year={PLAN['year']}&everyone=on",
            name="progress CSV, 50,000 rows",
        )


class Importer(Staff):
    """Imports articles one after another, each saved with the review page's pre-selection."""

    abstract = bool(PLAN.get("pages"))
    fixed_count = 1
    wait_time = between(1, 2)

    def on_start(self) -> None:
        super().on_start()
        texts = sorted(Path(PLAN["seeds"]).glob("*.txt"))
        self._texts = itertools.cycle([p.read_text(encoding="utf-8") for p in texts])

    @task
    def import_article(self) -> None:
        url = "/admin/recruitment/article/import/"
        form = page_form(self.client.get(url, name="import page").text, having="text")
        # Each import a new article: the importer recognises one it has seen before.
        mark = uuid.uuid4().hex[:12]
        form.update(text=f"{next(self._texts)}\n\n(Bản thử tải {mark})", title=f"Thử tải {mark}")
        review = self.client.post(url, data=form, name="import: read and extract")
        if "/import/review/" not in review.url:
            return  # nothing to review (no figure found): the page said so
        choices = page_form(review.text, having="form-TOTAL_FORMS")
        with self.client.post(
            review.url, data=choices, name="import: save reviewed", catch_response=True
        ) as saved:
            if saved.url == review.url:
                saved.failure("the review page was shown again (not saved)")


class PageClient(HttpUser):
    """One client asking for the overview, an organisation page and the years page in turn, with
    no pause (`bench/load.py --pages`): the pages' own times, alone or with others asking. It
    arrives logged in (a session made for it), so no password hashing weighs on the figures."""

    abstract = not PLAN.get("pages")
    wait_time = constant(0)

    def on_start(self) -> None:
        cookie, sessions = PLAN["session_cookie"], PLAN["sessions"]
        self.client.cookies.set(cookie, sessions[id(self) % len(sessions)])

    def _page(self, url: str, name: str) -> None:
        with self.client.get(url, name=name, catch_response=True) as response:
            if "/admin/login/" in response.url:
                response.failure("not logged in: the login page answered")

    @task
    def overview(self) -> None:
        self._page(f"/?level=grassroots&year={PLAN['year']}", "overview, grassroots")

    @task
    def organisation(self) -> None:
        self._page(f"/org/{random.choice(PLAN['organisations'])}/", "organisation page")

    @task
    def years(self) -> None:
        self._page("/years/?level=grassroots", "years page")
