"""URLs for the links in long tables, without a full reverse() for every row.

reverse() matches every argument against its pattern and asks for the URLconf and script
prefix each time: tens of microseconds a link, and a table of reviews or outcomes has a few
hundred. `link()` reverses a view once per process (per URLconf and script prefix) with
marker arguments, keeps the text between them, and joins a row's own arguments into it: a
few microseconds. An argument the cached pieces cannot be trusted with (anything but digits
where the pattern takes an int, anything but slug characters elsewhere) goes through
reverse() itself, so the result is always the URL reverse() would give.
"""

from __future__ import annotations

import functools
import re

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

# Digits, so that int, slug and str converters all accept them; distinct per position.
_MARKERS = tuple(f"91370{i}07319" for i in range(10))
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")


@functools.lru_cache(maxsize=512)
def _pieces(
    viewname: str, arity: int, urlconf: str, prefix: str
) -> tuple[tuple[str, ...], tuple[bool, ...]] | None:
    """The URL's text around its arguments, and which arguments must be digits; None when
    the view's URL cannot be cut up reliably (then every call reverses in full)."""
    if arity > len(_MARKERS):
        return None
    markers = list(_MARKERS[:arity])
    try:
        url = reverse(viewname, urlconf=urlconf, args=markers)
    except NoReverseMatch:
        return None
    pieces = []
    rest = url
    for marker in markers:
        before, found, rest = rest.partition(marker)
        if not found or any(m in before for m in markers):
            return None
        pieces.append(before)
    pieces.append(rest)
    if any(m in rest for m in markers):
        return None
    digits_only = []
    for position in range(arity):
        probe = [*markers[:position], "x", *markers[position + 1 :]]
        try:
            probed = reverse(viewname, urlconf=urlconf, args=probe)
        except NoReverseMatch:
            digits_only.append(True)
            continue
        # The same pattern took the letter: the pieces hold for slug text in this place.
        if probed != _join(pieces, probe):
            return None
        digits_only.append(False)
    return tuple(pieces), tuple(digits_only)


def _join(pieces: list[str] | tuple[str, ...], args: list[str]) -> str:
    out = [pieces[0]]
    for arg, piece in zip(args, pieces[1:], strict=True):
        out.append(arg)
        out.append(piece)
    return "".join(out)


def where() -> tuple[str, str]:
    """The URLconf and script prefix links are made for now. A template asks once per
    render ({% link %}): each costs a lookup in request-local state."""
    return get_urlconf() or settings.ROOT_URLCONF, get_script_prefix()


def link(viewname: str, *args: object, at: tuple[str, str] | None = None) -> str:
    """reverse(viewname, args=args), fast for int and slug arguments. `at` is where(), when
    the caller already has it."""
    urlconf, prefix = at or where()
    cut = _pieces(viewname, len(args), urlconf, prefix)
    if cut is not None:
        pieces, digits_only = cut
        texts = [str(a) for a in args]
        if all(
            (t.isdigit() and t.isascii()) if digits else _SLUG.fullmatch(t) is not None
            for t, digits in zip(texts, digits_only, strict=True)
        ) and not any(isinstance(a, bool) for a in args):
            return _join(pieces, texts)
    return reverse(viewname, urlconf=urlconf, args=list(args))
