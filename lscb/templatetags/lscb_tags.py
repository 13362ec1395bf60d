"""Template helpers shared by every app: RAG tags and statutory clock tags."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from lscb.vocab import RAG

register = template.Library()


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
