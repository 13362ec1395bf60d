"""`{% boardcache "name" board vary… [areas="workplans boards"] %}…{% endboardcache %}`:
a cached part of a board page.

`areas` names the areas of the board's work the part shows (lscb.freshness.AREAS); a
write elsewhere leaves it cached. Without it, any write to the board renders it again.

Inside it, a form's token is `{% fragment_csrf_token %}`: the part is cached with a
placeholder, and each viewer's own token is put in on the way out.

The board's data version and today's date are always in the key (lscb.fragments); add to
`vary` everything else the part shows differently: the viewer's access, the object, the
filters. Values the part needs should be lazy (SimpleLazyObject) so a hit runs no queries.
"""

from django import template
from django.utils.safestring import mark_safe

from lscb.fragments import CSRF_PLACEHOLDER, cached_fragment, fill_csrf, fragment_key

register = template.Library()


class BoardCacheNode(template.Node):
    def __init__(self, nodelist, name, board, vary, areas=None) -> None:
        self.nodelist = nodelist
        self.name = name
        self.board = board
        self.vary = vary
        self.areas = areas

    def render(self, context) -> str:
        vary = []
        for expression in self.vary:
            value = expression.resolve(context, ignore_failures=True)
            if value is None:
                # A missing name would quietly key every viewer alike and hand one
                # person's page to another: refuse instead.
                raise template.TemplateSyntaxError(
                    f"boardcache: {expression.token!r} is missing from the context (or None)."
                )
            vary.append(value)
        areas = str(self.areas.resolve(context)).split() if self.areas is not None else None
        key = fragment_key(
            str(self.name.resolve(context)), self.board.resolve(context), vary, areas
        )
        html = cached_fragment(key, lambda: self.nodelist.render(context))
        html = fill_csrf(html, str(context.get("csrf_token", "")))
        return mark_safe(html)  # noqa: S308 # nosec B308 B703 - rendered by our own template


@register.tag("boardcache")
def boardcache(parser, token):
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(
            f"'{bits[0]}' needs a name and a board: {{% {bits[0]} \"name\" board … %}}"
        )
    areas = None
    if bits[-1].startswith("areas="):
        areas = parser.compile_filter(bits.pop()[len("areas=") :])
    nodelist = parser.parse(("endboardcache",))
    parser.delete_first_token()
    return BoardCacheNode(
        nodelist,
        parser.compile_filter(bits[1]),
        parser.compile_filter(bits[2]),
        [parser.compile_filter(b) for b in bits[3:]],
        areas,
    )


@register.simple_tag
def fragment_csrf_token() -> str:
    """The CSRF field of a form inside `{% boardcache %}`, filled in per request."""
    return mark_safe(CSRF_PLACEHOLDER)  # noqa: S308 # nosec B308 B703 - a constant
