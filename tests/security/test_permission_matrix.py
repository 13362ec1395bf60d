"""Every URL of the project, requested as every kind of visitor, against one table.

The table below is the decision of who may do what. A URL name that is not in it fails the
build, so a new view cannot ship without someone deciding (and the test proving) its check.
Each request runs in a savepoint that is rolled back, so a chair signing off or approving
does not change what the next visitor sees.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security.conftest import YEAR

ROLES = ("anonymous", "outsider", "member", "portfolio", "officer", "chair", "admin")
LOGIN = "login"  # a 302 to the sign-in page, carrying where to come back to


def statuses(*, member, portfolio, officer, chair, anonymous=LOGIN, outsider=404, admin=404):
    """What each visitor gets. Outsiders, and admins who are not members, get 404 for a
    board's pages: the board does not exist for them (admins work in the Django admin)."""
    return {
        "anonymous": anonymous,
        "outsider": outsider,
        "member": member,
        "portfolio": portfolio,
        "officer": officer,
        "chair": chair,
        "admin": admin,
    }


def everyone(status, *, anonymous=None):
    return {role: status for role in ROLES} | ({"anonymous": anonymous} if anonymous else {})


# Reading the board: every member.
READ = statuses(member=200, portfolio=200, officer=200, chair=200)
# Officer work (progress, figures, imports, edits): officers and chairs.
EDIT = statuses(member=403, portfolio=403, officer=200, chair=200)
# Chair decisions (approve a workplan, sign off or reopen an action plan).
APPROVE = statuses(member=403, portfolio=403, officer=403, chair=200)
# A POST-only view asked for with GET (or a GET-only one with POST): refused before
# anything is loaded.
WRONG_METHOD = everyone(405, anonymous=LOGIN)
# A later step of a form in steps, asked for before the first: back to the first step.
EDIT_STEP = statuses(member=403, portfolio=403, officer=302, chair=302)
# A move names its direction (up or down); an empty POST names none and is a bad request.
MOVE = statuses(member=403, portfolio=403, officer=400, chair=400)

# URL name -> (object whose id goes in the URL, {method: expected status per role}).
# POST is sent with an empty body to every view that writes.
TABLE: dict[str, tuple[str | None, dict[str, dict[str, object]]]] = {
    # Everyone here but the admin sits on exactly one board, and goes straight to it.
    "home": (
        None,
        {
            "GET": statuses(
                member=302, portfolio=302, officer=302, chair=302, outsider=302, admin=200
            )
        },
    ),
    "health": (None, {"GET": everyone(200), "POST": everyone(405)}),
    "login": (None, {"GET": everyone(200), "POST": everyone(200)}),
    # Signing out is POST only; it ends the session and goes to the sign-in page.
    "logout": (None, {"GET": everyone(405), "POST": everyone(302, anonymous=LOGIN)}),
    # A person's own account. An empty POST shows the form again with its errors.
    "password_reset": (None, {"GET": everyone(200), "POST": everyone(200)}),
    "password_reset_done": (None, {"GET": everyone(200)}),
    "password_reset_confirm": ("reset_link", {"GET": everyone(200)}),  # "link has expired"
    "password_reset_complete": (None, {"GET": everyone(200)}),
    "profile": (
        None,
        {"GET": everyone(200, anonymous=LOGIN), "POST": everyone(200, anonymous=LOGIN)},
    ),
    "password_change": (
        None,
        {"GET": everyone(200, anonymous=LOGIN), "POST": everyone(200, anonymous=LOGIN)},
    ),
    "boards:detail": ("board", {"GET": READ}),
    "boards:subgroup": ("subgroup", {"GET": READ}),
    # Who changed what: the board's officers and chair.
    "boards:activity": ("board", {"GET": EDIT}),
    "boards:activity_csv": ("board", {"GET": EDIT}),
    # Meetings: members read them; officers of the board, and of the meeting's subgroup
    # (tests/security/test_subgroup_officer_access.py), plan and write them. An empty POST
    # shows the form again with its errors.
    "boards:meetings": ("board", {"GET": READ}),
    "boards:meeting_attendance_year": ("board", {"GET": READ}),
    "boards:meeting": ("board_meeting", {"GET": READ}),
    "boards:agenda_paper": ("agenda_paper", {"GET": READ}),
    "boards:meeting_plan": ("board", {"GET": EDIT, "POST": EDIT}),
    "boards:meeting_edit": ("board_meeting", {"GET": EDIT, "POST": EDIT}),
    "boards:agenda_item_add": ("board_meeting", {"GET": EDIT, "POST": EDIT}),
    "boards:agenda_item_edit": ("agenda_item", {"GET": EDIT, "POST": EDIT}),
    "boards:agenda_item_move": ("agenda_item", {"GET": WRONG_METHOD, "POST": MOVE}),
    "boards:agenda_paper_add": ("agenda_item", {"GET": EDIT, "POST": EDIT}),
    # The agenda is published only with a POST that passes the check; an empty one has
    # no reason, and the meeting is today, so it is shown again with the error.
    "boards:agenda_publish": ("board_meeting", {"GET": EDIT, "POST": EDIT}),
    "boards:meeting_attendance": ("board_meeting", {"GET": EDIT, "POST": EDIT}),
    "boards:declaration_add": ("board_meeting", {"GET": EDIT, "POST": EDIT}),
    # The meeting is today: a POST marks it held and returns to it.
    "boards:meeting_held": (
        "board_meeting",
        {"GET": EDIT, "POST": statuses(member=403, portfolio=403, officer=302, chair=302)},
    ),
    # Minutes are written once the meeting is held; this one is not, so both show why.
    "boards:minutes_edit": ("board_meeting", {"GET": EDIT, "POST": EDIT}),
    # The chair approves minutes and reopens them. This meeting is not held: approving it
    # is refused with the reason (400); an empty reopening shows the form's error.
    "boards:minutes_approve": (
        "board_meeting",
        {"GET": APPROVE, "POST": statuses(member=403, portfolio=403, officer=403, chair=400)},
    ),
    "boards:minutes_reopen": ("board_meeting", {"GET": APPROVE, "POST": APPROVE}),
    # Decisions recorded as actions, written from the minutes: the same officers. The
    # board's open actions, from every source: every member.
    "reviews:minute_action_add": ("agenda_item", {"GET": EDIT, "POST": EDIT}),
    "reviews:minute_action_edit": ("decision", {"GET": EDIT, "POST": EDIT}),
    # Withdrawing a decision recorded in error: the same officers. An empty reason comes
    # back beside its field (200); nothing is withdrawn.
    "reviews:minute_action_withdraw": ("decision", {"GET": EDIT, "POST": EDIT}),
    "reviews:open_actions": ("board", {"GET": READ}),
    "workplans:list": ("board", {"GET": READ}),
    "workplans:my_updates": ("board", {"GET": READ}),
    "workplans:detail": ("workplan", {"GET": READ}),
    "workplans:outcome": ("outcome", {"GET": READ}),
    "workplans:export": ("workplan", {"GET": READ}),
    "workplans:evidence": ("update", {"GET": READ, "POST": WRONG_METHOD}),
    # An empty form comes back with its errors (200); nothing is saved.
    "workplans:import": ("board", {"GET": EDIT, "POST": EDIT}),
    # An unknown preview token sends the officer back to the upload page.
    "workplans:import_confirm": (
        "board",
        {"GET": WRONG_METHOD, "POST": statuses(member=403, portfolio=403, officer=302, chair=302)},
    ),
    # The chair sees what they approve (GET), then approves (POST) and returns to the plan.
    "workplans:approve": (
        "workplan",
        {"GET": APPROVE, "POST": statuses(member=403, portfolio=403, officer=403, chair=302)},
    ),
    # Starting a year's plan: board-wide officers and chairs. An empty POST shows the first
    # question with its errors; the later steps send anyone who has not answered it back.
    "workplans:start": ("board", {"GET": EDIT, "POST": EDIT}),
    "workplans:start_carry": ("board", {"GET": EDIT_STEP, "POST": EDIT_STEP}),
    "workplans:start_check": ("board", {"GET": EDIT_STEP, "POST": EDIT_STEP}),
    # Adding, moving and retiring outcomes: officers and chairs (officers of a subgroup,
    # for their subgroup's outcomes: tests/security/test_subgroup_officer_access.py). An
    # empty POST shows the form again with its errors.
    "workplans:outcome_add": ("workplan", {"GET": EDIT, "POST": EDIT}),
    "workplans:outcome_move": ("outcome", {"GET": WRONG_METHOD, "POST": MOVE}),
    "workplans:outcome_retire": ("outcome", {"GET": EDIT, "POST": EDIT}),
    # Named leads may record too; none of the fixture's members is one.
    "workplans:record_progress": ("outcome", {"GET": EDIT, "POST": EDIT}),
    "workplans:outcome_edit": ("outcome", {"GET": EDIT, "POST": EDIT}),
    # Sending leads links to record an outcome's progress (an empty POST shows the form
    # with its errors) and revoking them (POST only, back to the outcome's links).
    "workplans:outcome_links": ("outcome", {"GET": EDIT, "POST": EDIT}),
    "workplans:outcome_link_revoke": (
        "outcome_link",
        {
            "GET": WRONG_METHOD,
            "POST": statuses(member=403, portfolio=403, officer=302, chair=302),
        },
    ),
    "reviews:list": ("board", {"GET": READ}),
    "reviews:themes": ("board", {"GET": READ}),
    "reviews:theme_items": ("theme", {"GET": READ}),
    "reviews:detail": ("review", {"GET": READ}),
    "reviews:history": ("review", {"GET": READ}),
    "reviews:export": ("review", {"GET": READ}),
    "reviews:evidence": ("action_progress", {"GET": READ}),
    "reviews:create": ("board", {"GET": EDIT, "POST": EDIT}),
    "reviews:edit": ("review", {"GET": EDIT, "POST": EDIT}),
    "reviews:import": ("review", {"GET": EDIT, "POST": EDIT}),
    "reviews:import_confirm": (
        "review",
        {"GET": WRONG_METHOD, "POST": statuses(member=403, portfolio=403, officer=302, chair=302)},
    ),
    "reviews:record_progress": ("action", {"GET": EDIT, "POST": EDIT}),
    # Sending partner links (an empty POST shows the form with its errors) and revoking
    # them (POST only, back to the action's links): officers and chairs.
    "reviews:action_links": ("action", {"GET": EDIT, "POST": EDIT}),
    "reviews:links": ("board", {"GET": EDIT, "POST": WRONG_METHOD}),
    "reviews:link_revoke": (
        "secure_link",
        {
            "GET": WRONG_METHOD,
            "POST": statuses(member=403, portfolio=403, officer=302, chair=302),
        },
    ),
    # A partner contact who stopped the weekly email, sent it again (POST only, back to
    # the board's links): officers and chairs of a board whose links went to them.
    "reviews:opt_out_clear": (
        "opt_out",
        {
            "GET": WRONG_METHOD,
            "POST": statuses(member=403, portfolio=403, officer=302, chair=302),
        },
    ),
    # The link in a partner's weekly email that stops it: a bad token is "not found" for
    # everyone, signed in or not, and so is a POST with it, a mail program's one-click
    # included (tests/security/test_digest_stop_links.py uses good ones).
    "digest_stop:stop": ("link_token", {"GET": everyone(404), "POST": everyone(404)}),
    # A secure link's token: a bad one is "not found" for everyone, signed in or not. The
    # page a link lands on is "not found" to every browser that has not opened its token,
    # members and officers included (tests/lscb/test_secure_links.py opens one).
    "secure_link": ("link_token", {"GET": everyone(404), "POST": everyone(405)}),
    "partner:action_update": ("link_landing", {"GET": everyone(404), "POST": everyone(404)}),
    "training_link:follow_up": ("link_landing", {"GET": everyone(404), "POST": everyone(404)}),
    "training_link:confirm": ("link_landing", {"GET": everyone(404), "POST": everyone(404)}),
    "partner:s11_return": ("s11_landing", {"GET": everyone(404), "POST": everyone(404)}),
    "outcome_link:update": ("outcome_landing", {"GET": everyone(404), "POST": everyone(404)}),
    # Section 11 audits: members read the grid, the returns and their documents; officers
    # send returns' links (an empty POST shows the form with its errors), raise challenges
    # and revoke links (POST only, back to the return).
    "reviews:s11_grid": ("s11_round", {"GET": READ, "POST": WRONG_METHOD}),
    "reviews:s11_standards": ("board", {"GET": EDIT, "POST": EDIT}),
    "reviews:s11_standard_edit": ("s11_standard", {"GET": EDIT, "POST": EDIT}),
    "reviews:s11_issue": ("s11_round", {"GET": EDIT, "POST": EDIT}),
    "reviews:s11_return": ("s11_return", {"GET": READ, "POST": WRONG_METHOD}),
    "reviews:s11_challenge": ("s11_return", {"GET": EDIT, "POST": EDIT}),
    "reviews:s11_file": ("s11_rating", {"GET": READ}),
    "reviews:s11_link_revoke": (
        "s11_link",
        {
            "GET": WRONG_METHOD,
            "POST": statuses(member=403, portfolio=403, officer=302, chair=302),
        },
    ),
    # Authoring a review's findings, recommendations and actions: officers and chairs. An
    # empty POST shows the form again with its errors.
    "reviews:finding_add": ("review", {"GET": EDIT, "POST": EDIT}),
    "reviews:finding_edit": ("finding", {"GET": EDIT, "POST": EDIT}),
    "reviews:finding_move": ("finding", {"GET": WRONG_METHOD, "POST": MOVE}),
    "reviews:finding_withdraw": ("finding", {"GET": EDIT, "POST": EDIT}),
    "reviews:recommendation_add": ("review", {"GET": EDIT, "POST": EDIT}),
    "reviews:recommendation_edit": ("recommendation", {"GET": EDIT, "POST": EDIT}),
    "reviews:recommendation_move": ("recommendation", {"GET": WRONG_METHOD, "POST": MOVE}),
    "reviews:recommendation_withdraw": ("recommendation", {"GET": EDIT, "POST": EDIT}),
    "reviews:action_add": ("recommendation", {"GET": EDIT, "POST": EDIT}),
    "reviews:action_edit": ("action", {"GET": EDIT, "POST": EDIT}),
    "reviews:action_move": ("action", {"GET": WRONG_METHOD, "POST": MOVE}),
    "reviews:action_withdraw": ("action", {"GET": EDIT, "POST": EDIT}),
    # The chair's POST signs the plan off and returns to the review.
    "reviews:sign_off": (
        "review",
        {"GET": APPROVE, "POST": statuses(member=403, portfolio=403, officer=403, chair=302)},
    ),
    "reviews:reopen": ("review", {"GET": APPROVE, "POST": APPROVE}),
    "reporting:list": ("board", {"GET": READ}),
    "reporting:download": ("report", {"GET": READ}),
    "reporting:meeting": ("meeting", {"GET": READ}),
    "reporting:meeting_pdf": ("meeting", {"GET": READ}),
    # Agenda packs of a board meeting: every member downloads them; the meeting's officers
    # ask for one (the POST queues it and returns to the meeting).
    "reporting:pack_download": ("meeting_pack", {"GET": READ}),
    "reporting:pack_request": (
        "meeting_pack",
        {"GET": WRONG_METHOD, "POST": statuses(member=403, portfolio=403, officer=302, chair=302)},
    ),
    "reporting:request": (
        "board",
        {"GET": WRONG_METHOD, "POST": statuses(member=403, portfolio=403, officer=302, chair=302)},
    ),
    "reporting:figures_import": ("board", {"GET": EDIT, "POST": EDIT}),
    # Measuring an outcome by an indicator: those who may change the outcome. An empty POST
    # shows the form again with its errors.
    "reporting:outcome_indicator": ("outcome", {"GET": EDIT, "POST": EDIT}),
    # An empty POST is treated as an unsent form: shown again, nothing removed.
    "reporting:figures": ("quarter", {"GET": EDIT, "POST": EDIT}),
    "reporting:narrative": ("quarter", {"GET": EDIT, "POST": EDIT}),
    "reporting:preview": ("quarter", {"GET": EDIT}),
    # Exports in national codes: everyone who may download reports.
    "reporting:exports": ("board", {"GET": READ}),
    "reporting:dataset_csv": ("quarter", {"GET": READ}),
    "reporting:dataset_xlsx": ("quarter", {"GET": READ}),
    "reporting:review_records_csv": ("quarter", {"GET": READ}),
    "reporting:review_records_xlsx": ("quarter", {"GET": READ}),
    # Training: every member reads; officers and chairs (and officers of the subgroup that
    # leads training: tests/security/test_subgroup_officer_access.py) book, cancel, record
    # attendance and evaluations. An empty POST shows the form again with its errors.
    "training:home": ("board", {"GET": READ}),
    "training:needs": ("board", {"GET": READ}),
    "training:courses": ("board", {"GET": READ}),
    "training:sessions": ("board", {"GET": READ}),
    "training:session": ("training_session", {"GET": READ}),
    # The programme itself: rows of the needs analysis, courses and sessions. Removing a
    # need is confirmed by a POST, which removes it and returns to the list.
    "training:need_add": ("board", {"GET": EDIT, "POST": EDIT}),
    "training:need_edit": ("training_need", {"GET": EDIT, "POST": EDIT}),
    "training:need_delete": ("training_need", {"GET": EDIT, "POST": EDIT_STEP}),
    "training:course_add": ("board", {"GET": EDIT, "POST": EDIT}),
    "training:course_edit": ("course", {"GET": EDIT, "POST": EDIT}),
    "training:session_add": ("board", {"GET": EDIT, "POST": EDIT}),
    "training:session_edit": ("training_session", {"GET": EDIT, "POST": EDIT}),
    "training:book": ("training_session", {"GET": EDIT, "POST": EDIT}),
    "training:attendance": ("training_session", {"GET": EDIT, "POST": EDIT}),
    # Sending a session's follow-up links now: POST only, back to the session.
    "training:send_follow_ups": (
        "training_session",
        {"GET": WRONG_METHOD, "POST": statuses(member=403, portfolio=403, officer=302, chair=302)},
    ),
    # The attended booking cannot be cancelled: the check page says so (200).
    "training:cancel": ("booking", {"GET": EDIT, "POST": EDIT}),
    "training:evaluate": ("booking", {"GET": EDIT, "POST": EDIT}),
    "training:follow_up": ("booking", {"GET": EDIT, "POST": EDIT}),
    # Withdrawing an attendee's follow-up link: POST only, back to the session.
    "training:withdraw_follow_up_link": (
        "booking",
        {"GET": WRONG_METHOD, "POST": statuses(member=403, portfolio=403, officer=302, chair=302)},
    ),
    # The yearly report: members read it, its preview and its PDF; officers write and
    # publish it. An empty POST shows the form again with its errors; publishing the test
    # board's report refuses (its sections are missing) and shows why.
    "reporting:yearly": ("year", {"GET": READ}),
    "reporting:yearly_preview": ("year", {"GET": READ}),
    "reporting:yearly_published": ("year", {"GET": READ}),
    "reporting:yearly_pdf": ("year", {"GET": READ}),
    "reporting:yearly_section": ("year_section", {"GET": EDIT, "POST": EDIT}),
    "reporting:yearly_summary": ("year", {"GET": EDIT, "POST": EDIT}),
    "reporting:yearly_funding": ("year", {"GET": EDIT, "POST": EDIT}),
    "reporting:yearly_funding_delete": (
        "contribution",
        {"GET": WRONG_METHOD, "POST": statuses(member=403, portfolio=403, officer=302, chair=302)},
    ),
    "reporting:yearly_publish": ("year", {"GET": EDIT, "POST": EDIT}),
    # A person's own choice of digest: no object in the URL, so nothing of anyone else's.
    # An empty POST shows the form again with its error.
    "reminders:preferences": (
        None,
        {"GET": everyone(200, anonymous=LOGIN), "POST": everyone(200, anonymous=LOGIN)},
    ),
    # What children and families said: members read; officers and chairs record and change.
    "voice:list": ("board", {"GET": READ}),
    "voice:add": ("board", {"GET": EDIT, "POST": EDIT}),
    "voice:edit": ("voice_record", {"GET": EDIT, "POST": EDIT}),
    # Public pages: anyone reads what is published, signed in or not, and nothing writes.
    # The board's review is an inspection, never published here: 404 for everyone.
    "public:board": ("public_board", {"GET": everyone(200), "POST": everyone(405)}),
    "public:feed": ("public_board", {"GET": everyone(200)}),
    "public:yearly": ("public_year", {"GET": everyone(200), "POST": everyone(405)}),
    "public:summary": ("public_year", {"GET": everyone(200)}),
    "public:yearly_pdf": ("public_year", {"GET": everyone(200)}),
    "public:review": ("review", {"GET": everyone(404)}),
    # The test board's paper is a subgroup meeting's: never public.
    "public:paper": ("agenda_paper", {"GET": everyone(404)}),
    # Likewise its agenda packs (and the one it has is the members').
    "public:pack": ("public_pack", {"GET": everyone(404), "POST": everyone(405)}),
    "public:minutes": ("public_pack", {"GET": everyone(404), "POST": everyone(405)}),
}


def project_url_names() -> list[tuple[str, URLPattern]]:
    """(namespaced name, pattern) for every URL of the project but the Django admin's."""
    found: list[tuple[str, URLPattern]] = []

    def walk(patterns, namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace == "admin":
                    continue
                inner = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, inner)
            elif str(p.pattern).lstrip("^").startswith(("static", "media")):
                continue
            else:
                assert p.name, f"URL pattern {p.pattern} has no name, so it cannot be checked"
                found.append((namespace + p.name, p))

    walk(get_resolver().url_patterns, "")
    return found


def test_every_url_of_the_project_has_a_decided_row_in_the_table():
    names = {name for name, _ in project_url_names()}
    missing = sorted(names - TABLE.keys())
    stale = sorted(TABLE.keys() - names)
    assert not missing, f"Add these URLs to the permission table with their checks: {missing}"
    assert not stale, f"These rows name URLs that no longer exist: {stale}"


def _url(name: str, target: str | None, board, data) -> str:
    b = board.slug
    args = {
        None: [],
        "board": [b],
        "quarter": [b, data.quarter],
        "theme": [b, data.theme.slug],
        "reset_link": ["MQ", "not-a-token"],
        "year": [b, YEAR],
        "public_board": [b],
        "public_year": [b, YEAR],
        "year_section": [b, YEAR, "voice"],
        "contribution": [b, YEAR, data.contribution.pk],
        "link_token": ["not-a-token-of-any-link-0123456789abcdefghij"],
        "link_landing": [data.secure_link.pk],
        "meeting_pack": [b, data.meeting_pack.meeting_id, data.meeting_pack.kind],
        "public_pack": [b, data.meeting_pack.meeting_id],
        "s11_landing": [data.s11_link.pk],
        "outcome_landing": [data.outcome_link.pk],
    }.get(target)
    if args is None:
        args = [b, getattr(data, target).pk]
    url = reverse(name, args=args)
    if name == "reviews:theme_items":
        url += "?state=open&source=findings"
    return url


@pytest.fixture
def visitors(bob, pat, alice, carol, charlie, admin_user):
    return {
        "anonymous": None,
        "outsider": charlie,
        "member": bob,
        "portfolio": pat,
        "officer": alice,
        "chair": carol,
        "admin": admin_user,
    }


def _request(user, method: str, url: str, data: dict | None = None):
    """One request as `user`, inside a savepoint rolled back afterwards; a POST sends
    `data`, empty unless given."""
    with transaction.atomic():
        client = Client()
        if user is not None:
            client.force_login(user)
        response = client.get(url) if method == "GET" else client.post(url, data or {})
        if hasattr(response, "streaming_content"):
            # Reading it to the end closes it the way a server would.
            b"".join(response.streaming_content)
        transaction.set_rollback(True)
    return response


def test_every_url_answers_each_visitor_as_the_table_says(board, board_data, visitors, settings):
    # Bad tokens asked for by every visitor from one address would soon be refused as
    # guessing (429); tests/lscb/test_secure_links.py and
    # tests/security/test_digest_stop_links.py test that.
    settings.SECURE_LINK_FAILURES_PER_ADDRESS = 1000
    login_path = reverse("login")
    wrong: list[str] = []
    checked = 0
    for name, _ in project_url_names():
        target, by_method = TABLE[name]
        url = _url(name, target, board, board_data)
        for method, expected_by_role in by_method.items():
            for role in ROLES:
                expected = expected_by_role[role]
                response = _request(visitors[role], method, url)
                checked += 1
                if expected == LOGIN:
                    location = urlparse(response.get("Location", ""))
                    ok = response.status_code == 302 and location.path == login_path
                    if ok and name != "logout":
                        ok = f"next={url.split('?')[0]}" in f"{location.query}".replace("%2F", "/")
                else:
                    ok = response.status_code == expected
                if not ok:
                    wrong.append(
                        f"{method} {name} as {role}: expected {expected}, "
                        f"got {response.status_code} {response.get('Location', '')}"
                    )
    assert not wrong, "\n".join(wrong)
    # Every row of the table was asked for, each method by each visitor.
    assert checked == sum(len(m) * len(ROLES) for _, m in TABLE.values())


@pytest.mark.parametrize("who", ["anonymous", "member", "officer", "chair"])
def test_the_admin_site_sends_anyone_who_is_not_staff_to_its_sign_in(visitors, board, who):
    response = _request(visitors[who], "GET", reverse("admin:index"))
    assert response.status_code == 302
    assert urlparse(response["Location"]).path == reverse("admin:login")


def test_the_admin_site_opens_for_staff(visitors):
    assert _request(visitors["admin"], "GET", reverse("admin:index")).status_code == 200


def test_downloads_of_another_boards_objects_are_404_even_with_a_valid_id(
    client, board, board_data, charlie, other_board
):
    """Ids of this board's objects under the outsider's own board slug find nothing."""
    client.force_login(charlie)
    for name, target in [
        ("workplans:evidence", "update"),
        ("reviews:evidence", "action_progress"),
        ("reporting:download", "report"),
        ("workplans:export", "workplan"),
        ("reviews:export", "review"),
        ("boards:agenda_paper", "agenda_paper"),
        ("boards:meeting", "board_meeting"),
    ]:
        url = reverse(name, args=[other_board.slug, getattr(board_data, target).pk])
        assert client.get(url).status_code == 404, name
    for kind in ("members", "public"):
        url = reverse(
            "reporting:pack_download", args=[other_board.slug, board_data.board_meeting.pk, kind]
        )
        assert client.get(url).status_code == 404, kind
