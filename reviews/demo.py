"""Demo reviews for the Hartlepool board, read from reviews/demo.yaml.

The data file says what the reviews are; this module only feeds it through the review services,
then dates what they wrote to the day each thing happened. Safe to run twice: a review that
exists by title is left as it is.
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from boards.models import Theme
from lscb import demo_files
from reviews.models import Review
from reviews.services.action_plan import action_add, recommendation_add
from reviews.services.progress import action_record_progress
from reviews.services.review_records import finding_add, review_create
from reviews.services.sign_off import review_sign_off


def _evidence(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/plain")


def load(context: dict) -> None:
    board = context["board"]
    officer = context["users"]["officer"]
    chair = context["users"]["chair"]
    themes = {t.slug: t for t in Theme.objects.all()}
    existing = set(Review.objects.filter(board=board).values_list("title", flat=True))
    for item in demo_files.read("reviews", context["today"])["reviews"]:
        if item["title"] not in existing:
            _build(board, officer, chair, themes, item, context["today"])
    context["reviews"] = {r.title: r for r in Review.objects.filter(board=board)}


def _build(board, officer, chair, themes: dict, item: dict, today) -> None:
    fields = dict(item)
    findings = fields.pop("findings", [])
    recommendations = fields.pop("recommendations", [])
    signed_off = fields.pop("signed_off", None)
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
    progress_made = []
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
            progress = spec.pop("progress", None)
            action = action_add(recommendation=recommendation, by=officer, **spec)
            if progress:
                progress_made.append((action, dict(progress)))
    demo_files.backdate(reported, since=since)
    for action, progress in progress_made:
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
    if signed_off:
        since = demo_files.audit_mark()
        review_sign_off(review=review, by=chair)
        when = demo_files.recorded_at(signed_off)
        Review.objects.filter(pk=review.pk).update(signed_off_at=when)
        demo_files.backdate(when, since=since)
