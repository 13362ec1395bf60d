"""Number formatting for the dataset: no trailing zeros, signed changes, file sizes."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.template.defaultfilters import filesizeformat

register = template.Library()


@register.filter
def figure(value: Decimal | int | None, empty: str = "–") -> str:
    """861.00 reads 861 and 119.50 reads 119.5; no figure reads as a dash."""
    if value is None or value == "":
        return empty
    d = Decimal(value)
    if d == d.to_integral_value():
        return f"{int(d):,}"
    return f"{d.normalize():,f}"


@register.filter
def change(value: Decimal | None) -> str:
    if value is None:
        return "–"
    if value == 0:
        return "no change"
    sign = "+" if value > 0 else "−"
    return f"{sign}{figure(abs(value))}"


@register.filter
def pct(value: int | None) -> str:
    return "–" if value is None else f"{value}%"


@register.filter
def size(value: int | None) -> str:
    return "–" if value is None else filesizeformat(value)


@register.filter
def lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


@register.filter
def get_row(rows: dict, code: str):
    return rows.get(code)
