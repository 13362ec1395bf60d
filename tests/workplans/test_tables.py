"""The workplan table's rows, built in Python, give the markup the template they replaced
gave."""

from __future__ import annotations

import datetime as dt

from django.template import Context, Template

from lscb.vocab import RAG, Impact
from tests.factories import PersonFactory, SubgroupFactory, ThemeFactory
from tests.workplans.factories import OutcomeFactory
from workplans import selectors
from workplans.tables import outcome_rows

# The row as workplan_detail.html wrote it before the rows moved to workplans.tables, with
# the impact rating added beside delivery since.
TEMPLATE_ROWS = """{% load lscb_tags %}{% for o in outcomes %}
    <tr class="govuk-table__row">
      <th scope="row" class="govuk-table__header app-workplan-table__outcome">
        <a class="govuk-link" href="{% url 'workplans:outcome' board.slug o.pk %}">{{ o.title }}</a>
        {% with themes=o.themes.all %}{% if themes %}<ul class="app-workplan-themes">{% for t in themes %}<li class="govuk-tag govuk-tag--grey">{{ t.name }}</li>{% endfor %}</ul>{% endif %}{% endwith %}
      </th>
      <td class="govuk-table__cell app-pre-line">{{ o.how }}</td>
      <td class="govuk-table__cell">
        {% if o.who %}<span class="app-pre-line">{{ o.who }}</span>{% else %}{% for s in o.lead_subgroups.all %}{{ s.name }}{% if not forloop.last %}<br>{% endif %}{% endfor %}{% endif %}
      </td>
      <td class="govuk-table__cell">
        <span class="govuk-visually-hidden">Delivery: </span>{% rag_tag o.current_rag %}
        <br><span class="govuk-visually-hidden">Impact: </span>{% impact_tag o.current_impact %}
        {% if o.last_update_date %}<br><span class="govuk-body-s">{{ o.last_update_date|date:"j M Y" }}</span>{% endif %}
      </td>
      <td class="govuk-table__cell">
        <span class="app-pre-line">{{ o.current_narrative|default:"No review yet." }}</span>
        {% if o.can_record %}<br><a class="govuk-link" href="{% url 'workplans:record_progress' board.slug o.pk %}">Record progress<span class="govuk-visually-hidden"> on {{ o.title }}</span></a>{% endif %}
      </td>
    </tr>
  {% endfor %}"""  # noqa: E501


def test_rows_match_the_template_they_replaced(board, workplan):
    tricky = "Fish & <chips> \"quoted\" 'single'"
    plain = OutcomeFactory(workplan=workplan, title="Train everyone")
    marked_up = OutcomeFactory(
        workplan=workplan,
        title=tricky,
        how=f"Line one\n{tricky}",
        who="",
        current_rag=RAG.AT_RISK,
        current_impact=Impact.RED,
        current_narrative=f"Slipping\n{tricky}",
        last_update_date=dt.date(2026, 10, 3),
    )
    marked_up.lead_subgroups.add(
        SubgroupFactory(board=board, name="Training"),
        SubgroupFactory(board=board, name=f"Quality {tricky}"),
    )
    marked_up.themes.add(
        ThemeFactory(name="Neglect", slug="neglect"), ThemeFactory(name=tricky, slug="tricky")
    )
    marked_up.leads.add(PersonFactory(name="Nina"))
    no_who = OutcomeFactory(workplan=workplan, who="", current_rag=RAG.COMPLETE)
    outcomes = selectors.with_links(workplan, [plain, marked_up, no_who])
    for outcome, can_record in zip(outcomes, [True, True, False], strict=True):
        outcome.can_record = can_record

    expected = Template(TEMPLATE_ROWS).render(Context({"board": board, "outcomes": outcomes}))
    assert outcome_rows(board, outcomes) == expected
    assert "Fish &amp; &lt;chips&gt; &quot;quoted&quot; &#x27;single&#x27;" in expected


def test_with_links_gives_names_in_order_and_leads_only_when_asked(board, workplan, alice):
    a = OutcomeFactory(workplan=workplan)
    b = OutcomeFactory(workplan=workplan)
    a.lead_subgroups.add(
        SubgroupFactory(board=board, name="Training"), SubgroupFactory(board=board, name="Audit")
    )
    a.themes.add(ThemeFactory(name="Neglect", slug="neglect"))
    a.leads.add(alice.person, PersonFactory(name="Bea"))

    rows = selectors.with_links(workplan, [a, b])
    assert rows[0].lead_subgroup_names == ["Audit", "Training"]
    assert rows[0].theme_names == ["Neglect"] and rows[0].lead_names == []
    assert (rows[1].lead_subgroup_names, rows[1].theme_names) == ([], [])

    (with_leads,) = selectors.with_links(workplan, [a], leads=True)
    assert set(with_leads.lead_names) == {"Bea", alice.person.name}
    assert selectors.outcomes_led_by(alice, workplan) == {a.pk}
