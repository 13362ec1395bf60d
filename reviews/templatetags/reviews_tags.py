"""Template helpers for reviews pages; the markup is reviews.tables'."""

from django import template
from django.utils.html import format_html

from reviews import tables
from reviews.clocks import Clock
from reviews.models import SelfRating

register = template.Library()


@register.simple_tag
def clock_tag(clock: Clock):
    """A statutory clock's state as a coloured tag. A tag, not an include: an include costs
    several times as much to render."""
    return tables.clock_tag(clock)


@register.simple_tag
def action_rows(board, rec, label: str, can_edit: bool, can_author: bool = False):
    """A recommendation's actions as table rows (reviews.tables.action_rows)."""
    return tables.action_rows(board, rec, label, can_edit, can_author)


@register.simple_tag
def item_controls(board, kind: str, pk: int, first: bool, last: bool, *name_parts):
    """Change, withdraw and move for one item of an open plan (reviews.tables); the item's
    name, for screen readers, is the parts after `last` joined by spaces."""
    name = " ".join(str(part) for part in name_parts)
    return tables.item_controls(board, kind, pk, name, first=first, last=last)


@register.simple_tag
def withdrawn_note(reason: str):
    return tables.withdrawn_note(reason)


@register.simple_tag
def theme_item_rows(board, kind: str, items):
    """The rows of one table of everything on a theme (reviews.tables): `kind` is
    outcomes, recommendations or findings."""
    build = {
        "outcomes": tables.theme_outcome_rows,
        "recommendations": tables.theme_recommendation_rows,
        "findings": tables.theme_finding_rows,
    }[kind]
    return build(board, items)


_SELF_RATING_TAGS = {
    "red": "govuk-tag--red",
    "amber": "govuk-tag--orange",
    "green": "govuk-tag--green",
}
_CHANGE_MARKS = {"up": "↑", "down": "↓", "same": "="}


@register.simple_tag
def self_rating_tag(rating: str):
    """An agency's section 11 rating as a tag that always carries its words."""
    if not rating:
        return format_html('<span class="govuk-body-s">{}</span>', "Not rated")
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>',
        _SELF_RATING_TAGS[rating],
        SelfRating(rating).label,
    )


@register.simple_tag
def change_mark(change: str, words: str):
    """Up, down or the same since last year: an arrow for the eye and words for everyone."""
    if not change:
        return ""
    return format_html(
        '<span class="app-s11-change" aria-hidden="true">{}</span> <span class="govuk-body-s">{}'
        "</span>",
        _CHANGE_MARKS[change],
        words,
    )
