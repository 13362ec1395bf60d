"""Officers writing a review's findings, recommendations and actions in the browser: add,
edit, move up or down, and withdraw.

Each write takes the review's row lock, refuses while the action plan is signed off, and
leaves one audit record naming the item (before and after for edits). Nothing is deleted:
a withdrawn item keeps its number and shows why it went. Edits carry the version the form
was opened at, so a form opened before someone else's save is refused, not applied over it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from boards.models import Theme
from lscb import audit, limits
from reviews.models import (
    Action,
    Finding,
    FindingKind,
    Recommendation,
    RecommendationKind,
    Review,
    Withdrawable,
)
from reviews.services.sign_off import ensure_plan_open, lock_review

Direction = Literal["up", "down"]


class StaleEdit(ValidationError):
    """The item changed after the form was opened; `stored` is what is saved now."""

    def __init__(self, stored: dict[str, str]) -> None:
        super().__init__(
            "Someone else changed this item after you opened the form. Their version is "
            "shown beside each field they changed; check yours against it and save again."
        )
        self.stored = stored


# ---- shared steps ------------------------------------------------------------------------


def _open_plan(review: Review) -> Review:
    """Lock the review and refuse if its plan is signed off; returns the locked review."""
    locked = lock_review(review)
    ensure_plan_open(locked)
    return locked


def _relock(item: Withdrawable) -> Withdrawable:
    return type(item).objects.select_for_update().get(pk=item.pk)


def _check_fresh(item: Withdrawable, expected_version: int, new: dict[str, str]) -> None:
    if item.version != expected_version:
        stored = _snapshot(item)
        raise StaleEdit({k: v for k, v in stored.items() if new.get(k) != v})


def _check_not_withdrawn(item: Withdrawable, what: str) -> None:
    if item.is_withdrawn:
        raise ValidationError(f"This {what} was withdrawn, so it cannot change.")


def _snapshot(item: Withdrawable) -> dict[str, str]:
    """The item's editable fields as text, for the audit record's before and after."""
    fields = _EDITABLE[type(item)]
    out = {}
    for name in fields:
        value = getattr(item, name)
        if isinstance(value, models.Model):
            value = str(value)
        elif value is None:
            value = ""
        out[name] = str(value)
    if item.pk:
        for name, label in _LINKED[type(item)]:
            out[name] = ", ".join(sorted(str(o) for o in getattr(item, label).all()))
    return out


_EDITABLE: dict[type, tuple[str, ...]] = {
    Finding: ("area", "kind", "judgement", "summary"),
    Recommendation: ("number", "kind", "standard_reference", "regulation_reference", "text"),
    Action: ("what", "responsible", "agency", "timescale", "timescale_is_month"),
}
_LINKED: dict[type, tuple[tuple[str, str], ...]] = {
    Finding: (("themes", "themes"),),
    Recommendation: (("themes", "themes"),),
    Action: (("responsible_people", "responsible_people"),),
}


def _changes(before: dict[str, str], after: dict[str, str]) -> dict[str, list[str]]:
    return {k: [before.get(k, ""), v] for k, v in after.items() if before.get(k, "") != v}


def _save_edit(item: Withdrawable, fields: dict, linked: dict[str, Iterable]) -> None:
    for name, value in fields.items():
        setattr(item, name, value)
    item.version += 1
    item.full_clean()
    item.save()
    for name, values in linked.items():
        getattr(item, name).set(values)


def _withdraw(item: Withdrawable, reason: str, what: str, by) -> dict[str, str]:
    """Mark `item` withdrawn by `by` now, with the reason; the audit record's changes."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": f"Say why the {what} is being withdrawn."})
    if too_long := limits.length_error("The reason", reason, limits.STATEMENT):
        raise ValidationError({"reason": too_long})
    _check_not_withdrawn(item, what)
    item.withdrawn_at = timezone.now()
    item.withdrawn_by = by
    item.withdrawn_reason = reason
    item.version += 1
    item.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason", "version"])
    return {"withdrawn": ["", reason]}


def _swap_positions(item, siblings: Sequence, direction: Direction) -> tuple[int, int]:
    """Move `item` one place among `siblings` (in their shown order), numbering them 1..n;
    returns its number before and after."""
    ordered = list(siblings)
    index = next(i for i, s in enumerate(ordered) if s.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(ordered):
        raise ValidationError(f"This item is already {'first' if direction == 'up' else 'last'}.")
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, sibling in enumerate(ordered, start=1):
        sibling.position = position
    type(item).objects.bulk_update(ordered, ["position"])
    # The caller's copy too, so what it says next ("Moved finding 1 up") uses the new place.
    item.position = other + 1
    return index + 1, other + 1


# ---- findings ------------------------------------------------------------------------------


def _check_finding(kind: str, judgement: str) -> None:
    if kind == FindingKind.JUDGEMENT and not judgement:
        raise ValidationError({"judgement": "Choose the judgement the inspectors gave."})


def finding_create(
    *,
    review: Review,
    by,
    area: str,
    kind: str,
    judgement: str = "",
    summary: str = "",
    themes: Iterable[Theme] = (),
) -> Finding:
    """Add a finding to the end of a review's findings."""
    _check_finding(kind, judgement)
    with transaction.atomic():
        review = _open_plan(review)
        finding = Finding(
            review=review,
            area=area.strip(),
            kind=kind,
            judgement=judgement,
            summary=summary.strip(),
            position=review.findings.count() + 1,
        )
        finding.full_clean()
        finding.save()
        finding.themes.set(themes)
        audit.record(
            actor=by,
            action="finding.added",
            summary=f"Added finding “{finding}” to “{review.title}”",
            obj=finding,
            board=review.board,
            changes=_changes({}, _snapshot(finding)),
        )
    return finding


def finding_update(
    *,
    finding: Finding,
    by,
    expected_version: int,
    area: str,
    kind: str,
    judgement: str,
    summary: str,
    themes: Iterable[Theme],
) -> Finding:
    """Change a finding, refusing if it changed since `expected_version`."""
    _check_finding(kind, judgement)
    themes = list(themes)
    fields = {"area": area.strip(), "kind": kind, "judgement": judgement}
    fields["summary"] = summary.strip()
    with transaction.atomic():
        review = _open_plan(finding.review)
        finding = _relock(finding)
        _check_not_withdrawn(finding, "finding")
        before = _snapshot(finding)
        new = {k: str(v) for k, v in fields.items()}
        new["themes"] = ", ".join(sorted(str(t) for t in themes))
        _check_fresh(finding, expected_version, new)
        _save_edit(finding, fields, {"themes": themes})
        audit.record(
            actor=by,
            action="finding.changed",
            summary=f"Changed finding “{finding}” of “{review.title}”",
            obj=finding,
            board=review.board,
            changes=_changes(before, _snapshot(finding)),
        )
    return finding


def finding_withdraw(*, finding: Finding, by, reason: str) -> Finding:
    """Withdraw a finding: it keeps its number, shows the reason and leaves the counts."""
    with transaction.atomic():
        review = _open_plan(finding.review)
        finding = _relock(finding)
        changes = _withdraw(finding, reason, "finding", by)
        audit.record(
            actor=by,
            action="finding.withdrawn",
            summary=f"Withdrew finding “{finding}” of “{review.title}”: {finding.withdrawn_reason}",
            obj=finding,
            board=review.board,
            changes=changes,
        )
    return finding


def finding_move(*, finding: Finding, by, direction: Direction) -> Finding:
    """Move a finding one place up or down the review's findings."""
    with transaction.atomic():
        review = _open_plan(finding.review)
        siblings = review.findings.select_for_update().order_by("position", "id")
        old, new = _swap_positions(finding, siblings, direction)
        audit.record(
            actor=by,
            action="finding.moved",
            summary=f"Moved finding “{finding}” of “{review.title}” {direction}",
            obj=finding,
            board=review.board,
            changes={"position": [str(old), str(new)]},
        )
    return finding


# ---- recommendations -----------------------------------------------------------------------


def _check_number_free(review: Review, kind: str, number: int, pk: int | None = None) -> None:
    taken = Recommendation.objects.filter(review=review, kind=kind, number=number)
    if pk is not None:
        taken = taken.exclude(pk=pk)
    if taken.exists():
        label = RecommendationKind(kind).label.lower()
        raise ValidationError(
            {"number": f"This review already has a {label} numbered {number}: choose another."}
        )


def recommendation_create(
    *,
    review: Review,
    by,
    number: int,
    kind: str,
    text: str,
    standard_reference: str = "",
    regulation_reference: str = "",
    themes: Iterable[Theme] = (),
) -> Recommendation:
    """Add a numbered statutory requirement or recommendation to a review's action plan."""
    with transaction.atomic():
        review = _open_plan(review)
        _check_number_free(review, kind, number)
        rec = Recommendation(
            review=review,
            number=number,
            kind=kind,
            text=text.strip(),
            standard_reference=standard_reference.strip(),
            regulation_reference=regulation_reference.strip(),
        )
        rec.full_clean()
        rec.save()
        rec.themes.set(themes)
        audit.record(
            actor=by,
            action="recommendation.added",
            summary=f"Added {rec} to “{review.title}”",
            obj=rec,
            board=review.board,
            changes=_changes({}, _snapshot(rec)),
        )
    return rec


def recommendation_update(
    *,
    recommendation: Recommendation,
    by,
    expected_version: int,
    number: int,
    kind: str,
    text: str,
    standard_reference: str,
    regulation_reference: str,
    themes: Iterable[Theme],
) -> Recommendation:
    """Change a recommendation, refusing if it changed since `expected_version`."""
    themes = list(themes)
    fields = {
        "number": number,
        "kind": kind,
        "text": text.strip(),
        "standard_reference": standard_reference.strip(),
        "regulation_reference": regulation_reference.strip(),
    }
    with transaction.atomic():
        review = _open_plan(recommendation.review)
        rec = _relock(recommendation)
        _check_not_withdrawn(rec, "recommendation")
        before = _snapshot(rec)
        new = {k: str(v) for k, v in fields.items()}
        new["themes"] = ", ".join(sorted(str(t) for t in themes))
        _check_fresh(rec, expected_version, new)
        _check_number_free(review, kind, number, rec.pk)
        _save_edit(rec, fields, {"themes": themes})
        audit.record(
            actor=by,
            action="recommendation.changed",
            summary=f"Changed {rec} of “{review.title}”",
            obj=rec,
            board=review.board,
            changes=_changes(before, _snapshot(rec)),
        )
    return rec


def recommendation_withdraw(*, recommendation: Recommendation, by, reason: str) -> Recommendation:
    """Withdraw a recommendation and, with it, its actions from every count."""
    with transaction.atomic():
        review = _open_plan(recommendation.review)
        rec = _relock(recommendation)
        changes = _withdraw(rec, reason, "recommendation", by)
        audit.record(
            actor=by,
            action="recommendation.withdrawn",
            summary=f"Withdrew {rec} of “{review.title}”: {rec.withdrawn_reason}",
            obj=rec,
            board=review.board,
            changes=changes,
        )
    return rec


def recommendation_move(
    *, recommendation: Recommendation, by, direction: Direction
) -> Recommendation:
    """Move a recommendation one place up or down among those of its kind. Its number is
    its place in the inspectorate's letter, so it swaps numbers with its neighbour."""
    with transaction.atomic():
        review = _open_plan(recommendation.review)
        siblings = list(
            review.recommendations.select_for_update()
            .filter(kind=recommendation.kind)
            .order_by("number")
        )
        index = next(i for i, s in enumerate(siblings) if s.pk == recommendation.pk)
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(siblings):
            where = "first" if direction == "up" else "last"
            raise ValidationError(f"This recommendation is already {where}.")
        mine, theirs = siblings[index], siblings[other]
        old, new = mine.number, theirs.number
        # One number is free while they swap: the constraint checks every row at once.
        spare = max(s.number for s in siblings) + 1
        Recommendation.objects.filter(pk=mine.pk).update(number=spare)
        Recommendation.objects.filter(pk=theirs.pk).update(number=old)
        Recommendation.objects.filter(pk=mine.pk).update(number=new)
        mine.number = new
        audit.record(
            actor=by,
            action="recommendation.moved",
            summary=f"Moved {mine} of “{review.title}” {direction} (was number {old})",
            obj=mine,
            board=review.board,
            changes={"number": [str(old), str(new)]},
        )
    return mine
