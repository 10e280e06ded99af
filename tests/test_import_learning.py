"""Staff corrections teach the matcher: a mention resolved by hand resolves the same way next
time, in the same province; accepting a proposal or rejecting a figure teaches nothing."""

import datetime as dt

import pytest
from import_support import IMPORT, SENTENCE, at, form, review_post

from recruitment.matching import resolve_organisation
from recruitment.models import (
    Article,
    ImportDraft,
    LearnedMention,
    Level,
    Organisation,
    OrganisationAlias,
)
from recruitment.services.imports import mention_learn

BEFORE = dt.date(2024, 1, 5)
TAN_HOA = "Năm 2023, Đảng ủy xã Tân Hòa kết nạp được 12 đảng viên mới."
TAN_HOA_AGAIN = "Năm 2023, Đảng ủy xã Tân Hòa kết nạp được 15 đảng viên mới, vượt chỉ tiêu."
SAO_MAI = "Năm 2023, Đảng bộ Công ty Cổ phần Sao Mai kết nạp được 14 đảng viên mới."
SAO_MAI_AGAIN = "Năm 2024, Đảng bộ Công ty Cổ phần Sao Mai kết nạp được 9 đảng viên mới."


@pytest.fixture
def staff(client, admin_user, seed_organisations):
    client.force_login(admin_user)
    return client


def org(code: str) -> Organisation:
    return Organisation.objects.get(official_code=code)


@pytest.fixture
def dong_thap() -> Organisation:
    return org("2020:P:87")


@pytest.fixture
def tan_hoa_of_lai_vung() -> Organisation:
    return Organisation.objects.get(
        level=Level.COMMUNE, short_name="Tân Hòa", parent__short_name="Lai Vung"
    )


@pytest.fixture
def sao_mai(seed_organisations) -> Organisation:
    """The company as the organisation list spells it: the article's full name is unknown."""
    company = Organisation.objects.create(
        name="Đảng bộ Công ty CP Sao Mai",
        short_name="Công ty CP Sao Mai",
        level=Level.GRASSROOTS,
        parent=Organisation.objects.get(name="Đảng bộ huyện Kim Sơn"),
    )
    company.add_aliases(["Công ty CP Sao Mai"])
    return company


def review_of(staff, text: str, **fields):
    return staff.post(IMPORT, form(text=text, published="05/01/2024", **fields), follow=True)


def proposed(review) -> list:
    return [f.initial["organisation"] for f in review.context["formset"].forms]


def save_as(staff, review, organisation: Organisation | None, decision: str = "accepted"):
    return staff.post(
        at(review),
        review_post(
            review,
            **{
                "form-0-organisation": organisation.pk if organisation else "",
                "form-0-decision": decision,
            },
        ),
    )


def test_a_corrected_organisation_is_proposed_next_time_in_the_same_province(
    staff, tan_hoa_of_lai_vung
):
    first = review_of(staff, TAN_HOA, organisation="tỉnh Đồng Tháp")
    assert proposed(first) == [None]  # two xã Tân Hòa in Đồng Tháp: the matcher cannot tell
    save_as(staff, first, tan_hoa_of_lai_vung)
    second = review_of(staff, TAN_HOA_AGAIN, organisation="tỉnh Đồng Tháp")
    assert proposed(second) == [tan_hoa_of_lai_vung.pk]


def test_an_unknown_mention_resolves_after_staff_chose_its_organisation(staff, sao_mai):
    first = review_of(staff, SAO_MAI)
    assert proposed(first) == [None]
    save_as(staff, first, sao_mai)
    assert proposed(review_of(staff, SAO_MAI_AGAIN)) == [sao_mai.pk]


def test_the_corrected_mention_becomes_an_alias_of_the_organisation(staff, sao_mai):
    save_as(staff, review_of(staff, SAO_MAI), sao_mai)
    assert sorted(sao_mai.aliases.values_list("name", "key")) == [
        ("Công ty CP Sao Mai", "cong ti cp sao mai"),
        ("Công ty Cổ phần Sao Mai", "cong ti co phan sao mai"),
    ]


def test_the_lesson_records_who_taught_it_from_which_article_and_what_was_proposed(
    staff, admin_user, tan_hoa_of_lai_vung, dong_thap
):
    save_as(staff, review_of(staff, TAN_HOA, organisation="tỉnh Đồng Tháp"), tan_hoa_of_lai_vung)
    lesson = LearnedMention.objects.get()
    assert (
        lesson.mention,
        lesson.key,
        lesson.scope,
        lesson.organisation,
        lesson.proposed,
        lesson.article,
        lesson.created_by,
    ) == (
        "xã Tân Hòa",
        "xa tan hoa",
        dong_thap.path.split("/")[0],
        tan_hoa_of_lai_vung,
        None,
        Article.objects.get(),
        admin_user,
    )
    assert [h.history_user for h in lesson.history.all()] == [admin_user]


def test_accepting_the_proposal_teaches_nothing(staff):
    aliases = OrganisationAlias.objects.count()
    review = review_of(staff, SENTENCE)
    staff.post(at(review), review_post(review))
    assert (LearnedMention.objects.count(), OrganisationAlias.objects.count()) == (0, aliases)


def test_a_rejected_candidate_teaches_nothing_whatever_organisation_it_shows(staff, sao_mai):
    save_as(staff, review_of(staff, SAO_MAI), sao_mai, decision="rejected")
    assert (LearnedMention.objects.count(), sao_mai.aliases.count()) == (0, 1)


def test_a_save_that_fails_teaches_nothing(staff, sao_mai):
    url = "https://baodang.example.vn/tin/1"
    Article.objects.create(text="Một bài khác.", url=url)
    review = review_of(staff, SAO_MAI)
    ImportDraft.objects.update(url=url)
    save_as(staff, review, sao_mai)
    assert (LearnedMention.objects.count(), sao_mai.aliases.count()) == (0, 1)


def test_a_lesson_does_not_reach_another_province(seed_organisations, tan_hoa_of_lai_vung):
    mention_learn(mention="xã Tân Hòa", organisation=tan_hoa_of_lai_vung, within=org("2020:P:87"))
    found = resolve_organisation("xã Tân Hòa", None, BEFORE, within=org("2020:P:70"))
    assert found.parent.short_name == "Đồng Phú"


def test_a_lesson_reaches_an_organisation_of_another_level_than_the_extractor_guessed(
    seed_organisations, dong_thap
):
    school = Organisation.objects.create(
        name="Chi bộ Trường Tiểu học Tân Hòa",
        short_name="Trường Tiểu học Tân Hòa",
        level=Level.GRASSROOTS,
        parent=dong_thap,
    )
    mention_learn(mention="xã Tân Hòa", organisation=school, within=dong_thap)
    assert resolve_organisation("xã Tân Hòa", Level.COMMUNE, BEFORE, within=dong_thap) == school


def test_a_later_correction_replaces_the_earlier_and_both_are_in_the_history(
    seed_organisations, dong_thap, tan_hoa_of_lai_vung
):
    other = Organisation.objects.get(
        level=Level.COMMUNE, short_name="Tân Hòa", parent__short_name="Thanh Bình"
    )
    mention_learn(mention="xã Tân Hòa", organisation=other, within=dong_thap)
    mention_learn(mention="xã Tân Hòa", organisation=tan_hoa_of_lai_vung, within=dong_thap)
    lesson = LearnedMention.objects.get()
    assert lesson.organisation == tan_hoa_of_lai_vung
    assert [h.organisation for h in lesson.history.order_by("history_id")] == [
        other,
        tan_hoa_of_lai_vung,
    ]
    assert resolve_organisation("xã Tân Hòa", None, BEFORE, within=dong_thap) == (
        tan_hoa_of_lai_vung
    )
