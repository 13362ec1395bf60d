"""Decisions recorded in a meeting's minutes, each an action tracked like any other: with
an owner, an agency and a due date, on the owner's "my updates due" and the board's open
actions, and taking progress from officers and partner links alike."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from boards.meeting_models import AgendaItem, Meeting, Minute
from boards.models import Agency, Person
from boards.services.minutes import lock_for_minutes
from lscb import audit, limits, secure_links
from reviews.models import Action
from reviews.selectors.board_actions import decision_owners
from reviews.selectors.partner_links import PURPOSE
from reviews.services.authoring import _check_not_withdrawn, _withdraw


def _check(meeting, what: str, owner: Person) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not what.strip():
        errors["what"] = "Say what was decided and what will be done."
    elif too_long := limits.length_error("The decision", what, limits.STATEMENT):
        errors["what"] = too_long
    if not decision_owners(meeting).filter(pk=owner.pk).exists():
        errors["owner"] = "Choose an owner who belongs to this board or attended the meeting."
    return errors


@transaction.atomic
def minute_action_create(
    *,
    item: AgendaItem,
    what: str,
    owner: Person,
    due: dt.date,
    by,
    agency: Agency | None = None,
) -> Action:
    """Record a decision taken under an agenda item as an action of the board, owned by
    `owner` for `agency` (theirs, when none is given) and due on `due`. The item's minute
    is started if nothing was written under it yet."""
    meeting = lock_for_minutes(item.meeting)
    if item.meeting_id != meeting.pk:
        raise ValidationError("This item is on another meeting's agenda.")
    if errors := _check(meeting, what, owner):
        raise ValidationError(errors)
    minute, _ = Minute.objects.get_or_create(item=item, defaults={"written_by": by})
    last = minute.actions.aggregate(last=Max("position"))["last"] or 0
    action = Action(
        board_id=meeting.board_id,
        minute=minute,
        what=what.strip(),
        agency=agency or owner.agency,
        timescale=due,
        position=last + 1,
    )
    action.full_clean()
    action.save()
    action.responsible_people.set([owner])
    audit.record(
        actor=by,
        action="action.decided",
        summary=f"Recorded a decision at {meeting}, item {item.number}, as an action for "
        f"{owner.name}, due {due:%-d %B %Y}",
        obj=action,
        board=meeting.board,
        changes={"what": action.what, "owner": owner.name, "due": due.isoformat()},
    )
    return action


@transaction.atomic
def minute_action_update(
    *,
    action: Action,
    what: str,
    owner: Person,
    due: dt.date,
    by,
    agency: Agency | None = None,
) -> Action:
    """Correct a decision recorded in the minutes, while they are not approved."""
    minute, meeting, action = _lock_decision(action)
    _check_not_withdrawn(action, "decision")
    if errors := _check(meeting, what, owner):
        raise ValidationError(errors)
    before = _snapshot(action)
    action.what, action.agency, action.timescale = what.strip(), agency or owner.agency, due
    action.version += 1
    action.full_clean()
    action.save(update_fields=["what", "agency", "timescale", "version"])
    action.responsible_people.set([owner])
    after = _snapshot(action)
    audit.record(
        actor=by,
        action="action.decision_changed",
        summary=f"Changed a decision recorded at {meeting}, item {minute.item.number}",
        obj=action,
        board=meeting.board,
        changes={k: [before[k], after[k]] for k in before if before[k] != after[k]},
    )
    return action


@transaction.atomic
def minute_action_withdraw(*, action: Action, by, reason: str) -> Action:
    """Withdraw a decision recorded in error (against the wrong item, or twice), while the
    minutes are not approved. Nothing is deleted: the action keeps its progress and stays
    under its minute with who withdrew it, when and why, but leaves every list of open
    actions, and the links sent to partners to update it stop working."""
    minute, meeting, action = _lock_decision(action)
    changes = _withdraw(action, reason, "decision", by)
    for link in secure_links.live_links(action, PURPOSE):
        secure_links.link_revoke(
            link=link,
            by=by,
            summary=f"The decision it was sent to update, at {meeting}, item "
            f"{minute.item.number}, was withdrawn",
        )
    audit.record(
        actor=by,
        action="action.decision_withdrawn",
        summary=f"Withdrew a decision recorded at {meeting}, item {minute.item.number}: "
        f"{action.withdrawn_reason}",
        obj=action,
        board=meeting.board,
        changes=changes,
    )
    return action


def _lock_decision(action: Action) -> tuple[Minute, Meeting, Action]:
    """The decision's minute, its meeting locked for minutes (refused once they are
    approved) and the action locked, in that order, as every write of the minutes takes
    them."""
    if action.minute_id is None:
        raise ValidationError("This action comes from a review's plan, not from minutes.")
    minute = Minute.objects.select_related("item").get(pk=action.minute_id)
    meeting = lock_for_minutes(minute.item.meeting)
    return minute, meeting, Action.objects.select_for_update().get(pk=action.pk)


def _snapshot(action: Action) -> dict[str, str]:
    owners = ", ".join(p.name for p in action.responsible_people.order_by("name"))
    return {
        "what": action.what,
        "owner": owners,
        "agency": action.agency.name if action.agency_id else "",
        "due": action.timescale.isoformat() if action.timescale else "",
    }
