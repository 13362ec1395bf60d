"""The workplan table's rows as HTML, built in Python like the RAG chart (lscb.charts).

Through the template engine each row cost about 750 function calls: every {{ }} resolves,
localises and escapes its value (about 35 calls), every {% link %} about 90, a date about
100. A plan has 40 outcomes, so the rows cost more than the rest of the page's first render
put together. Built here a row costs about 190, half of it its two links. The markup is the
template's, character for character (tests/workplans/test_tables.py holds the template and
compares); the table around the rows stays in workplan_detail.html.

Text is escaped with the standard library's html.escape, which is what Django's escape()
calls, without its lazy-string and safe-string wrapping (every value here is plain text).
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe

from boards.models import Board
from lscb.links import link
from lscb.templatetags.lscb_tags import impact_tag, rag_tag
from workplans.models import Outcome


def outcome_rows(board: Board, outcomes: Iterable[Outcome]) -> SafeString:
    """One <tr> per outcome given selectors.with_links and access.mark_recordable."""
    rags: dict[str, str] = {}  # the same few tags and dates recur down the table
    impacts: dict[str, str] = {}
    dates: dict[object, str] = {}
    rows = []
    for o in outcomes:
        title = escape(o.title)
        if o.theme_names:
            themes = "".join(
                f'<li class="govuk-tag govuk-tag--grey">{escape(name)}</li>'
                for name in o.theme_names
            )
            themes = f'<ul class="app-workplan-themes">{themes}</ul>'
        else:
            themes = ""
        if o.who:
            who = f'<span class="app-pre-line">{escape(o.who)}</span>'
        else:
            who = "<br>".join(escape(name) for name in o.lead_subgroup_names)
        if o.current_rag not in rags:
            rags[o.current_rag] = rag_tag(o.current_rag)
        if o.current_impact not in impacts:
            impacts[o.current_impact] = impact_tag(o.current_impact)
        updated = ""
        if o.last_update_date:
            if o.last_update_date not in dates:
                dates[o.last_update_date] = escape(date_format(o.last_update_date, "j M Y"))
            updated = f'<br><span class="govuk-body-s">{dates[o.last_update_date]}</span>'
        record = ""
        if o.can_record:
            url = escape(link("workplans:record_progress", board.slug, o.pk))
            record = (
                f'<br><a class="govuk-link" href="{url}">Record progress'
                f'<span class="govuk-visually-hidden"> on {title}</span></a>'
            )
        url = escape(link("workplans:outcome", board.slug, o.pk))
        rows.append(
            f"""
    <tr class="govuk-table__row">
      <th scope="row" class="govuk-table__header app-workplan-table__outcome">
        <a class="govuk-link" href="{url}">{title}</a>
        {themes}
      </th>
      <td class="govuk-table__cell app-pre-line">{escape(o.how)}</td>
      <td class="govuk-table__cell">
        {who}
      </td>
      <td class="govuk-table__cell">
        <span class="govuk-visually-hidden">Delivery: </span>{rags[o.current_rag]}
        <br><span class="govuk-visually-hidden">Impact: </span>{impacts[o.current_impact]}
        {updated}
      </td>
      <td class="govuk-table__cell">
        <span class="app-pre-line">{escape(o.current_narrative or "No review yet.")}</span>
        {record}
      </td>
    </tr>
  """
        )
    # Every piece of text above is escaped; the tags' output is already safe HTML.
    return mark_safe("".join(rows))  # noqa: S308  # nosec B308 B703
