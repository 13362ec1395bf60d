"""Template helpers shared by every app: RAG tags, statutory clock tags and row links."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from lscb import links
from lscb.vocab import IMPACT_TAG_CLASS, RAG, Impact

register = template.Library()


# Where a render's links are made for, asked once per render (see lscb.links.where).
_LINKS_AT = "lscb.links.where"


@register.simple_tag(takes_context=True)
def link(context, viewname: str, *args: object) -> str:
    """{% url %} for the links in long tables: the same URL, built in a few microseconds
    (lscb.links). Takes positional arguments only; `{% link ... as name %}` works too."""
    at = context.render_context.get(_LINKS_AT)
    if at is None:
        at = context.render_context[_LINKS_AT] = links.where()
    return links.link(viewname, *args, at=at)


@register.simple_tag
def impact_tag(impact: str | None):
    """The impact rating as a tag in the delivery colours, with its words."""
    if not impact:
        return mark_safe(  # noqa: S308  # nosec B308 B703 - a constant string
            '<strong class="govuk-tag app-rag app-rag--none">Impact not rated</strong>'
        )
    return format_html(
        '<strong class="govuk-tag app-rag app-rag--{}">{}</strong>',
        IMPACT_TAG_CLASS[impact],
        Impact(impact).label,
    )


@register.simple_tag
def rag_tag(rag: str | None):
    """A coloured tag that always carries its text, so colour is never the only signal."""
    if not rag:
        return mark_safe(  # noqa: S308  # nosec B308 B703 - a constant string
            '<strong class="govuk-tag app-rag app-rag--none">No update</strong>'
        )
    return format_html(
        '<strong class="govuk-tag app-rag app-rag--{}">{}</strong>', rag, RAG(rag).label
    )
