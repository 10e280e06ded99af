"""The permission matrix (issue 10): every kind of reader × every dashboard page and export and
every admin page and action × where the thing lies, generated from one table (`ANSWERS`), each
case asserting the status and the whole of the data it answers with.

The tree: two provinces, a district in each, a commune under one district. Every reader with a
membership belongs to the district Lộc Ninh, so "own" is Lộc Ninh (and the commune Lộc Hiệp below
it), "other" is Kim Sơn (a district of another province) and "ancestor" is the province Bình
Phước above it. Every organisation reported one accepted admitted count and target for 2022 and
has one proposed count and target for 2023 waiting for an approver.

Roles are Django groups (`recruitment.roles`): each account here has the permissions of its
membership's role and no other (viewer: view; entry: view, add and change, importing included;
approver: the entry's and delete), and the account without membership has all of them, so what it
is refused is refused by the membership rule alone. An approver whose role's group was taken away
by hand, leaving it the view permissions only, is a reader of its own: approving changes a row,
so it approves nothing, on the queue as in the lists.

The data a page shows is what it would show of the whole country narrowed to the organisations
the reader sees (`Reader.sees`): a reader sees on any page the same organisations.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth.models import Permission, User
from django.db import transaction
from django.urls import reverse
from django.utils.html import strip_tags

from recruitment.models import Article, Figure, LearnedMention, Level, Organisation, Status, Target
from recruitment.services.access import membership_grant
from recruitment.services.organisations import organisation_save
from recruitment.services.reported import figure_create, target_create

# --- The tree and what each organisation reported ----------------------------------------------

# key: (name, short name, level, parent, admitted in 2022 (accepted), admitted in 2023 (proposed))
ORGANISATIONS = {
    "ninh-binh": ("Đảng bộ tỉnh Ninh Bình", "Ninh Bình", Level.PROVINCE, None, 820, 401),
    "kim-son": ("Đảng bộ huyện Kim Sơn", "Kim Sơn", Level.DISTRICT, "ninh-binh", 207, 402),
    "binh-phuoc": ("Đảng bộ tỉnh Bình Phước", "Bình Phước", Level.PROVINCE, None, 615, 403),
    "loc-ninh": ("Đảng bộ huyện Lộc Ninh", "Lộc Ninh", Level.DISTRICT, "binh-phuoc", 99, 404),
    "loc-hiep": ("Đảng bộ xã Lộc Hiệp", "Lộc Hiệp", Level.COMMUNE, "loc-ninh", 12, 405),
}
TARGET_ABOVE = 1  # each 2022 target is the count + 1, each 2023 proposed target + 100
PROPOSED_TARGET_ABOVE = 100

MEMBER_OF = "loc-ninh"
WHERE = {"own": "loc-ninh", "other": "kim-son", "ancestor": "binh-phuoc"}

# The article pages: an article belongs to no organisation, so "ancestor" is a provincial page
# that also reports the reader's district (they see it, with their district's figure only).
ARTICLES = {
    "own": ("Lộc Hiệp kết nạp 12 đảng viên", ("loc-hiep",)),
    "ancestor": ("Bình Phước và Lộc Ninh kết nạp đảng viên mới", ("binh-phuoc", "loc-ninh")),
    "other": ("Ninh Bình và Kim Sơn kết nạp đảng viên mới", ("ninh-binh", "kim-son")),
}

COUNTRY = frozenset(ORGANISATIONS)
SUBTREE = frozenset({"loc-ninh", "loc-hiep"})
NOTHING: frozenset[str] = frozenset()

YEAR_2022 = {"period_start": dt.date(2022, 1, 1), "period_end": dt.date(2022, 12, 31)}
YEAR_2023 = {"period_start": dt.date(2023, 1, 1), "period_end": dt.date(2023, 12, 31)}


def short(key: str) -> str:
    return ORGANISATIONS[key][1]


def accepted(key: str) -> str:
    return str(ORGANISATIONS[key][4])


def proposed(key: str) -> str:
    return str(ORGANISATIONS[key][5])


def mention(key: str) -> str:
    """How an article named it, learned on the review page."""
    return f"đảng bộ {short(key)}"


def children(key: str) -> set[str]:
    return {k for k, o in ORGANISATIONS.items() if o[3] == key}


SHORT_OF_NAME = {o[0]: o[1] for o in ORGANISATIONS.values()}

# --- Readers ------------------------------------------------------------------------------------

VIEW = ["view_organisation", "view_figure", "view_target", "view_article", "view_learnedmention"]
ENTER = ["add_figure", "change_figure", "add_target", "change_target", "add_article"]
APPROVE = ["change_figure", "change_target"]


@dataclass(frozen=True)
class Reader:
    name: str
    logged_in: bool = True
    public: bool = False  # DASHBOARD_PUBLIC=1
    role: str | None = None  # a membership of Lộc Ninh with this role
    superuser: bool = False
    permissions: tuple[str, ...] = ()  # given by hand, beside those of the role's group
    own_group: bool = True  # False: the role's group was taken away by hand
    sees: frozenset[str] = NOTHING  # whose figures their pages show
    approves: frozenset[str] = NOTHING  # whose figures they may accept

    def __str__(self) -> str:
        return self.name


READERS = [
    Reader("anonymous", logged_in=False),
    Reader("public", logged_in=False, public=True, sees=COUNTRY),
    Reader("no membership", permissions=(*VIEW, *ENTER, *APPROVE)),
    Reader("viewer", role="viewer", sees=SUBTREE),
    Reader("entry", role="entry", sees=SUBTREE),
    Reader("approver", role="approver", sees=SUBTREE, approves=SUBTREE),
    # An approver whose role's group was taken away, given the view permissions only by hand:
    # approving changes a row.
    Reader(
        "approver who may only view",
        role="approver",
        permissions=tuple(VIEW),
        sees=SUBTREE,
        own_group=False,
    ),
    Reader("superuser", superuser=True, sees=COUNTRY, approves=COUNTRY),
]

# --- The one table: how each kind of target answers each reader, own / other / ancestor -------

LOGIN = "302 to log in"
GONE = "302 to the admin index"  # the admin's answer for a row that is not there for you
DONE = "done"  # the action took effect: the row's new status, the reader recorded as reviewer
UNCHANGED = "unchanged"  # still proposed, nobody recorded

ANSWERS: dict[str, dict[str, tuple]] = {
    # A page or export of the whole country (or a level of it): one answer, whatever `where`.
    "dashboard list": {
        "anonymous": (LOGIN,),
        "public": (200,),
        "no membership": (200,),
        "viewer": (200,),
        "approver who may only view": (200,),
        "entry": (200,),
        "approver": (200,),
        "superuser": (200,),
    },
    # An organisation's page or export, or an article's page.
    "dashboard object": {
        "anonymous": (LOGIN, LOGIN, LOGIN),
        "public": (200, 200, 200),
        "no membership": (404, 404, 404),
        "viewer": (200, 404, 404),
        "approver who may only view": (200, 404, 404),
        "entry": (200, 404, 404),
        "approver": (200, 404, 404),
        "superuser": (200, 200, 200),
    },
    # An article's page: the ancestor's article also reports the reader's own district.
    "dashboard article": {
        "anonymous": (LOGIN, LOGIN, LOGIN),
        "public": (200, 200, 200),
        "no membership": (404, 404, 404),
        "viewer": (200, 404, 200),
        "approver who may only view": (200, 404, 200),
        "entry": (200, 404, 200),
        "approver": (200, 404, 200),
        "superuser": (200, 200, 200),
    },
    # A page or export filtered by an organisation: another subtree is "not a valid choice".
    "dashboard filter": {
        "anonymous": (LOGIN, LOGIN, LOGIN),
        "public": (200, 200, 200),
        "no membership": (400, 400, 400),
        "viewer": (200, 400, 400),
        "approver who may only view": (200, 400, 400),
        "entry": (200, 400, 400),
        "approver": (200, 400, 400),
        "superuser": (200, 200, 200),
    },
    "admin list": {
        "anonymous": (LOGIN,),
        "public": (LOGIN,),
        "no membership": (200,),
        "viewer": (200,),
        "approver who may only view": (200,),
        "entry": (200,),
        "approver": (200,),
        "superuser": (200,),
    },
    "admin change": {
        "anonymous": (LOGIN, LOGIN, LOGIN),
        "public": (LOGIN, LOGIN, LOGIN),
        "no membership": (GONE, GONE, GONE),
        "viewer": (200, GONE, GONE),
        "approver who may only view": (200, GONE, GONE),
        "entry": (200, GONE, GONE),
        "approver": (200, GONE, GONE),
        "superuser": (200, 200, 200),
    },
    # Articles are not scoped in the admin: a news page is public text.
    "admin article": {
        "anonymous": (LOGIN, LOGIN, LOGIN),
        "public": (LOGIN, LOGIN, LOGIN),
        "no membership": (200, 200, 200),
        "viewer": (200, 200, 200),
        "approver who may only view": (200, 200, 200),
        "entry": (200, 200, 200),
        "approver": (200, 200, 200),
        "superuser": (200, 200, 200),
    },
    # Importing is adding an article.
    "importer": {
        "anonymous": (LOGIN,),
        "public": (LOGIN,),
        "no membership": (200,),
        "viewer": (403,),
        "approver who may only view": (403,),
        "entry": (200,),
        "approver": (200,),
        "superuser": (200,),
    },
    # mark_accepted / mark_rejected on the changelist: (status, effect) own / other / ancestor.
    # A viewer is offered no action: the POST shows the list again.
    "admin action": {
        "anonymous": ((LOGIN, UNCHANGED),) * 3,
        "public": ((LOGIN, UNCHANGED),) * 3,
        "no membership": ((302, UNCHANGED),) * 3,
        "viewer": ((200, UNCHANGED),) * 3,
        "approver who may only view": ((200, UNCHANGED),) * 3,
        "entry": ((302, UNCHANGED),) * 3,
        "approver": ((302, DONE), (302, UNCHANGED), (302, UNCHANGED)),
        "superuser": ((302, DONE),) * 3,
    },
    # "Duyệt" / "Loại" on the queue "Chờ duyệt": always back to the queue.
    "queue action": {
        "anonymous": ((LOGIN, UNCHANGED),) * 3,
        "public": ((LOGIN, UNCHANGED),) * 3,
        "no membership": ((302, UNCHANGED),) * 3,
        "viewer": ((302, UNCHANGED),) * 3,
        "approver who may only view": ((302, UNCHANGED),) * 3,
        "entry": ((302, UNCHANGED),) * 3,
        "approver": ((302, DONE), (302, UNCHANGED), (302, UNCHANGED)),
        "superuser": ((302, DONE),) * 3,
    },
}
WHERES = ("own", "other", "ancestor")

# --- Targets: where each answers, what data it answers with, and what it should be ------------


@dataclass
class Tree:
    organisations: dict[str, Organisation]
    articles: dict[str, Article]  # by where
    users: dict[str, User]
    figures: dict[str, Figure] = field(default_factory=dict)  # the proposed ones, by organisation
    targets: dict[str, Target] = field(default_factory=dict)
    mentions: dict[str, LearnedMention] = field(default_factory=dict)

    def pk(self, where: str) -> int:
        return self.organisations[WHERE[where]].pk


def number(value) -> str:
    """A cell or a field as the table above writes it: 99, not 99.0 or Decimal('99.00')."""
    if isinstance(value, (int, float, Decimal)) and value == int(value):
        return str(int(value))
    return strip_tags(str(value)).strip()


def table_rows(table) -> list:
    """The rows the page shows (a table's current page, as its template renders them)."""
    return list(table.page.object_list) if hasattr(table, "page") else list(table.rows)


def progress_cells(key: str = "table", column: str = "admitted"):
    """(organisation, admitted) of each row of a progress table of the page."""

    def read(response) -> set:
        return {
            (number(row.get_cell("short_name")), number(row.get_cell(column)))
            for row in table_rows(response.context[key])
        }

    return read


def organisation_page(response) -> set:
    """Its own figures and targets with their sources, and its sub-organisations' progress."""
    org = response.context["org"].short_name
    own = {(org, number(row.record.value)) for row in table_rows(response.context["figures_table"])}
    return own | progress_cells("children_table")(response)


def organisation_names(response) -> set:
    return {number(row.get_cell("short_name")) for row in table_rows(response.context["table"])}


def article_list(response) -> set:
    return {
        (r.record.title, number(r.record.n_figures)) for r in table_rows(response.context["table"])
    }


def highlighted(response) -> set:
    return {(f.organisation.short_name, number(f.value)) for f in response.context["figures"]}


def export_rows(response) -> list[list[str]]:
    """The rows of a CSV or Excel export, header left out, cells as the table above writes them."""
    body = b"".join(response.streaming_content)
    if response["Content-Type"].startswith("text/csv"):
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(body), read_only=True).active
        rows = [["" if c is None else c for c in row] for row in sheet.iter_rows(values_only=True)]
    return [[number(c) if not isinstance(c, str) else c for c in row] for row in rows[1:]]


def exported(name_column: int, value_column: int):
    def read(response) -> set:
        return {
            (SHORT_OF_NAME[row[name_column]], row[value_column]) for row in export_rows(response)
        }

    return read


def exported_articles(response) -> set:
    return {(row[0], row[4]) for row in export_rows(response)}


def admin_rows(item):
    def read(response) -> set:
        return {item(row) for row in response.context["cl"].result_list}

    return read


def admin_original(item):
    def read(response) -> set:
        return {item(response.context["original"])}

    return read


def article_inline_figures(response) -> set:
    """The figures the article's change page lists under it (the inline is scoped)."""
    formset = next(
        f.formset for f in response.context["inline_admin_formsets"] if f.formset.model is Figure
    )
    return {(f.organisation.short_name, number(f.value)) for f in formset.queryset}


def queued(response) -> set:
    queue = response.context["queue"]
    return {(r.organisation.short_name, number(r.value)) for r in [*queue.figures, *queue.targets]}


def reported_item(row) -> tuple[str, str]:
    return (row.organisation.short_name, number(row.value))


# What a page would show of each organisation, for the readers who see it.
def progress_of(*keys: str) -> set:
    return {(short(k), accepted(k)) for k in keys}


def reported_of(*keys: str) -> set:
    """Accepted figures and targets, as an organisation's page and figures export list them."""
    return {
        (short(k), v) for k in keys for v in (accepted(k), str(int(accepted(k)) + TARGET_ABOVE))
    }


def figures_of(*keys: str) -> set:
    return {(short(k), v) for k in keys for v in (accepted(k), proposed(k))}


def targets_of(*keys: str) -> set:
    return {
        (short(k), str(int(n) + above))
        for k in keys
        for n, above in ((accepted(k), TARGET_ABOVE), (proposed(k), PROPOSED_TARGET_ABOVE))
    }


def proposed_of(*keys: str) -> set:
    return {
        (short(k), v)
        for k in keys
        for v in (proposed(k), str(int(proposed(k)) + PROPOSED_TARGET_ABOVE))
    }


def articles_seen(reader: Reader) -> set:
    """(title, accepted figures it gave the reader's organisations): every article for a reader
    of the whole country, else those that gave them some."""
    return {
        (title, str(len(set(keys) & reader.sees)))
        for title, keys in ARTICLES.values()
        if reader.sees == COUNTRY or set(keys) & reader.sees
    }


@dataclass(frozen=True)
class Page:
    """A page, export or admin page; `shows(where, reader)` is the data it should answer with
    (None: no data to compare, only the status)."""

    name: str
    kind: str
    url: object  # (tree, where) -> str
    read: object = None  # response -> set
    shows: object = None  # (where, reader) -> set

    def __str__(self) -> str:
        return self.name


def seen(places, of):
    """What a page shows: of the organisations it would show the whole country (`places`, a
    function of where), those the reader sees, each as `of` writes it."""
    return lambda where, reader: of(*(places(where) & reader.sees))


# The organisations a page would show the whole country.
def districts(where: str) -> set[str]:
    return {"kim-son", "loc-ninh"}


def provinces(where: str) -> set[str]:
    return {"ninh-binh", "binh-phuoc"}


def everywhere(where: str) -> set[str]:
    return set(COUNTRY)


def itself(where: str) -> set[str]:
    return {WHERE[where]}


def its_children(where: str) -> set[str]:
    return children(WHERE[where])


def its_family(where: str) -> set[str]:
    return itself(where) | its_children(where)


def names_of(*keys: str) -> set[str]:
    return {short(k) for k in keys}


def mentions_of(*keys: str) -> set[str]:
    return {mention(k) for k in keys}


def the_article(where: str, reader: Reader) -> set:
    return progress_of(*(set(ARTICLES[where][1]) & reader.sees))


def organisation_page_shows(where: str, reader: Reader) -> set:
    return reported_of(WHERE[where]) | seen(its_children, progress_of)(where, reader)


def url(name: str, query: str = ""):
    return lambda tree, where: reverse(name) + query


def org_url(name: str, query: str = ""):
    return lambda tree, where: reverse(name, args=[tree.pk(where)]) + query


def filtered(name: str, query: str):
    return lambda tree, where: reverse(name) + query.format(pk=tree.pk(where))


PROGRESS_EXPORT = exported(0, 6)  # Tổ chức đảng, …, Đã kết nạp
FIGURES_EXPORT = exported(0, 5)  # Tổ chức đảng, …, Giá trị

PAGES = [
    # The dashboard's pages.
    Page(
        "overview of districts",
        "dashboard list",
        url("dashboard:overview", "?level=district&year=2022"),
        progress_cells(),
        seen(districts, progress_of),
    ),
    Page(
        "overview of provinces",
        "dashboard list",
        url("dashboard:overview", "?level=province&year=2022"),
        progress_cells(),
        seen(provinces, progress_of),
    ),
    Page(
        "organisations index",
        "dashboard list",
        url("dashboard:organisations"),
        organisation_names,
        seen(everywhere, names_of),
    ),
    Page(
        "organisation page",
        "dashboard object",
        org_url("dashboard:organisation"),
        organisation_page,
        organisation_page_shows,
    ),
    Page(
        "years of districts",
        "dashboard list",
        url("dashboard:years", "?level=district"),
        progress_cells(column="y2022_admitted"),
        seen(districts, progress_of),
    ),
    Page(
        "years of an organisation",
        "dashboard filter",
        filtered("dashboard:years", "?organisation={pk}"),
        progress_cells(column="y2022_admitted"),
        seen(its_family, progress_of),
    ),
    Page(
        "articles",
        "dashboard list",
        url("dashboard:articles"),
        article_list,
        lambda where, reader: articles_seen(reader),
    ),
    Page(
        "article page",
        "dashboard article",
        lambda tree, where: reverse("dashboard:article", args=[tree.articles[where].pk]),
        highlighted,
        the_article,
    ),
    Page(
        "map of provinces",
        "dashboard list",
        url("dashboard:map", "?year=2022"),
        progress_cells(),
        seen(provinces, progress_of),
    ),
    # The exports, each in both formats.
    *(
        target
        for fmt in ("csv", "xlsx")
        for target in (
            Page(
                f"progress of districts .{fmt}",
                "dashboard list",
                url(f"dashboard:progress_{fmt}", "?level=district&year=2022"),
                PROGRESS_EXPORT,
                seen(districts, progress_of),
            ),
            Page(
                f"sub-organisations .{fmt}",
                "dashboard filter",
                filtered(f"dashboard:progress_{fmt}", "?parent={pk}&year=2022"),
                PROGRESS_EXPORT,
                seen(its_children, progress_of),
            ),
            Page(
                f"years report of districts .{fmt}",
                "dashboard list",
                url(f"dashboard:report_{fmt}", "?level=district"),
                PROGRESS_EXPORT,
                seen(districts, progress_of),
            ),
            Page(
                f"years report of an organisation .{fmt}",
                "dashboard filter",
                filtered(f"dashboard:report_{fmt}", "?only={pk}"),
                PROGRESS_EXPORT,
                seen(itself, progress_of),
            ),
            Page(
                f"articles .{fmt}",
                "dashboard list",
                url(f"dashboard:articles_{fmt}"),
                exported_articles,
                lambda where, reader: articles_seen(reader),
            ),
            Page(
                f"figures of an organisation .{fmt}",
                "dashboard object",
                org_url(f"dashboard:figures_{fmt}"),
                FIGURES_EXPORT,
                lambda where, reader: reported_of(WHERE[where]),
            ),
        )
    ),
    # The admin's lists and change pages.
    Page(
        "admin organisations",
        "admin list",
        url("admin:recruitment_organisation_changelist"),
        admin_rows(lambda o: o.short_name),
        seen(everywhere, names_of),
    ),
    Page(
        "admin organisation",
        "admin change",
        org_url("admin:recruitment_organisation_change"),
        admin_original(lambda o: o.short_name),
        lambda where, reader: {short(WHERE[where])},
    ),
    Page(
        "admin figures",
        "admin list",
        url("admin:recruitment_figure_changelist"),
        admin_rows(reported_item),
        seen(everywhere, figures_of),
    ),
    Page(
        "admin figure",
        "admin change",
        lambda tree, where: reverse(
            "admin:recruitment_figure_change", args=[tree.figures[WHERE[where]].pk]
        ),
        admin_original(reported_item),
        lambda where, reader: {(short(WHERE[where]), proposed(WHERE[where]))},
    ),
    Page(
        "admin targets",
        "admin list",
        url("admin:recruitment_target_changelist"),
        admin_rows(reported_item),
        seen(everywhere, targets_of),
    ),
    Page(
        "admin target",
        "admin change",
        lambda tree, where: reverse(
            "admin:recruitment_target_change", args=[tree.targets[WHERE[where]].pk]
        ),
        admin_original(reported_item),
        lambda where, reader: {
            (short(WHERE[where]), str(int(proposed(WHERE[where])) + PROPOSED_TARGET_ABOVE))
        },
    ),
    Page(
        "admin learned mentions",
        "admin list",
        url("admin:recruitment_learnedmention_changelist"),
        admin_rows(lambda m: m.mention),
        seen(everywhere, mentions_of),
    ),
    Page(
        "admin learned mention",
        "admin change",
        lambda tree, where: reverse(
            "admin:recruitment_learnedmention_change", args=[tree.mentions[WHERE[where]].pk]
        ),
        admin_original(lambda m: m.mention),
        lambda where, reader: {mention(WHERE[where])},
    ),
    Page(
        "admin articles",
        "admin list",
        url("admin:recruitment_article_changelist"),
        admin_rows(lambda a: a.title),
        lambda where, reader: {title for title, _keys in ARTICLES.values()},
    ),
    Page(
        "admin article",
        "admin article",
        lambda tree, where: reverse(
            "admin:recruitment_article_change", args=[tree.articles[where].pk]
        ),
        article_inline_figures,
        the_article,
    ),
    Page(
        "approval queue",
        "admin list",
        url("admin:recruitment_approval_queue"),
        queued,
        lambda where, reader: proposed_of(*reader.approves),
    ),
    # The user's own drafts are listed there, nobody else's: no organisation's data to compare.
    Page("importer", "importer", url("admin:recruitment_article_import")),
]


@dataclass(frozen=True)
class Action:
    """A POST that accepts or rejects the proposed figure or target of the organisation."""

    name: str
    kind: str
    model: type[Figure] | type[Target]
    status: str
    url: str  # a URL name
    post: object  # row -> POST data

    def __str__(self) -> str:
        return self.name


ACTIONS = [
    *(
        Action(
            f"admin {verb} {model.__name__.lower()}",
            "admin action",
            model,
            status,
            f"admin:recruitment_{model._meta.model_name}_changelist",
            lambda row, action=action: {"action": action, "_selected_action": [row.pk]},
        )
        for model in (Figure, Target)
        for verb, action, status in (
            ("accept", "mark_accepted", Status.ACCEPTED),
            ("reject", "mark_rejected", Status.REJECTED),
        )
    ),
    *(
        Action(
            f"queue {verb} {model.__name__.lower()}",
            "queue action",
            model,
            status,
            "admin:recruitment_approval_queue",
            lambda row, verb=verb, kind=model._meta.model_name: {"action": verb, kind: [row.pk]},
        )
        for model in (Figure, Target)
        for verb, status in (("accept", Status.ACCEPTED), ("reject", Status.REJECTED))
    ),
]


@dataclass(frozen=True)
class Case:
    reader: Reader
    target: Page | Action
    where: str
    answer: object  # a status, LOGIN or GONE; for an action (status, effect)

    @property
    def id(self) -> str:
        return f"{self.reader}|{self.target}|{self.where}"


def wheres(kind: str) -> tuple[str, ...]:
    return WHERES if len(ANSWERS[kind]["anonymous"]) == 3 else ("list",)


MATRIX = [
    Case(reader, target, where, answer)
    for target in [*PAGES, *ACTIONS]
    for reader in READERS
    for where, answer in zip(wheres(target.kind), ANSWERS[target.kind][reader.name], strict=True)
]

# --- The tree, built once for the module and rolled back after it -----------------------------


def _build() -> Tree:
    organisations: dict[str, Organisation] = {}
    for key, (name, short_name, level, parent, _n, _p) in ORGANISATIONS.items():
        organisations[key] = organisation_save(
            organisation=Organisation(
                name=name,
                short_name=short_name,
                level=level,
                parent=organisations[parent] if parent else None,
                latitude=11.0,
                longitude=106.0,
            )
        )
    articles = {
        where: Article.objects.create(title=title, text=title, published=dt.date(2022, 12, 1))
        for where, (title, _keys) in ARTICLES.items()
    }
    source = {key: articles[where] for where, (_t, keys) in ARTICLES.items() for key in keys}
    tree = Tree(organisations=organisations, articles=articles, users={})
    for key, org in organisations.items():
        n, later = ORGANISATIONS[key][4], ORGANISATIONS[key][5]
        common = {"organisation": org, "metric": "admitted"}
        figure_create(value=n, source=source[key], **common, **YEAR_2022)
        target_create(value=n + TARGET_ABOVE, **common, **YEAR_2022)
        tree.figures[key] = figure_create(
            value=later, status=Status.PROPOSED, **common, **YEAR_2023
        )
        tree.targets[key] = target_create(
            value=later + PROPOSED_TARGET_ABOVE, status=Status.PROPOSED, **common, **YEAR_2023
        )
        tree.mentions[key] = LearnedMention.objects.create(
            mention=mention(key), key=f"dang bo {key}", organisation=org
        )
    for reader in READERS:
        if not reader.logged_in:
            continue
        user = User.objects.create_user(
            reader.name.replace(" ", "-"), is_staff=True, is_superuser=reader.superuser
        )
        if reader.role:
            membership_grant(user=user, organisation=organisations[MEMBER_OF], role=reader.role)
        if not reader.own_group:
            user.groups.clear()
        user.user_permissions.set(
            Permission.objects.filter(
                content_type__app_label="recruitment", codename__in=reader.permissions
            )
        )
        tree.users[reader.name] = user
    return tree


@pytest.fixture(scope="module")
def tree(django_db_setup, django_db_blocker):
    """Every case reads the same tree; each test's own transaction undoes what it changes."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            built = _build()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def reader_client(tree, client, settings):
    def as_reader(reader: Reader):
        settings.DASHBOARD_PUBLIC = reader.public
        if reader.logged_in:
            client.force_login(tree.users[reader.name])
        return client

    return as_reader


def assert_answers(response, expected) -> None:
    if expected == LOGIN:
        assert (response.status_code, response["Location"].split("?")[0]) == (
            302,
            reverse("admin:login"),
        )
    elif expected == GONE:
        assert (response.status_code, response["Location"]) == (302, reverse("admin:index"))
    else:
        assert response.status_code == expected


# --- The matrix -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case", [c for c in MATRIX if isinstance(c.target, Page)], ids=Case.id.fget
)
def test_each_reader_sees_each_page_and_export_only_where_they_may(db, tree, reader_client, case):
    client = reader_client(case.reader)
    target = case.target

    response = client.get(target.url(tree, case.where))

    assert_answers(response, case.answer)
    if case.answer == 200 and target.shows is not None:
        assert target.read(response) == target.shows(case.where, case.reader)


@pytest.mark.parametrize(
    "case", [c for c in MATRIX if isinstance(c.target, Action)], ids=Case.id.fget
)
def test_each_reader_accepts_or_rejects_only_where_they_approve(db, tree, reader_client, case):
    client = reader_client(case.reader)
    action = case.target
    rows = tree.figures if action.model is Figure else tree.targets
    row = rows[WHERE[case.where]]
    status, effect = case.answer

    response = client.post(reverse(action.url), action.post(row))

    assert_answers(response, status)
    after = action.model.objects.values_list("status", "reviewed_by__username").get(pk=row.pk)
    if effect == DONE:
        assert after == (action.status, tree.users[case.reader.name].username)
    else:
        assert after == (Status.PROPOSED, None)
