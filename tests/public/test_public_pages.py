"""Anyone can read what a board has published, and nothing else: unpublished reports,
unpublished or unpublishable reviews, lay members' names and contact details stay out of
reach, by links and by guessed ids alike."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from boards.models import Access, Role
from reporting.models import YearlyReport
from reviews.models import ReviewKind
from tests.factories import member
from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.django_db


def _published(board, year=2008, **fields):
    return YearlyReport.objects.create(
        board=board,
        year=year,
        status=YearlyReport.Status.PUBLISHED,
        summary="What we did this year, in brief.",
        published_at=timezone.now(),
        published_html=f"<html><body><h1>Yearly report {year}</h1></body></html>",
        **fields,
    )


def _draft(board, year=2009):
    return YearlyReport.objects.create(
        board=board, year=year, summary="A draft nobody may read.", published_html=""
    )


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def test_the_board_page_lists_published_reports_and_reviews_and_nothing_else(client, board):
    _published(board)
    _draft(board)
    ReviewFactory(
        board=board,
        kind=ReviewKind.SERIOUS_CASE_REVIEW,
        title="Child B",
        published_date=dt.date(2009, 1, 20),
    )
    ReviewFactory(board=board, kind=ReviewKind.SERIOUS_CASE_REVIEW, title="Child D")
    ReviewFactory(
        board=board, title="Adoption inspection", published_date=dt.date(2009, 2, 1)
    )  # an inspection: its report is the inspectorate's, not published here

    page = client.get(reverse("public:board", args=[board.slug]))

    body = page.content.decode()
    assert page.status_code == 200
    assert "Yearly report 2008/09" in body and "2009/10" not in body
    assert "Child B" in body
    assert "Child D" not in body and "Adoption inspection" not in body


def test_unpublished_reports_are_404_by_guessed_year_in_every_form(client, board, media):
    _draft(board, year=2009)
    for name in ("public:yearly", "public:summary", "public:yearly_pdf"):
        assert client.get(reverse(name, args=[board.slug, 2009])).status_code == 404, name
        assert client.get(reverse(name, args=[board.slug, 2015])).status_code == 404, name


def test_a_published_report_reads_as_published_with_its_summary_and_pdf(client, board, media):
    report = _published(board)
    name = default_storage.save(report.storage_name(), ContentFile(b"%PDF-1.7 test"))
    YearlyReport.objects.filter(pk=report.pk).update(pdf=name)

    html = client.get(reverse("public:yearly", args=[board.slug, 2008]))
    summary = client.get(reverse("public:summary", args=[board.slug, 2008]))
    pdf = client.get(reverse("public:yearly_pdf", args=[board.slug, 2008]))

    assert html.status_code == 200 and b"Yearly report 2008" in html.content
    assert b"What we did this year, in brief." in summary.content
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content) == b"%PDF-1.7 test"


def test_reviews_are_reachable_only_when_published_practice_reviews(client, board, other_board):
    published = ReviewFactory(
        board=board, kind=ReviewKind.PRACTICE_REVIEW, published_date=dt.date(2020, 5, 1)
    )
    hidden = [
        ReviewFactory(board=board, kind=ReviewKind.PRACTICE_REVIEW),
        ReviewFactory(
            board=board, kind=ReviewKind.RAPID_REVIEW, published_date=dt.date(2020, 5, 1)
        ),
        ReviewFactory(board=board, kind=ReviewKind.JTAI, published_date=dt.date(2020, 5, 1)),
    ]
    elsewhere = ReviewFactory(
        board=other_board, kind=ReviewKind.PRACTICE_REVIEW, published_date=dt.date(2020, 5, 1)
    )

    def status(review, slug=board.slug):
        return client.get(reverse("public:review", args=[slug, review.pk])).status_code

    assert status(published) == 200
    assert [status(r) for r in hidden] == [404, 404, 404]
    assert status(elsewhere) == 404  # another board's review under this board's address
    assert status(elsewhere, other_board.slug) == 200


def test_members_are_listed_without_lay_members_names_or_anyones_contact_details(client, board):
    member(board, "chair", Access.CHAIR, role=Role.INDEPENDENT_CHAIR)
    lay = member(board, "layperson", Access.MEMBER, role=Role.LAY_MEMBER)
    lay.person.email = "lay@example.org"
    lay.person.save()

    body = client.get(reverse("public:board", args=[board.slug])).content.decode()

    assert "Independent chair" in body and ">chair<" in body
    assert "Lay member" in body and "layperson" not in body
    assert "@" not in body.split('id="members"')[1].split("</table>")[0]


def test_a_lay_member_is_named_from_the_next_view_after_their_consent_is_recorded(client, board):
    lay = member(board, "layperson", Access.MEMBER, role=Role.LAY_MEMBER)
    url = reverse("public:board", args=[board.slug])
    assert "layperson" not in client.get(url).content.decode()

    lay.person.public_name_consent_on = dt.date(2026, 11, 2)
    lay.person.save()
    assert "layperson" in client.get(url).content.decode()

    lay.person.public_name_consent_on = None  # consent withdrawn
    lay.person.save()
    assert "layperson" not in client.get(url).content.decode()


def test_a_publication_shows_on_the_next_view_of_the_cached_page(client, board):
    url = reverse("public:board", args=[board.slug])
    draft = _draft(board, year=2008)
    first = client.get(url)
    assert b"Yearly report 2008/09" not in first.content

    draft.status = YearlyReport.Status.PUBLISHED
    draft.published_html = "<html></html>"
    draft.published_at = timezone.now()
    draft.save()

    assert b"Yearly report 2008/09" in client.get(url).content


def test_a_cached_page_costs_one_query_and_an_unchanged_board_answers_304(
    client, board, django_assert_num_queries
):
    _published(board)
    url = reverse("public:board", args=[board.slug])
    first = client.get(url)
    assert "public" in first["Cache-Control"]

    with django_assert_num_queries(1):  # the board and its version
        again = client.get(url)
    not_modified = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.content == first.content
    assert not_modified.status_code == 304


@pytest.mark.parametrize("reports", [1, 12])
def test_the_board_page_runs_the_same_queries_with_few_or_many_publications(
    client, board, reports, django_assert_num_queries
):
    for year in range(2000, 2000 + reports):
        _published(board, year=year)
        ReviewFactory(
            board=board, kind=ReviewKind.PRACTICE_REVIEW, published_date=dt.date(year, 6, 1)
        )
        member(board, f"m{year}", Access.MEMBER)
    # board, published reports, published reviews, "you said, we did" shown publicly,
    # meetings with a published agenda, their items, the papers of items taken in public,
    # the decisions under their minutes, their public agenda packs, current members with
    # their people and agencies
    with django_assert_num_queries(10):
        client.get(reverse("public:board", args=[board.slug]))


def test_a_signed_in_visitors_name_never_enters_the_page_cached_for_everyone(client, board, alice):
    client.force_login(alice)
    client.get(reverse("public:board", args=[board.slug]))
    client.logout()

    body = client.get(reverse("public:board", args=[board.slug])).content.decode()

    assert "alice" not in body and "Signed in as" not in body


def test_the_atom_feed_lists_published_documents_only(client, board):
    _published(board)
    _draft(board)
    ReviewFactory(board=board, kind=ReviewKind.PRACTICE_REVIEW, title="Child F")
    ReviewFactory(
        board=board,
        kind=ReviewKind.PRACTICE_REVIEW,
        title="Child E",
        published_date=dt.date(2021, 3, 1),
    )

    feed = client.get(reverse("public:feed", args=[board.slug]))

    body = feed.content.decode()
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "Yearly report 2008/09" in body and "Child E" in body
    assert "2009/10" not in body and "Child F" not in body


def test_an_unknown_board_is_404(client):
    assert client.get(reverse("public:board", args=["nowhere"])).status_code == 404


@pytest.fixture
def agenda(board, media):
    """A board meeting with a published agenda: one item in public with a paper, one exempt
    item with a paper, and a planned meeting and a subgroup meeting that are not public."""
    from boards.meeting_models import AgendaPaper, MeetingStatus
    from tests.boards.meeting_factories import AgendaItemFactory, MeetingFactory
    from tests.factories import SubgroupFactory

    published = MeetingFactory(board=board, status=MeetingStatus.AGENDA_PUBLISHED)
    open_item = AgendaItemFactory(meeting=published, number=1, title="Neglect strategy")
    exempt = AgendaItemFactory(
        meeting=published, number=2, title="Referral about Child Q", exempt_paragraph=2
    )
    planned = AgendaItemFactory(meeting=MeetingFactory(board=board), title="Draft agenda item")
    subgroup = AgendaItemFactory(
        meeting=MeetingFactory(
            board=board,
            subgroup=SubgroupFactory(board=board),
            status=MeetingStatus.AGENDA_PUBLISHED,
        ),
        title="Subgroup business",
    )

    def paper(item, name):
        return AgendaPaper.objects.create(item=item, file=ContentFile(b"the paper", name=name))

    return {
        "open": paper(open_item, "strategy.pdf"),
        "exempt": paper(exempt, "referral.pdf"),
        "planned": paper(planned, "draft.pdf"),
        "subgroup": paper(subgroup, "subgroup.pdf"),
    }


def test_published_agendas_show_items_in_public_and_only_say_that_exempt_ones_exist(
    client, board, agenda
):
    body = client.get(reverse("public:board", args=[board.slug])).content.decode()

    assert "Neglect strategy" in body and "strategy.pdf" in body
    assert "paragraph 2" in body
    assert "Child Q" not in body and "referral.pdf" not in body
    assert "Draft agenda item" not in body and "Subgroup business" not in body


def test_only_papers_of_items_in_public_at_published_board_meetings_download(
    client, board, other_board, agenda
):
    def status(paper, slug=board.slug):
        return client.get(reverse("public:paper", args=[slug, paper.pk])).status_code

    assert status(agenda["open"]) == 200
    assert [status(agenda[k]) for k in ("exempt", "planned", "subgroup")] == [404, 404, 404]
    assert status(agenda["open"], other_board.slug) == 404
