"""Freshness scenarios for section 11 audits' services (see freshness_scenarios.py)."""

from __future__ import annotations

import datetime as dt

from reviews.models import ReviewKind, S11Return
from reviews.services import s11
from tests.factories import AgencyFactory
from tests.reviews.factories import ReviewFactory


def _round(w):
    review = ReviewFactory(
        board=w.board, kind=ReviewKind.SECTION_11, title="Audit", start_date=dt.date(2008, 10, 1)
    )
    standard = s11.standard_add(board=w.board, by=w.officer, code="1", title="Leadership")
    return review, standard


def _issued(w):
    review, standard = _round(w)
    s11_return, link = s11.s11_return_issue(
        review=review,
        agency=AgencyFactory(name="Cleveland Police"),
        lead_name="DCI Nia",
        lead_email="nia@police.example",
        by=w.officer,
    )
    return review, standard, s11_return, link


def _standard_add(w):
    review, _ = _round(w)
    return (
        w.url("reviews:s11_grid", review.pk),
        lambda: s11.standard_add(board=w.board, by=w.officer, code="2", title="Safer hiring"),
        "Safer hiring",
    )


def _standard_update(w):
    review, standard = _round(w)
    return (
        w.url("reviews:s11_grid", review.pk),
        lambda: s11.standard_update(standard=standard, by=w.officer, title="Leading by Nia"),
        "Leading by Nia",
    )


def _return_issue(w):
    review, _ = _round(w)
    agency = AgencyFactory(name="Nia Health Trust")
    return (
        w.url("reviews:s11_grid", review.pk),
        lambda: s11.s11_return_issue(
            review=review, agency=agency, lead_name="Nia", lead_email="n@t.example", by=w.officer
        ),
        "Nia Health Trust",
    )


def _link_revoke(w):
    review, _, s11_return, link = _issued(w)
    return (
        w.url("reviews:s11_return", s11_return.pk),
        lambda: s11.s11_link_revoke(link=link, by=w.officer),
        "No link opens this return now.",
    )


def _return_save(w):
    review, standard, s11_return, link = _issued(w)
    answer = s11.Answer(rating="amber", evidence="Seen by Nia", own_actions="Train")
    return (
        w.url("reviews:s11_grid", review.pk),
        lambda: s11.s11_return_save(link=link, answers={standard.pk: answer}, submit=True),
        "Amber: partly met",
    )


def _challenge_raise(w):
    review, standard, s11_return, _ = _issued(w)
    S11Return.objects.filter(pk=s11_return.pk).update(status="submitted")
    return (
        w.url("reviews:detail", review.pk),
        lambda: s11.s11_challenge_raise(
            s11_return=s11_return, standard=standard, by=w.officer, what="Challenge set by Nia"
        ),
        "Challenge set by Nia",
    )


SCENARIOS = {
    "reviews.services.s11.standard_add": _standard_add,
    "reviews.services.s11.standard_update": _standard_update,
    "reviews.services.s11.s11_return_issue": _return_issue,
    "reviews.services.s11.s11_link_revoke": _link_revoke,
    "reviews.services.s11.s11_return_save": _return_save,
    "reviews.services.s11.s11_challenge_raise": _challenge_raise,
}
