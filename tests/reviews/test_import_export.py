"""Action plan import (preview then confirm; a bad file writes nothing) and export."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from lscb.models import AuditEvent
from reviews.models import Action, ActionProgress, Recommendation
from reviews.services.action_plan import recommendation_add
from reviews.services.authoring import (
    recommendation_create,
    recommendation_update,
    recommendation_withdraw,
)
from reviews.services.authoring_actions import action_create, action_withdraw
from reviews.services.progress import action_record_progress
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


def _day(day: dt.date | None) -> dict[str, str]:
    """The confirm form's "Date of the progress" fields for `day` (none for None)."""
    if day is None:
        return {}
    return {"progress_date_0": day.day, "progress_date_1": day.month, "progress_date_2": day.year}


def _confirm(client, review, response, day: dt.date | None = dt.date(2009, 1, 31)):
    token = response.context["token"]
    return client.post(
        reverse("reviews:import_confirm", args=[review.board.slug, review.pk]),
        {"token": token, **_day(day)},
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


def test_a_number_already_on_the_plan_updates_it_in_place(client, upload, review):
    from tests.reviews.factories import RecommendationFactory

    existing = RecommendationFactory(review=review, number=1, text="Old wording")
    response = upload(_xlsx(_seed_like_rows()))
    body = response.content.decode()
    assert "Old wording" in body and "Obtain information about the health" in body
    _confirm(client, review, response)
    existing.refresh_from_db()
    assert existing.text == "Obtain information about the health of birth parents"
    assert existing.version == 2
    assert Recommendation.objects.filter(review=review).count() == 3


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
    assert "Imported the action plan: added 1 requirement or recommendation and 1 action." in page


def _export(client, review) -> bytes:
    response = client.get(reverse("reviews:export", args=[review.board.slug, review.pk]))
    assert response.status_code == 200
    return response.content


def _upload_bytes(client, review, content: bytes):
    url = reverse("reviews:import", args=[review.board.slug, review.pk])
    return client.post(url, {"file": SimpleUploadedFile("plan.xlsx", content)}, follow=True)


def test_round_trip_export_edit_import_updates_matched_rows_and_adds_new_ones(
    client, upload, review, alice
):
    _confirm(client, review, upload(_xlsx(_seed_like_rows())))
    progress_before = ActionProgress.objects.count()
    wb = load_workbook(io.BytesIO(_export(client, review)))
    sheet = wb["Statutory requirements"]
    header = [c.value for c in sheet[1]]
    text, timescale = header.index("Requirement") + 1, header.index("Timescale for action") + 1
    sheet.cell(row=2, column=text, value="Obtain full health histories of birth parents")
    sheet.cell(row=3, column=timescale, value="January 2009")
    sheet.append([3, "NMS 12", "Regulation 9", "Train panel members", "Book the training"])
    buffer = io.BytesIO()
    wb.save(buffer)

    response = _upload_bytes(client, review, buffer.getvalue())
    assert "token" in response.context, response.context.get("errors")
    counts = response.context["preview"]["counts"]
    assert (counts["recs_added"], counts["recs_changed"], counts["recs_unchanged"]) == (1, 1, 2)
    assert (counts["actions_added"], counts["actions_changed"]) == (1, 1)
    assert counts["actions_unchanged"] == 3 and counts["progress"] == 0
    first, second = response.context["preview"]["recommendations"][:2]
    assert first["changes"] == [
        [
            "Text",
            "Obtain information about the health of birth parents",
            "Obtain full health histories of birth parents",
        ]
    ]
    assert second["actions"][0]["changes"] == [["Timescale", "01/12/2008", "January 2009"]]
    body = response.content.decode()
    assert "Obtain information about the health of birth parents" in body  # old, beside new

    assert _confirm(client, review, response, day=None).status_code == 302
    req = {
        r.number: r
        for r in Recommendation.objects.filter(review=review, kind="statutory_requirement")
    }
    assert req[1].text == "Obtain full health histories of birth parents"
    assert req[1].version == 2
    advertise = req[2].actions.order_by("position").first()
    assert (advertise.timescale, advertise.timescale_is_month) == (dt.date(2009, 1, 31), True)
    assert req[3].actions.get().what == "Book the training"
    assert Recommendation.objects.filter(review=review).count() == 4
    assert ActionProgress.objects.count() == progress_before  # nothing recorded twice
    changed = AuditEvent.objects.filter(action="recommendation.changed").get()
    assert changed.actor == alice and changed.changes["text"][1].startswith("Obtain full")


def test_reimporting_does_not_bring_back_a_withdrawn_recommendation(client, upload, review, alice):
    _confirm(client, review, upload(_xlsx(_seed_like_rows())))
    exported = _export(client, review)
    rec = Recommendation.objects.get(review=review, kind="statutory_requirement", number=2)
    recommendation_withdraw(recommendation=rec, by=alice, reason="Met by another requirement")

    response = _upload_bytes(client, review, exported)
    assert response.context["preview"]["counts"]["recs_withdrawn"] == 1
    assert "Statutory requirement 2 was withdrawn" in response.content.decode()
    _confirm(client, review, response, day=None)
    rec.refresh_from_db()
    assert rec.is_withdrawn and rec.actions.count() == 2


def test_a_withdrawn_action_in_an_older_export_is_left_out_and_the_rest_still_match(
    client, upload, review, alice
):
    _confirm(client, review, upload(_xlsx(_seed_like_rows())))
    wb = load_workbook(io.BytesIO(_export(client, review)))
    advertise, report = Recommendation.objects.get(
        review=review, kind="statutory_requirement", number=2
    ).actions.order_by("position")
    action_withdraw(action=advertise, by=alice, reason="Done by the council instead")
    sheet = wb["Statutory requirements"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=4, column=header.index("Timescale for action") + 1, value="March 2009")
    buffer = io.BytesIO()
    wb.save(buffer)

    response = _upload_bytes(client, review, buffer.getvalue())
    counts = response.context["preview"]["counts"]
    assert (counts["actions_withdrawn"], counts["actions_changed"]) == (1, 1)
    assert "that action of Statutory requirement 2 was withdrawn" in response.content.decode()
    _confirm(client, review, response, day=None)
    advertise.refresh_from_db()
    report.refresh_from_db()
    assert advertise.is_withdrawn and advertise.timescale == dt.date(2008, 12, 1)
    assert (report.timescale, report.version) == (dt.date(2009, 3, 31), 2)


def test_a_plan_changed_after_the_preview_is_not_overwritten(client, upload, review, alice):
    _confirm(client, review, upload(_xlsx(_seed_like_rows())))
    wb = load_workbook(io.BytesIO(_export(client, review)))
    wb["Statutory requirements"]["D2"] = "The file's wording"
    buffer = io.BytesIO()
    wb.save(buffer)
    response = _upload_bytes(client, review, buffer.getvalue())
    rec = Recommendation.objects.get(review=review, kind="statutory_requirement", number=1)
    recommendation_update(
        recommendation=rec,
        by=alice,
        expected_version=rec.version,
        number=1,
        kind=rec.kind,
        text="Someone else's wording",
        standard_reference=rec.standard_reference,
        regulation_reference=rec.regulation_reference,
        themes=[],
    )
    page = client.get(_confirm(client, review, response, day=None).url).content.decode()
    assert "changed by someone else after the file was checked" in page
    rec.refresh_from_db()
    assert rec.text == "Someone else's wording"


def test_undated_progress_is_dated_by_the_day_the_officer_confirms(client, upload, review):
    rows = [
        REQ_HEADER,
        [1, 5, "Regulation 3", "Keep records", "Amend the guidance", "", "", "On track: drafted"],
    ]
    response = upload(_xlsx(rows))
    assert response.context["preview"]["needs_date"]
    body = response.content.decode()
    assert 'name="progress_date_0"' in body  # the GOV.UK date input

    missing = _confirm(client, review, response, day=None)
    assert missing.status_code == 400
    assert "Enter the date of the progress" in missing.content.decode()
    assert not Recommendation.objects.exists()  # and the preview is still there to confirm

    _confirm(client, review, response, day=dt.date(2009, 2, 14))
    update = ActionProgress.objects.get()
    assert (update.date, update.rag, update.narrative) == (
        dt.date(2009, 2, 14),
        "on_track",
        "drafted",
    )


def test_progress_takes_its_date_from_the_cell_or_the_review_date_column(client, upload, review):
    rows = [
        [*REQ_HEADER, "Review date"],
        [
            1,
            5,
            "Regulation 3",
            "Keep records",
            "Amend",
            "",
            "",
            "At risk (3 March 2009): late",
            "1/2/2009",
        ],
        [2, 6, "Regulation 4", "Recruit", "Advertise", "", "", "Off track: no money", "02/02/2009"],
    ]
    response = upload(_xlsx(rows))
    assert not response.context["preview"]["needs_date"]
    assert 'name="progress_date_0"' not in response.content.decode()
    _confirm(client, review, response, day=None)
    dates = dict(ActionProgress.objects.values_list("narrative", "date"))
    assert dates == {"late": dt.date(2009, 3, 3), "no money": dt.date(2009, 2, 2)}


def _plan_as_the_user_sees_it(review):
    recs = []
    for rec in Recommendation.objects.filter(review=review).order_by("kind", "number"):
        actions = []
        for a in rec.actions.order_by("position"):
            updates = [(u.date, u.rag, u.narrative, u.author_id) for u in a.updates.all()]
            actions.append(
                (
                    a.position,
                    a.what,
                    a.responsible,
                    tuple(p.name for p in a.responsible_people.all()),
                )
                + (a.agency_id, a.timescale, a.timescale_is_month, a.current_rag)
                + (
                    a.current_narrative,
                    a.last_update_date,
                    a.version,
                    a.is_withdrawn,
                    tuple(updates),
                )
            )
        themes = tuple(t.slug for t in rec.themes.all())
        recs.append(
            (rec.kind, rec.number, rec.standard_reference, rec.regulation_reference, rec.text)
            + (themes, rec.version, rec.is_withdrawn, tuple(actions))
        )
    return recs


def _audit_of(review):
    """The audit records of a review's plan, without ids, titles or times."""
    recs = Recommendation.objects.filter(review=review).values_list("pk", flat=True)
    acts = Action.objects.filter(recommendation__review=review).values_list("pk", flat=True)
    events = AuditEvent.objects.filter(
        Q(object_type="reviews.recommendation", object_id__in=[str(pk) for pk in recs])
        | Q(object_type="reviews.action", object_id__in=[str(pk) for pk in acts])
    )
    return sorted((e.action, e.object_type, json.dumps(e.changes, sort_keys=True)) for e in events)


def test_parity_an_imported_plan_equals_the_same_plan_typed_into_the_forms(
    client, upload, review, board, alice
):
    """The import writes through the forms' services: every field a user sees, and the
    audit trail, are the same as typing the plan in."""
    from tests.factories import MembershipFactory

    neglect = ThemeFactory(name="Neglect", slug="neglect")
    alex = PersonFactory(name="Alex Jones")
    MembershipFactory(person=alex, board=board)
    rows = [
        [*REQ_HEADER, "Themes"],
        [
            1,
            5,
            "Regulation 16(2)",
            "Obtain health information",
            "Amend the guidance",
            "Alex Jones\nPlacement Team Manager",
            "December 2008",
            "At risk (12 January 2009): still in draft",
            "Neglect",
        ],
        ["", "", "", "", "Advertise locally", "Placement Team Manager", "01/12/2008", "", ""],
        [],
        ["RECOMMENDATIONS"],
        REC_HEADER,
        [1, "NMS 5", "Write permanence reports consistently", "Issue guidance", "", "", ""],
    ]
    _confirm(client, review, upload(_xlsx(rows)), day=None)

    typed = ReviewFactory(board=board, title="Typed in")
    req = recommendation_create(
        review=typed,
        by=alice,
        number=1,
        kind="statutory_requirement",
        text="Obtain health information",
        standard_reference="NMS 5",
        regulation_reference="Regulation 16(2)",
        themes=[neglect],
    )
    amend = action_create(
        recommendation=req,
        by=alice,
        what="Amend the guidance",
        responsible="Alex Jones\nPlacement Team Manager",
        responsible_people=[alex],
        timescale=dt.date(2008, 12, 31),
        timescale_is_month=True,
    )
    action_record_progress(
        action=amend, by=alice, date=dt.date(2009, 1, 12), rag="at_risk", narrative="still in draft"
    )
    action_create(
        recommendation=req,
        by=alice,
        what="Advertise locally",
        responsible="Placement Team Manager",
        timescale=dt.date(2008, 12, 1),
    )
    rec = recommendation_create(
        review=typed,
        by=alice,
        number=1,
        kind="recommendation",
        text="Write permanence reports consistently",
        standard_reference="NMS 5",
    )
    action_create(recommendation=rec, by=alice, what="Issue guidance")

    assert _plan_as_the_user_sees_it(review) == _plan_as_the_user_sees_it(typed)
    assert _audit_of(review) == _audit_of(typed)
    assert AuditEvent.objects.filter(
        action="review.plan_imported", object_id=str(review.pk)
    ).exists()
