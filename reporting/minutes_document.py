"""A meeting's minutes as a tagged PDF: who attended, the interests declared, and what each
agenda item discussed and decided, with the actions that came of it.

The public minutes name an item taken in private only by its paragraph of Schedule 12A and
leave out its discussion, its decisions and the interests declared in it; the members'
minutes hold everything.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone

from boards.meeting_models import AgendaItem, Meeting, MeetingStatus
from reporting import pdf as pdf_renderer
from reporting.pack_models import PackKind, minute_text, minutes_digest
from reporting.packs import RenderedPack, paragraph_text
from reviews.models import Action


def _items(meeting: Meeting) -> list[AgendaItem]:
    # A decision withdrawn as recorded in error is no decision of the meeting; the meeting
    # page keeps it, with the reason.
    actions = (
        Action.objects.filter(withdrawn_at__isnull=True)
        .select_related("agency")
        .prefetch_related("responsible_people")
    )
    return list(
        meeting.items.order_by("number", "pk")
        .select_related("minute")
        .prefetch_related(Prefetch("minute__actions", queryset=actions.order_by("position", "pk")))
    )


def minutes_html(meeting: Meeting, kind: PackKind, items: list[AgendaItem]) -> str:
    hidden = {item.pk for item in items if item.is_exempt and not kind.includes_exempt}
    rows = []
    for item in items:
        minute = item.minute if _has_minute(item) else None
        rows.append(
            {
                "item": item,
                "private": item.pk in hidden,
                "paragraph": paragraph_text(item) if item.is_exempt else "",
                "discussion": minute_text(item),
                "actions": list(minute.actions.all()) if minute is not None else [],
            }
        )
    attendance = list(meeting.attendance.select_related("person", "substitute_for"))
    declarations = [
        d
        for d in meeting.declarations.select_related("person", "item").order_by("person__name")
        if d.item_id not in hidden
    ]
    return render_to_string(
        "reporting/minutes_document.html",
        {
            "meeting": meeting,
            "board": meeting.board,
            "kind": kind,
            "title": f"{meeting.body_name}, {meeting.date:%-d %B %Y}: {kind.label.lower()}",
            "approved": meeting.status == MeetingStatus.MINUTES_APPROVED,
            "rows": rows,
            "present": [a for a in attendance if a.attended],
            "apologies": [a for a in attendance if a.kind == "apologies"],
            "absent": [a for a in attendance if a.kind == "absent"],
            "declarations": declarations,
            "prepared": timezone.localtime(),
        },
    )


def _has_minute(item: AgendaItem) -> bool:
    try:
        item.minute  # noqa: B018 - selected with the item: no query
    except AgendaItem.minute.RelatedObjectDoesNotExist:
        return False
    return True


def render_minutes(meeting: Meeting, kind: PackKind) -> RenderedPack:
    items = _items(meeting)
    rendered = pdf_renderer.render_pdf(minutes_html(meeting, kind, items))
    return RenderedPack(
        data=rendered.data,
        page_count=rendered.page_count,
        agenda_digest=minutes_digest(meeting, items, includes_exempt=kind.includes_exempt),
    )
