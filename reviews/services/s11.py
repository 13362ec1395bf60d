"""Section 11 audits: the board's standards, issuing each agency's return by secure link,
the agency lead completing it without an account, and the board's challenges.

A round is a Review of kind section_11. The lead of an agency gets a link (lscb.secure_links)
to that agency's return alone; with it they rate each standard, give evidence and their own
actions, save as often as they like while the link works, and submit once. A challenge the
board raises from the grid is a recommendation of the round with an action on the agency,
written through the same services as any other review's plan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from boards.models import Agency, Board
from lscb import audit, secure_links
from lscb.models import SecureLink
from lscb.progress import validate_evidence
from lscb.secure_links_mail import clean_address, email_link
from reviews.models import (
    Action,
    RecommendationKind,
    ReturnStatus,
    Review,
    ReviewKind,
    ReviewStatus,
    S11Rating,
    S11Return,
    SelfRating,
    Standard,
)
from reviews.selectors.s11 import PURPOSE, return_standards
from reviews.services.action_plan import action_add, recommendation_add


def standard_add(*, board: Board, by, code: str, title: str, good_looks_like: str = "") -> Standard:
    """Add a standard at the end of the board's list."""
    with transaction.atomic():
        last = Standard.objects.filter(board=board).aggregate(m=Max("position"))["m"] or 0
        standard = Standard(
            board=board,
            position=last + 1,
            code=code.strip(),
            title=title.strip(),
            good_looks_like=good_looks_like.strip(),
        )
        standard.full_clean()
        standard.save()
        audit.record(
            actor=by,
            action="s11.standard_added",
            summary=f"Added section 11 standard {standard}",
            obj=standard,
            board=board,
        )
    return standard


STANDARD_FIELDS = ("code", "title", "good_looks_like", "active")


def standard_update(*, standard: Standard, by, **fields) -> Standard:
    """Change a standard's wording, or stop asking about it in new returns (active=False);
    returns that rated it keep their rating."""
    if set(fields) - set(STANDARD_FIELDS):
        raise TypeError(f"Unknown standard fields: {sorted(set(fields) - set(STANDARD_FIELDS))}")
    with transaction.atomic():
        standard = Standard.objects.select_for_update().get(pk=standard.pk)
        before = {name: getattr(standard, name) for name in fields}
        for name, value in fields.items():
            setattr(standard, name, value.strip() if isinstance(value, str) else value)
        standard.full_clean()
        standard.save()
        changes = {
            name: [before[name], getattr(standard, name)]
            for name in fields
            if before[name] != getattr(standard, name)
        }
        audit.record(
            actor=by,
            action="s11.standard_changed",
            summary=f"Changed section 11 standard {standard}",
            obj=standard,
            board=standard.board,
            changes=changes,
        )
    return standard


def _round(review: Review) -> Review:
    if review.kind != ReviewKind.SECTION_11:
        raise ValidationError("Only a section 11 audit has agency returns.")
    if review.status == ReviewStatus.CLOSED:
        raise ValidationError("This audit round is closed: it takes no more returns.")
    return review


def s11_return_issue(
    *, review: Review, agency: Agency, lead_name: str, lead_email: str, by
) -> tuple[S11Return, SecureLink]:
    """Email the agency's lead a link to complete the agency's return in this round. A new
    link for the same return stops any earlier one, so one link at a time opens it."""
    address = clean_address(lead_email, "lead_email")
    if not lead_name.strip():
        raise ValidationError({"lead_name": "Enter the name of the agency's lead."})
    with transaction.atomic():
        review = _round(Review.objects.select_for_update().get(pk=review.pk))
        s11_return, created = S11Return.objects.select_for_update().get_or_create(
            review=review,
            agency=agency,
            defaults={"lead_name": lead_name.strip(), "lead_email": address},
        )
        if s11_return.is_submitted:
            raise ValidationError(
                {"agency": f"{agency.name} has already submitted its return for this round."}
            )
        if not created:
            s11_return.lead_name, s11_return.lead_email = lead_name.strip(), address
            s11_return.save(update_fields=["lead_name", "lead_email"])
        for old in secure_links.live_links(s11_return, PURPOSE):
            secure_links.link_revoke(
                link=old,
                by=by,
                summary=f"Stopped the link sent to {old.sent_to} for the section 11 return "
                f"of {agency.name}: a new one was issued",
            )
        link, token = secure_links.link_create(
            purpose=PURPOSE,
            obj=s11_return,
            board=review.board,
            sent_to=address,
            by=by,
            summary=f"Sent {address} a link to {agency.name}'s section 11 return in "
            f"“{review.title}”",
        )
        transaction.on_commit(lambda: _send_return_link(link, token, s11_return))
    return s11_return, link


def _send_return_link(link: SecureLink, token: str, s11_return: S11Return) -> None:
    """The email that carries a return's link; the token exists here and in the email only."""
    review = s11_return.review
    email_link(
        link,
        token,
        subject=f"{review.board.name}: {s11_return.agency.name}'s section 11 self-assessment",
        template="reviews/email/s11_link",
        context={"s11_return": s11_return, "review": review, "board": review.board},
    )


def s11_link_revoke(*, link: SecureLink, by) -> SecureLink:
    s11_return = S11Return.objects.select_related("agency").get(pk=link.object_id)
    return secure_links.link_revoke(
        link=link,
        by=by,
        summary=f"Revoked the link sent to {link.sent_to} for {s11_return.agency.name}'s "
        "section 11 return",
    )


@dataclass(frozen=True)
class Answer:
    """What the lead gave for one standard."""

    rating: str = ""
    evidence: str = ""
    own_actions: str = ""
    file: UploadedFile | None = None


def _check(standards: list[Standard], answers: dict[int, Answer], *, submit: bool) -> None:
    errors: dict[str, str] = {}
    for standard in standards:
        answer = answers.get(standard.pk, Answer())
        if answer.rating and answer.rating not in SelfRating.values:
            errors[f"rating_{standard.pk}"] = "Choose red, amber or green."
        try:
            validate_evidence(answer.file)
        except ValidationError as exc:
            errors[f"file_{standard.pk}"] = exc.message_dict["evidence"][0]
        if not submit:
            continue
        if not answer.rating:
            errors[f"rating_{standard.pk}"] = f"Rate your agency against standard {standard.code}."
        if not answer.evidence.strip():
            errors[f"evidence_{standard.pk}"] = (
                f"Give the evidence for your rating against standard {standard.code}."
            )
        if answer.rating in {SelfRating.RED, SelfRating.AMBER} and not answer.own_actions.strip():
            errors[f"own_actions_{standard.pk}"] = (
                f"Say what your agency will do to meet standard {standard.code} in full."
            )
    if errors:
        raise ValidationError(errors)


def s11_return_save(
    *, link: SecureLink, answers: dict[int, Answer], submit: bool = False
) -> S11Return:
    """The lead saves the return (to come back to while the link works) or submits it.
    Submitting needs a rating and evidence for every standard, and actions wherever the
    rating is red or amber; a submitted return is the agency's statement and is not changed."""
    with transaction.atomic():
        link = secure_links.lock_live(link, PURPOSE)
        s11_return = (
            S11Return.objects.select_for_update()
            .select_related("review__board", "agency")
            .get(pk=link.object_id)
        )
        if s11_return.is_submitted:
            raise ValidationError("This return has been submitted already: it cannot change.")
        standards = return_standards(s11_return)
        _check(standards, answers, submit=submit)
        existing = {r.standard_id: r for r in s11_return.ratings.all()}
        for standard in standards:
            answer = answers.get(standard.pk, Answer())
            rating = existing.get(standard.pk) or S11Rating(
                s11_return=s11_return, standard=standard
            )
            rating.rating = answer.rating
            rating.evidence = answer.evidence.strip()
            rating.own_actions = answer.own_actions.strip()
            if answer.file:
                rating.evidence_file = answer.file
            rating.full_clean()
            rating.save()
        now = timezone.now()
        s11_return.saved_at = now
        s11_return.status = ReturnStatus.SUBMITTED if submit else ReturnStatus.IN_PROGRESS
        if submit:
            s11_return.submitted_at = now
        s11_return.save(update_fields=["saved_at", "status", "submitted_at"])
        rated = sum(1 for s in standards if answers.get(s.pk, Answer()).rating)
        secure_links.link_used(
            link=link,
            summary=f"{s11_return.agency.name} {'submitted' if submit else 'saved'} its "
            f"section 11 return ({rated} of {len(standards)} standards rated)",
            changes={"status": s11_return.status},
        )
    return s11_return


def s11_challenge_raise(
    *,
    s11_return: S11Return,
    standard: Standard,
    by,
    what: str,
    responsible: str = "",
    timescale: dt.date | None = None,
) -> Action:
    """The board challenges an agency on one standard: a recommendation of the round naming
    both, and an action on the agency with its owner and due date, tracked like any other."""
    if standard.board_id != s11_return.review.board_id:
        raise ValidationError({"standard": "Choose one of this board's standards."})
    if not what.strip():
        raise ValidationError({"what": "Say what the agency is asked to do."})
    with transaction.atomic():
        review = s11_return.review
        last = review.recommendations.filter(kind=RecommendationKind.RECOMMENDATION).aggregate(
            m=Max("number")
        )["m"]
        recommendation = recommendation_add(
            review=review,
            by=by,
            number=(last or 0) + 1,
            kind=RecommendationKind.RECOMMENDATION,
            text=f"Challenge to {s11_return.agency.name} on standard {standard}",
            standard_reference=f"Section 11 standard {standard.code}",
        )
        return action_add(
            recommendation=recommendation,
            by=by,
            what=what.strip(),
            responsible=responsible.strip(),
            agency=s11_return.agency,
            timescale=timescale,
        )
