"""Template helpers for reviews pages; the markup is reviews.tables'."""

from django import template

from reviews import tables
from reviews.clocks import Clock

register = template.Library()


@register.simple_tag
def clock_tag(clock: Clock):
    """A statutory clock's state as a coloured tag. A tag, not an include: an include costs
    several times as much to render."""
    return tables.clock_tag(clock)


@register.simple_tag
def action_rows(board, rec, label: str, can_edit: bool):
    """A recommendation's actions as table rows (reviews.tables.action_rows)."""
    return tables.action_rows(board, rec, label, can_edit)
