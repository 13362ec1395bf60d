"""The longest tables on the reviews pages, their rows as HTML built in Python, as
workplans.tables builds the workplan's.

Through the template engine every {{ }} resolves, localises and escapes its value (about
35 function calls), every {% link %} or included clock tag 70 to 130: a review list row cost
about 700 calls (50 rows a page, more than the rest of the page's first render), an action
row of a review about 700, a row of the themes table, with its ten counts, labels and
links, about 1,800. Built here they cost about 100, 140 and 110. The markup is the
templates', character for character (tests/reviews/test_tables.py holds the templates and
compares); the tables around the rows stay in the templates.

Text is escaped with the standard library's html.escape, which is what Django's escape()
calls, without its lazy-string and safe-string wrapping (every value here is plain text).
Numbers print as plain digits, as en-GB prints them while USE_THOUSAND_SEPARATOR is off.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from boards.models import Board
from lscb.fragments import CSRF_PLACEHOLDER
from lscb.links import link
from lscb.templatetags.lscb_tags import impact_tag, rag_tag
from reviews.clocks import Clock, day_month_year
from reviews.models import Finding, Recommendation
from reviews.selectors.review_list import ReviewRow
from reviews.selectors.themes import ThemeRow


def clock_tag(clock: Clock) -> SafeString:
    """A statutory clock's state as a coloured tag that always carries its text."""
    return mark_safe(  # noqa: S308  # nosec B308 B703 - its two texts are escaped
        f'<strong class="govuk-tag app-clock app-clock--{escape(clock.css_state)}">'
        f"{escape(clock.state_label)}</strong>"
    )


def review_list_rows(board: Board, rows: Iterable[ReviewRow]) -> SafeString:
    """One <tr> per review of the list page."""
    html = []
    for row in rows:
        url = escape(link("reviews:detail", board.slug, row.pk))
        reference = (
            f'<br><span class="govuk-body-s">{escape(row.subject_reference)}</span>'
            if row.subject_reference
            else ""
        )
        signed_off = (
            '<br><strong class="govuk-tag govuk-tag--green">Plan signed off</strong>'
            if row.is_signed_off
            else ""
        )
        overdue = (
            f'<strong class="govuk-tag app-clock--overdue">{row.overdue_action_count}</strong>'
            if row.overdue_action_count
            else "0"
        )
        clocks = (
            "".join(
                f'<span class="app-clock-line">{clock_tag(c)} {escape(c.label)}, '
                f"due {escape(c.due_label)}</span>"
                for c in row.clocks
            )
            or "None"
        )
        html.append(
            f"""
    <tr class="govuk-table__row">
      <th scope="row" class="govuk-table__header"><a class="govuk-link" href="{url}">{escape(row.title)}</a>{reference}<br><span class="govuk-body-s">Started {escape(row.started_label)}</span></th>
      <td class="govuk-table__cell">{escape(row.kind_label)}</td>
      <td class="govuk-table__cell">{escape(row.status_label)}{signed_off}</td>
      <td class="govuk-table__cell govuk-table__cell--numeric">{row.recommendation_count}</td>
      <td class="govuk-table__cell govuk-table__cell--numeric">{row.open_action_count}</td>
      <td class="govuk-table__cell govuk-table__cell--numeric">{overdue}</td>
      <td class="govuk-table__cell">{clocks}</td>
    </tr>
  """  # noqa: E501
        )
    # Every piece of text above is escaped; the rest is this module's own markup.
    return mark_safe("".join(html))  # noqa: S308  # nosec B308 B703


def theme_rows(board: Board, rows: Iterable[ThemeRow]) -> SafeString:
    """One <tr> per theme of the themes page: who raised it, then open and overdue items
    per source, every number a link to the items behind it."""
    html = []
    for row in rows:
        name = escape(row.theme.name)
        url = escape(link("reviews:theme_items", board.slug, row.theme.slug))
        hotspot = " app-themes-table__hotspot" if row.is_hotspot else ""
        tag = ""
        if row.is_hotspot:
            tag = ' <strong class="govuk-tag govuk-tag--orange">Hotspot</strong>'
        reviews = "review" if row.raised_by == 1 else "reviews"
        cells = []
        for source, label, cell in row.ordered:
            items = f"{url}?source={escape(source)}&amp;state="
            what = f"{escape(label)} on {name}"
            if cell.overdue is None:
                overdue = (
                    '<span aria-hidden="true">–</span>'
                    '<span class="govuk-visually-hidden">Not applicable</span>'
                )
            else:
                overdue = (
                    f'<a class="govuk-link" href="{items}overdue" '
                    f'aria-label="{cell.overdue} overdue: {what}">{cell.overdue}</a>'
                )
            cells.append(
                f"""
      <td class="govuk-table__cell govuk-table__cell--numeric"><a class="govuk-link" href="{items}open" aria-label="{cell.open} open: {what}">{cell.open}</a></td>
      <td class="govuk-table__cell govuk-table__cell--numeric">{overdue}</td>
      """  # noqa: E501
            )
        html.append(
            f"""
    <tr class="govuk-table__row{hotspot}">
      <th scope="row" class="govuk-table__header"><a class="govuk-link" href="{url}">{name}</a>{tag}</th>
      <td class="govuk-table__cell govuk-table__cell--numeric"><a class="govuk-link" href="{url}?state=repeated">{row.raised_by}<span class="govuk-visually-hidden"> {reviews} raised {name}</span></a></td>
      {"".join(cells)}
    </tr>
  """  # noqa: E501
        )
    # Every piece of text above is escaped; the rest is this module's own markup.
    return mark_safe("".join(html))  # noqa: S308  # nosec B308 B703


def item_controls(
    board: Board, kind: str, pk: int, name: str, *, first: bool, last: bool
) -> SafeString:
    """Change, withdraw and move links for one finding, recommendation or action (`kind`)
    of a plan that is still open. Moving is a form post: it works without a script."""
    hidden = f'<span class="govuk-visually-hidden"> {escape(name)}</span>'
    change = escape(link(f"reviews:{kind}_edit", board.slug, pk))
    withdraw = escape(link(f"reviews:{kind}_withdraw", board.slug, pk))
    move = escape(link(f"reviews:{kind}_move", board.slug, pk))
    buttons = "".join(
        f'<button type="submit" name="direction" value="{d}" class="govuk-button '
        f'govuk-button--secondary app-move-button" data-module="govuk-button">Move {d}{hidden}'
        "</button>"
        for d, end in (("up", first), ("down", last))
        if not end
    )
    form = (
        f'<form method="post" action="{move}" class="app-item-controls__move">'
        f"{CSRF_PLACEHOLDER}{buttons}</form>"
        if buttons
        else ""
    )
    return mark_safe(  # noqa: S308  # nosec B308 B703 - every text is escaped
        f'<div class="app-item-controls"><a class="govuk-link govuk-body-s" href="{change}">'
        f'Change{hidden}</a> <a class="govuk-link govuk-body-s" href="{withdraw}">'
        f"Withdraw{hidden}</a>{form}</div>"
    )


def withdrawn_note(reason: str) -> SafeString:
    """A withdrawn item's tag and the reason given, in place of its status."""
    return mark_safe(  # noqa: S308  # nosec B308 B703 - the reason is escaped
        '<strong class="govuk-tag govuk-tag--grey">Withdrawn</strong>'
        f'<p class="govuk-body-s app-pre-line">{escape(reason)}</p>'
    )


def action_rows(
    board: Board, rec: Recommendation, label: str, can_edit: bool, can_author: bool = False
) -> SafeString:
    """One <tr> per action of a recommendation on the review page (`label`: the kind of
    recommendation, as its section heads it), from selectors.review_page. `can_author`:
    the viewer may change the plan, which is open; withdrawn actions show why instead."""
    rec_name = f"{escape(label.lower())} {rec.number}"
    html = []
    count = len(rec.action_list)
    for counter, a in enumerate(rec.action_list, start=1):
        names = "".join(f"{escape(name)}<br>" for name in a.responsible_names)
        agency = f'<span class="govuk-body-s">{escape(a.agency.name)}</span>' if a.agency else ""
        overdue = ""
        if a.overdue:
            overdue = '<br><strong class="govuk-tag app-clock--overdue">Overdue</strong>'
        updated = (
            f' <span class="govuk-body-s">{day_month_year(a.last_update_date)}</span>'
            if a.last_update_date
            else ""
        )
        narrative = (
            f'<p class="govuk-body-s app-pre-line">{escape(a.current_narrative)}</p>'
            if a.current_narrative
            else ""
        )
        record = ""
        if not a.counts:
            reason = a.withdrawn_reason if a.is_withdrawn else "Withdrawn with its recommendation."
            status = withdrawn_note(reason)
        else:
            impact = f" {impact_tag(a.current_impact)}" if a.current_impact else ""
            status = f"""{rag_tag(a.current_rag)}{impact}{updated}
          {narrative}"""
        if can_author and a.counts:
            name = f"action {counter} of {label.lower()} {rec.number}"
            record = item_controls(
                board, "action", a.pk, name, first=counter == 1, last=counter == count
            )
        if can_edit and a.counts:
            url = escape(link("reviews:record_progress", board.slug, a.pk))
            record = (
                f'<a class="govuk-link govuk-body-s" href="{url}">Record progress'
                f'<span class="govuk-visually-hidden"> on action {counter} of {rec_name}</span></a>'
                f"{record}"
            )
        html.append(
            f"""
      <tr class="govuk-table__row" id="action-{a.pk}">
        <td class="govuk-table__cell app-pre-line"><span class="app-item-number">{a.shown_number}.</span> {escape(a.what)}</td>
        <td class="govuk-table__cell">{names}{agency}</td>
        <td class="govuk-table__cell">{escape(a.timescale_label or "Not set")}{overdue}</td>
        <td class="govuk-table__cell">{status}
          {record}</td>
      </tr>
    """  # noqa: E501
        )
    if not html:
        html.append(
            """
      <tr class="govuk-table__row"><td class="govuk-table__cell" colspan="4">No actions yet.</td></tr>
    """  # noqa: E501
        )
    # Every piece of text above is escaped; rag_tag's output is already safe HTML.
    return mark_safe("".join(html))  # noqa: S308  # nosec B308 B703


def truncated(text: str, length: int) -> str:
    """The text as the template filter `truncatechars:length` gives it. The filter walks
    every character of a text however short; most texts here are shorter than the cut."""
    if len(text) <= length and unicodedata.is_normalized("NFC", text):
        return text
    return Truncator(text).chars(length)


@cache
def _rag(rag: str | None) -> str:
    """rag_tag's markup, kept: the lists of a theme show a tag for every outcome and action."""
    return str(rag_tag(rag))


def theme_outcome_rows(board: Board, outcomes: Iterable) -> SafeString:
    """One <tr> per workplan outcome on a theme (reviews.selectors.themes.theme_items)."""
    html = [
        f"""
    <tr class="govuk-table__row">
      <td class="govuk-table__cell"><a class="govuk-link" href="{escape(link("workplans:outcome", board.slug, o.pk))}">{escape(o.title)}</a></td>
      <td class="govuk-table__cell">{day_month_year(o.due_date) if o.due_date else "Not set"}</td>
      <td class="govuk-table__cell">{_rag(o.current_rag)}</td>
      <td class="govuk-table__cell">{impact_tag(o.current_impact)}{_impact_flag(o)}</td>
    </tr>
  """  # noqa: E501
        for o in outcomes
    ]
    return _rows_or_none(html, 4)


def _impact_flag(outcome) -> str:
    """The line workplans/includes/impact_flag.html writes for an outcome flagged for impact."""
    flag = getattr(outcome, "impact_flag", None)
    if flag is None:
        return ""
    return (
        '<p class="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">'
        '<strong class="govuk-tag govuk-tag--red">Flagged</strong> amber or red on impact for '
        f"{len(flag.quarters)} quarters running, since {flag.since}</p>\n"
    )


_OVERDUE = ' <strong class="govuk-tag app-clock--overdue">Overdue</strong>'


def theme_recommendation_rows(board: Board, recommendations: Iterable[Recommendation]):
    """One <tr> per recommendation on a theme, with its live actions (each marked
    `overdue` by the selector)."""
    html = []
    for rec in recommendations:
        url = escape(link("reviews:detail", board.slug, rec.review_id))
        actions = "".join(
            f"<li>{_rag(a.current_rag)} {escape(truncated(a.what, 100))} "
            f'<span class="govuk-body-s">({escape(a.timescale_label or "no timescale")})</span>'
            + (_OVERDUE if a.overdue else "")
            + "</li>"
            for a in rec.actions.all()
        )
        html.append(
            f"""
    <tr class="govuk-table__row">
      <td class="govuk-table__cell"><a class="govuk-link" href="{url}#recommendation-{rec.pk}">{escape(rec.review.title)}</a><br><span class="govuk-body-s">{escape(rec.review.get_kind_display())}</span></td>
      <td class="govuk-table__cell"><strong>{escape(rec.get_kind_display())} {rec.number}</strong>: {escape(truncated(rec.text, 250))}</td>
      <td class="govuk-table__cell"><ul class="govuk-list">{actions or "<li>No actions planned yet.</li>"}</ul></td>
    </tr>
  """  # noqa: E501
        )
    return _rows_or_none(html, 3)


def theme_finding_rows(board: Board, findings: Iterable[Finding]) -> SafeString:
    """One <tr> per finding on a theme."""
    html = [
        f"""
    <tr class="govuk-table__row">
      <td class="govuk-table__cell"><a class="govuk-link" href="{escape(link("reviews:detail", board.slug, f.review_id))}#finding-{f.pk}">{escape(f.review.title)}</a></td>
      <td class="govuk-table__cell">{escape(f.area)}</td>
      <td class="govuk-table__cell">{escape(f.get_judgement_display() or f.get_kind_display())}</td>
      <td class="govuk-table__cell">{escape(truncated(f.summary, 250))}</td>
    </tr>
  """  # noqa: E501
        for f in findings
    ]
    return _rows_or_none(html, 4)


def _rows_or_none(html: list[str], columns: int) -> SafeString:
    if not html:
        html.append(
            f"""
    <tr class="govuk-table__row"><td class="govuk-table__cell" colspan="{columns}">None.</td></tr>
  """
        )
    # Every piece of text above is escaped; rag_tag's output is already safe HTML.
    return mark_safe("".join(html))  # noqa: S308  # nosec B308 B703
