"""SVG charts drawn on the server: the same markup goes to the browser and into the PDF.

Charts carry a <title> and <desc> and pages show the numbers beside them in a table, so
no one depends on seeing the colours.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from lscb.vocab import RAG, RAG_COLOURS, RAG_ORDER

# The chart's typeface, set once on the <svg> and inherited by its text. Pages use the
# site's; the PDF passes the report's own (PRINT_FONT), so a report embeds one family and
# its charts match its text whatever fonts the server has.
WEB_FONT = "arial, helvetica, sans-serif"
PRINT_FONT = "DejaVu Sans, Arial, sans-serif"


def rag_bar_chart(
    rows: Sequence[tuple[str, Mapping[str, int]]],
    *,
    title: str,
    chart_id: str = "rag-chart",
    font: str = WEB_FONT,
) -> SafeString:
    """Stacked horizontal bars: one row per label, one segment per RAG status."""
    label_w, bar_w, row_h, gap, top = 220, 440, 26, 10, 10
    legend_h = 30
    height = top + len(rows) * (row_h + gap) + legend_h + 10
    width = label_w + bar_w + 60
    biggest = max((sum(c.values()) for _, c in rows), default=0) or 1
    parts: list[str] = []
    desc_bits: list[str] = []
    for i, (label, counts) in enumerate(rows):
        y = top + i * (row_h + gap)
        parts.append(
            f'<text x="{label_w - 8}" y="{y + row_h * 0.68:.1f}" text-anchor="end" '
            f'font-size="13" fill="#0b0c0c">{escape(_clip(label, 32))}</text>'
        )
        x = float(label_w)
        bits = []
        for rag in RAG_ORDER:
            n = counts.get(rag, 0)
            if not n:
                continue
            w = bar_w * n / biggest
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{row_h}" '
                f'fill="{RAG_COLOURS[rag]}"><title>{escape(label)}: {n} {RAG(rag).label.lower()}'
                f"</title></rect>"
            )
            if w >= 18:
                parts.append(
                    f'<text x="{x + w / 2:.1f}" y="{y + row_h * 0.68:.1f}" text-anchor="middle" '
                    f'font-size="12" font-weight="bold" fill="#ffffff">{n}</text>'
                )
            x += w
            bits.append(f"{n} {RAG(rag).label.lower()}")
        total = sum(counts.values())
        parts.append(
            f'<text x="{x + 6:.1f}" y="{y + row_h * 0.68:.1f}" font-size="12" '
            f'fill="#505a5f">{total}</text>'
        )
        desc_bits.append(f"{label}: {', '.join(bits) or 'nothing'}")
    parts.append(_legend(top + len(rows) * (row_h + gap) + 5, label_w))
    desc = "; ".join(desc_bits)
    return _svg(chart_id, title, desc, width, height, parts, font)


def grouped_bar_chart(
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[int | None]]],
    *,
    title: str,
    chart_id: str = "bar-chart",
    colours: Sequence[str] = ("#1d70b8", "#5a2d82", "#00703c", "#d4351c", "#8a4a00", "#505a5f"),
    font: str = WEB_FONT,
) -> SafeString:
    """Vertical bars: one group per series label, one bar per category inside each group.

    Used for protection plans by category over the last four quarters: series are quarters,
    categories are the plan categories.
    """
    left, top, plot_h, group_gap, bar_w = 40, 10, 180, 24, 16
    groups = len(series)
    group_w = bar_w * len(categories) + group_gap
    # Wide enough for three legend columns as well as the bars.
    width = max(left + groups * group_w + 20, left + 3 * 190)
    legend_rows = (len(categories) + 2) // 3
    height = top + plot_h + 40 + legend_rows * 22
    biggest = max((v or 0 for _, values in series for v in values), default=0) or 1
    parts = [
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 10}" y2="{top + plot_h}" '
        f'stroke="#0b0c0c" stroke-width="1"/>'
    ]
    desc_bits = []
    for g, (label, values) in enumerate(series):
        gx = left + g * group_w + group_gap / 2
        for c, value in enumerate(values):
            v = value or 0
            h = plot_h * v / biggest
            x = gx + c * bar_w
            parts.append(
                f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w - 2}" '
                f'height="{h:.1f}" fill="{colours[c % len(colours)]}"><title>'
                f"{escape(label)}, {escape(categories[c])}: {v}</title></rect>"
            )
        parts.append(
            f'<text x="{gx + bar_w * len(categories) / 2:.1f}" y="{top + plot_h + 16}" '
            f'text-anchor="middle" font-size="12" fill="#0b0c0c">{escape(label)}</text>'
        )
        pairs = ", ".join(
            f"{categories[c]} {v if v is not None else 'no figure'}" for c, v in enumerate(values)
        )
        desc_bits.append(f"{label}: {pairs}")
    ly = top + plot_h + 32
    for c, cat in enumerate(categories):
        lx = left + (c % 3) * 190
        row_y = ly + (c // 3) * 22
        parts.append(
            f'<rect x="{lx}" y="{row_y}" width="12" height="12" '
            f'fill="{colours[c % len(colours)]}"/>'
            f'<text x="{lx + 18}" y="{row_y + 11}" font-size="12" fill="#0b0c0c">'
            f"{escape(_clip(cat, 26))}</text>"
        )
    return _svg(chart_id, title, "; ".join(desc_bits), width, height, parts, font)


def _legend(y: float, x0: int) -> str:
    items = []
    x = x0
    for rag in RAG_ORDER:
        label = RAG(rag).label
        items.append(
            f'<rect x="{x}" y="{y}" width="12" height="12" fill="{RAG_COLOURS[rag]}"/>'
            f'<text x="{x + 17}" y="{y + 11}" font-size="12" fill="#0b0c0c">{label}</text>'
        )
        x += 17 + len(label) * 7 + 14
    return "".join(items)


def _svg(
    chart_id: str, title: str, desc: str, width: float, height: float, parts, font: str
) -> SafeString:
    cid = escape(chart_id)
    return mark_safe(  # noqa: S308  # nosec B308 B703 - every piece of text above is escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" role="img" '
        f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'font-family="{escape(font)}" aria-labelledby="{cid}-title {cid}-desc">'
        f'<title id="{cid}-title">{escape(title)}</title>'
        f'<desc id="{cid}-desc">{escape(desc)}</desc>' + "".join(parts) + "</svg>"
    )


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
