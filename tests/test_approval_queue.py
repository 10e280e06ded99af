"""The admin page "Chờ duyệt": an approver sees and decides the proposed figures and targets of
their own subtree, and nothing else."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import Permission, User
from django.urls import reverse

from recruitment.models import Figure, Role, Status, Target
from recruitment.services.access import membership_grant

QUEUE = "admin:recruitment_approval_queue"
YEAR = {"period_start": dt.date(2022, 1, 1), "period_end": dt.date(2022, 12, 31)}


def _staff(client, organisation, role) -> User:
    user = User.objects.create_user("can-bo", password="x", is_staff=True)
    # Accepting changes a row: the queue, like the admin's actions, needs the change permission
    # (an approver who may only view is a row of tests/test_permission_matrix.py).
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["view_figure", "change_figure", "change_target"])
    )
    membership_grant(user=user, organisation=organisation, role=role)
    client.force_login(user)
    return user


def _proposed(model, organisation, value):
    return model.objects.create(
        organisation=organisation, metric="admitted", value=value, status=Status.PROPOSED, **YEAR
    )


def _statuses():
    return sorted(
        (type(r).__name__, r.organisation.short_name, int(r.value), r.status)
        for model in (Figure, Target)
        for r in model.objects.select_related("organisation")
    )


def test_an_approver_sees_the_proposed_rows_of_their_subtree_only(client, two_provinces):
    _proposed(Figure, two_provinces["kim-son"], 207)
    _proposed(Target, two_provinces["kim-son"], 201)
    _proposed(Figure, two_provinces["loc-ninh"], 99)
    _staff(client, two_provinces["ninh-binh"], Role.APPROVER)

    queue = client.get(reverse(QUEUE)).context["queue"]

    assert ([int(f.value) for f in queue.figures], [int(t.value) for t in queue.targets]) == (
        [207],
        [201],
    )
    assert (queue.figures_waiting, queue.targets_waiting) == (1, 1)


def test_accepting_the_chosen_rows_makes_them_count_and_says_how_many(client, two_provinces):
    figure = _proposed(Figure, two_provinces["kim-son"], 207)
    target = _proposed(Target, two_provinces["kim-son"], 201)
    _staff(client, two_provinces["ninh-binh"], Role.APPROVER)

    response = client.post(
        reverse(QUEUE), {"action": "accept", "figure": [figure.pk], "target": [target.pk]}
    )

    assert response.status_code == 302
    assert _statuses() == [
        ("Figure", "Kim Sơn", 207, Status.ACCEPTED),
        ("Target", "Kim Sơn", 201, Status.ACCEPTED),
    ]
    page = client.get(response.url)
    assert [str(m) for m in page.context["messages"]] == ["Đã duyệt 2 mục."]


def test_rejecting_a_row_leaves_the_others_waiting(client, two_provinces):
    figure = _proposed(Figure, two_provinces["kim-son"], 207)
    _proposed(Target, two_provinces["kim-son"], 201)
    _staff(client, two_provinces["ninh-binh"], Role.APPROVER)

    client.post(reverse(QUEUE), {"action": "reject", "figure": [figure.pk]})

    assert _statuses() == [
        ("Figure", "Kim Sơn", 207, Status.REJECTED),
        ("Target", "Kim Sơn", 201, Status.PROPOSED),
    ]


def test_a_row_of_another_subtree_named_in_the_post_is_left_alone(client, two_provinces):
    other = _proposed(Figure, two_provinces["loc-ninh"], 99)
    _staff(client, two_provinces["ninh-binh"], Role.APPROVER)

    response = client.post(reverse(QUEUE), {"action": "accept", "figure": [other.pk]})

    assert _statuses() == [("Figure", "Lộc Ninh", 99, Status.PROPOSED)]
    page = client.get(response.url)
    assert [str(m) for m in page.context["messages"]] == ["Chưa chọn mục nào đang chờ duyệt."]


def test_data_entry_staff_are_told_they_approve_nowhere_and_change_nothing(client, two_provinces):
    figure = _proposed(Figure, two_provinces["kim-son"], 207)
    _staff(client, two_provinces["kim-son"], Role.ENTRY)

    page = client.get(reverse(QUEUE))
    client.post(reverse(QUEUE), {"action": "accept", "figure": [figure.pk]})

    assert page.context["approver"] is False
    assert "Bạn chưa được giao quyền duyệt" in page.content.decode()
    assert _statuses() == [("Figure", "Kim Sơn", 207, Status.PROPOSED)]


def test_an_unknown_action_is_refused_with_a_message(client, two_provinces):
    figure = _proposed(Figure, two_provinces["kim-son"], 207)
    _staff(client, two_provinces["ninh-binh"], Role.APPROVER)

    response = client.post(reverse(QUEUE), {"action": "drop", "figure": [figure.pk, "x"]})

    page = client.get(response.url)
    assert [str(m) for m in page.context["messages"]] == ["Hãy chọn Duyệt hoặc Loại."]
    assert _statuses() == [("Figure", "Kim Sơn", 207, Status.PROPOSED)]


def test_anonymous_visitors_are_sent_to_log_in(client, two_provinces):
    response = client.get(reverse(QUEUE))
    assert (response.status_code, response.url.startswith(reverse("admin:login"))) == (302, True)
