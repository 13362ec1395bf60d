"""Demo reviews for the Hartlepool board, read from reviews/demo.yaml.

The data file says what the reviews are; this module only feeds it through the review services,
then dates what they wrote to the day each thing happened. What happens after the plan is
written (progress, the chair's sign-off, closing the review) is replayed in date order. Safe to
run twice: a review that exists by title is left as it is.
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from boards.models import Agency, Theme
from lscb import demo_files
from reviews.demo_decisions import load_decisions
from reviews.models import ReturnStatus, Review, ReviewKind, S11Rating, S11Return, Standard
from reviews.services.action_plan import action_add, recommendation_add
from reviews.services.progress import action_record_progress
from reviews.services.review_records import finding_add, review_close, review_create
from reviews.services.s11 import standard_add
from reviews.services.sign_off import review_sign_off


def _evidence(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/plain")


def load(context: dict) -> None:
    board = context["board"]
    officer = context["users"]["officer"]
    chair = context["users"]["chair"]
    themes = {t.slug: t for t in Theme.objects.all()}
    existing = set(Review.objects.filter(board=board).values_list("title", flat=True))
    data = demo_files.read("reviews", context["today"])
    for item in data["reviews"]:
        if item["title"] not in existing:
            _build(board, officer, chair, themes, item, context["today"])
    _section_11(board, officer, data["section_11"], existing)
    load_decisions(board, officer, data["meeting_decisions"])
    context["reviews"] = {r.title: r for r in Review.objects.filter(board=board)}


def _build(board, officer, chair, themes: dict, item: dict, today) -> None:
    fields = dict(item)
    findings = fields.pop("findings", [])
    recommendations = fields.pop("recommendations", [])
    signed_off = fields.pop("signed_off", None)
    closed = fields.pop("closed", None)
    # The findings and the plan are written up when the report arrives.
    reported = fields.get("report_date") or fields.get("published_date") or fields["start_date"]
    reported = min(reported, today)
    since = demo_files.audit_mark()
    review = review_create(board=board, by=officer, **fields)
    demo_files.backdate(fields["start_date"], since=since, rows=(review,))
    since = demo_files.audit_mark()
    for finding in findings:
        finding_add(
            review=review,
            by=officer,
            **{**finding, "themes": [themes[s] for s in finding.get("themes", [])]},
        )
    events = []  # (day, order written, what to do): replayed in date order
    for rec in recommendations:
        rec = dict(rec)
        actions = rec.pop("actions", [])
        recommendation = recommendation_add(
            review=review,
            by=officer,
            **{**rec, "themes": [themes[s] for s in rec.get("themes", [])]},
        )
        for spec in actions:
            spec = dict(spec)
            progress = spec.pop("progress", None) or []
            action = action_add(recommendation=recommendation, by=officer, **spec)
            for entry in [progress] if isinstance(progress, dict) else progress:
                happen = _progress(action, officer, entry, today)
                events.append((entry["date"], len(events), happen))
    demo_files.backdate(reported, since=since)
    if signed_off:
        events.append((signed_off, len(events), _sign_off(review, chair, signed_off)))
    if closed:
        events.append((closed, len(events), _close(review, officer, closed)))
    for _day, _order, happen in sorted(events, key=lambda e: e[:2]):
        happen()


def _progress(action, officer, entry: dict, today):
    def happen() -> None:
        progress = dict(entry)
        since = demo_files.audit_mark()
        evidence = progress.pop("evidence", None)
        recorded = action_record_progress(
            action=action,
            by=officer,
            evidence=_evidence(evidence, progress["narrative"]) if evidence else None,
            today=today,
            **progress,
        )
        demo_files.backdate(progress["date"], since=since, rows=(recorded,))

    return happen


def _sign_off(review, chair, day):
    def happen() -> None:
        since = demo_files.audit_mark()
        review_sign_off(review=review, by=chair)
        when = demo_files.recorded_at(day)
        Review.objects.filter(pk=review.pk).update(signed_off_at=when)
        demo_files.backdate(when, since=since)

    return happen


def _close(review, officer, day):
    def happen() -> None:
        since = demo_files.audit_mark()
        review_close(review=review, by=officer, on=day)
        demo_files.backdate(day, since=since)

    return happen


_LETTERS = {"g": "green", "a": "amber", "r": "red"}


def _section_11(board, officer, data: dict, existing: set[str]) -> None:
    """The board's standards, then each audit round with its agencies' submitted returns.
    Returns are written as they stood when submitted: their links are long gone."""
    have = set(Standard.objects.filter(board=board).values_list("code", flat=True))
    for spec in data["standards"]:
        if spec["code"] not in have:
            since = demo_files.audit_mark()
            standard_add(board=board, by=officer, **spec)
            demo_files.backdate(data["rounds"][0]["start_date"], since=since)
    standards = list(Standard.objects.filter(board=board).order_by("position", "id"))
    agencies = {a.name: a for a in Agency.objects.all()}
    for spec in data["rounds"]:
        if spec["title"] in existing:
            continue
        since = demo_files.audit_mark()
        review = review_create(
            board=board,
            by=officer,
            kind=ReviewKind.SECTION_11,
            title=spec["title"],
            summary=spec["summary"],
            start_date=spec["start_date"],
        )
        demo_files.backdate(spec["start_date"], since=since, rows=(review,))
        for item in spec["returns"]:
            _s11_return(review, agencies[item["agency"]], standards, item)
        since = demo_files.audit_mark()
        review_close(review=review, by=officer, on=spec["closed"])
        demo_files.backdate(spec["closed"], since=since)


def _s11_return(review, agency, standards, item: dict) -> None:
    when = demo_files.recorded_at(item["submitted"])
    s11_return = S11Return.objects.create(
        review=review,
        agency=agency,
        lead_name=item["lead_name"],
        lead_email=item["lead_email"],
        status=ReturnStatus.SUBMITTED,
        saved_at=when,
        submitted_at=when,
    )
    S11Return.objects.filter(pk=s11_return.pk).update(issued_at=when)
    notes = item.get("notes", {})
    S11Rating.objects.bulk_create(
        S11Rating(
            s11_return=s11_return,
            standard=standard,
            rating=_LETTERS[letter],
            evidence=notes.get(standard.code, {}).get("evidence", item["evidence"]),
            own_actions=notes.get(standard.code, {}).get("actions", ""),
        )
        for standard, letter in zip(standards, item["ratings"], strict=True)
    )
