"""Action plan import (preview then confirm; a bad file writes nothing) and export."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from reviews.models import Action, ActionProgress, Recommendation
from reviews.services.action_plan import recommendation_add
from reviews.services.sign_off import review_sign_off
from tests.factories import PersonFactory, ThemeFactory
from tests.reviews.factories import ReviewFactory

REQ_HEADER = [
    "No",
    "Standard",
    "Regulation",
    "Requirement",
    "Actions",
    "Person Responsible",
    "Timescale for action",
    "Progress Review",
]
REC_HEADER = [
    "No",
    "Refer to Standard",
    "Good Practice Recommendations",
    "Actions",
    "Person Responsible",
    "Timescale for action",
    "Progress Review",
]


def _seed_like_rows(req_rows=None, rec_rows=None, req_header=REQ_HEADER):
    """One sheet laid out like the seed's appendix, page titles and all."""
    rows = [
        ["STATUTORY REQUIREMENTS This section sets out the actions which must be taken."],
        req_header,
        *(
            req_rows
            or [
                [
                    1,
                    5,
                    "Regulation 16(2)",
                    "Obtain information about the health of birth parents",
                    "Amend the practice guidance",
                    "Head of Business Unit\nPlacement Team Manager",
                    "01/12/2008",
                    "Amended; moves to the web system in February 2009",
                ],
                ["2.1 Appendix 1"],
                [
                    2,
                    11,
                    "Regulation 3",
                    "Recruit enough panel members",
                    "Advertise locally",
                    "Placement Team Manager",
                    dt.datetime(2008, 12, 1),
                    "At risk (12 January 2009): one independent member still to find",
                ],
                [
                    "",
                    "",
                    "",
                    "",
                    "Report to the Portfolio Holder",
                    "Alex Jones",
                    "December 2008",
                    "",
                ],
            ]
        ),
        [],
        ["RECOMMENDATIONS"],
        ["These recommendations relate to National Minimum Standards."],
        REC_HEADER,
        *(
            rec_rows
            or [
                [
                    1,
                    "NMS 5",
                    "Write permanence reports consistently",
                    "Guidance to be issued",
                    "Placement Team Manager",
                    "February 2009",
                    "Complete: audit tool in use",
                ],
            ]
        ),
    ]
    return rows


def _xlsx(rows, name="plan.xlsx") -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.fixture
def upload(client, alice, review):
    client.force_login(alice)
    url = reverse("reviews:import", args=[review.board.slug, review.pk])

    def post(file):
        return client.post(url, {"file": file}, follow=True)

    return post


def _confirm(client, review, response):
    token = response.context["token"]
    return client.post(
        reverse("reviews:import_confirm", args=[review.board.slug, review.pk]), {"token": token}
    )


def test_a_good_file_previews_without_writing_then_confirms(client, upload, review, board):
    person = PersonFactory(name="Alex Jones")
    from tests.factories import MembershipFactory

    MembershipFactory(person=person, board=board)
    response = upload(_xlsx(_seed_like_rows()))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Check before importing" in body
    assert "reported complete, imported as On track" in body
    assert Recommendation.objects.count() == 0  # nothing yet

    assert _confirm(client, review, response).status_code == 302
    recs = {(r.kind, r.number): r for r in Recommendation.objects.filter(review=review)}
    req1 = recs[("statutory_requirement", 1)]
    assert (req1.standard_reference, req1.regulation_reference) == ("NMS 5", "Regulation 16(2)")
    req2 = recs[("statutory_requirement", 2)]
    advertise, report = req2.actions.order_by("position")
    assert advertise.timescale == dt.date(2008, 12, 1) and not advertise.timescale_is_month
    assert (advertise.current_rag, advertise.last_update_date) == ("at_risk", dt.date(2009, 1, 12))
    assert report.timescale == dt.date(2008, 12, 31) and report.timescale_is_month
    assert list(report.responsible_people.all()) == [person]
    rec1 = recs[("recommendation", 1)]
    assert rec1.standard_reference == "NMS 5"
    assert rec1.actions.get().current_rag == "on_track"  # complete needs evidence
    assert Action.objects.count() == 4


def test_a_missing_column_is_explained_and_nothing_written(upload, review):
    header = [h for h in REQ_HEADER if h != "Person Responsible"]
    rows = [
        header,
        [1, 5, "Regulation 3", "Do it", "Act", "01/12/2008", ""],
    ]
    response = upload(_xlsx(rows))
    assert "No action plan table was found" in response.content.decode()
    assert "Person Responsible" in response.content.decode()
    assert Recommendation.objects.count() == 0


def test_a_bad_timescale_names_the_row_and_nothing_is_written(upload, review):
    rows = _seed_like_rows(
        req_rows=[
            [1, 5, "Regulation 3", "Do it", "Act", "Someone", "soonish", ""],
            [2, 6, "Regulation 4", "Do more", "Act", "Someone", "31/02/2009", ""],
        ]
    )
    body = upload(_xlsx(rows)).content.decode()
    assert "nothing was imported" in body
    assert "row 3" in body and "soonish" in body
    assert "row 4" in body and "31/02/2009" in body
    assert Recommendation.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"this is not a workbook", "plan.xlsx", "could not be read as an Excel workbook"),
        (b"No,Standard\n1,5\n", "plan.csv", "saved as .xlsx"),
    ],
)
def test_an_unreadable_file_is_refused(upload, review, content, name, message):
    response = upload(SimpleUploadedFile(name, content))
    assert message in response.content.decode()
    assert Recommendation.objects.count() == 0


def test_a_number_already_on_the_plan_is_refused(upload, review):
    from tests.reviews.factories import RecommendationFactory

    RecommendationFactory(review=review, number=1)
    body = upload(_xlsx(_seed_like_rows())).content.decode()
    assert "statutory requirement 1 is already on this review" in body
    assert Recommendation.objects.count() == 1


def test_a_preview_can_be_confirmed_only_once(client, upload, review):
    response = upload(_xlsx(_seed_like_rows()))
    _confirm(client, review, response)
    again = _confirm(client, review, response)
    assert again.status_code == 302
    assert Recommendation.objects.count() == 3


def test_a_signed_off_plan_takes_no_import(client, upload, review, carol, alice):
    response = upload(_xlsx(_seed_like_rows()))
    from tests.reviews.factories import RecommendationFactory

    RecommendationFactory(review=review, number=99, kind="area_for_improvement")
    review_sign_off(review=review, by=carol)
    client.force_login(alice)
    _confirm(client, review, response)
    assert Recommendation.objects.count() == 1
    page = client.get(reverse("reviews:import", args=[review.board.slug, review.pk]))
    assert "signed off, so nothing can be imported" in page.content.decode()


def test_export_then_import_gives_the_same_plan(client, upload, review, board, alice):
    neglect = ThemeFactory(name="Neglect", slug="neglect")
    response = upload(_xlsx(_seed_like_rows()))
    _confirm(client, review, response)
    Recommendation.objects.get(review=review, kind="recommendation").themes.add(neglect)
    recommendation_add(
        review=review, by=alice, number=1, kind="area_for_improvement", text="=SUM(A1)"
    )

    exported = client.get(reverse("reviews:export", args=[board.slug, review.pk]))
    assert exported["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(exported.content))
    assert wb.sheetnames == ["Statutory requirements", "Recommendations", "Areas for improvement"]
    assert [c.value for c in wb["Statutory requirements"][1]][:8] == REQ_HEADER
    assert wb["Areas for improvement"]["C2"].value == "'=SUM(A1)"  # not run as a formula

    copy = ReviewFactory(board=board, title="Copy")
    checked = client.post(
        reverse("reviews:import", args=[board.slug, copy.pk]),
        {"file": SimpleUploadedFile("export.xlsx", exported.content)},
    )
    assert checked.status_code == 302  # to the preview, so the file had no errors
    token = checked["Location"].split("preview=", 1)[1]
    client.post(reverse("reviews:import_confirm", args=[board.slug, copy.pk]), {"token": token})

    def plan(r):
        return sorted(
            (
                rec.kind,
                rec.number,
                rec.standard_reference,
                rec.regulation_reference,
                rec.text,
                tuple(t.slug for t in rec.themes.all()),
                tuple(
                    (a.what, a.responsible, a.timescale, a.timescale_is_month, a.current_rag)
                    for a in rec.actions.order_by("position")
                ),
            )
            for rec in Recommendation.objects.filter(review=r)
        )

    assert plan(copy) == plan(review)
    assert ActionProgress.objects.filter(action__recommendation__review=copy).count() == 3


def test_importing_one_requirement_with_one_action_says_so_in_the_singular(client, upload, review):
    rows = [
        ["STATUTORY REQUIREMENTS"],
        REQ_HEADER,
        [1, 5, "Regulation 16(2)", "Keep health records", "Amend the guidance", "", "", ""],
    ]
    response = _confirm(client, review, upload(_xlsx(rows)))
    page = client.get(response.url).content.decode()
    assert "Imported 1 requirement or recommendation with 1 action." in page
