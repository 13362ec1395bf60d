"""The reviews tables' rows, built in Python, give the markup the templates they replaced
gave."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import pytest
from django.template import Context, Template

from reviews.clocks import clocks_for
from reviews.models import Review
from reviews.selectors.review_list import review_list_values, review_rows, with_action_counts
from reviews.selectors.review_page import review_page
from reviews.selectors.themes import theme_items, theme_matrix
from reviews.tables import (
    action_rows,
    review_list_rows,
    theme_finding_rows,
    theme_outcome_rows,
    theme_recommendation_rows,
    theme_rows,
    truncated,
)
from tests.factories import AgencyFactory, PersonFactory, ThemeFactory
from tests.reviews.factories import (
    ActionFactory,
    FindingFactory,
    RecommendationFactory,
    ReviewFactory,
)

TODAY = dt.date(2009, 3, 2)
TRICKY = "Fish & <chips> \"quoted\" 'single'"

# The rows as the templates wrote them before they moved to reviews.tables (the clock tag
# was an include, which added a line break after it).
REVIEW_LIST_ROWS = """{% for row in rows %}{% with r=row.review %}
    <tr class="govuk-table__row">
      <th scope="row" class="govuk-table__header"><a class="govuk-link" href="{% url 'reviews:detail' board.slug r.pk %}">{{ r.title }}</a>{% if r.subject_reference %}<br><span class="govuk-body-s">{{ r.subject_reference }}</span>{% endif %}<br><span class="govuk-body-s">Started {{ r.start_date|date:"j M Y" }}</span></th>
      <td class="govuk-table__cell">{{ r.get_kind_display }}</td>
      <td class="govuk-table__cell">{{ r.get_status_display }}{% if r.is_signed_off %}<br><strong class="govuk-tag govuk-tag--green">Plan signed off</strong>{% endif %}</td>
      <td class="govuk-table__cell govuk-table__cell--numeric">{{ r.recommendation_count }}</td>
      <td class="govuk-table__cell govuk-table__cell--numeric">{{ r.open_action_count }}</td>
      <td class="govuk-table__cell govuk-table__cell--numeric">{% if r.overdue_action_count %}<strong class="govuk-tag app-clock--overdue">{{ r.overdue_action_count }}</strong>{% else %}0{% endif %}</td>
      <td class="govuk-table__cell">{% for clock in row.clocks %}<span class="app-clock-line"><strong class="govuk-tag app-clock app-clock--{{ clock.css_state }}">{{ clock.state_label }}</strong> {{ clock.label }}, due {{ clock.due|date:"j M Y" }}</span>{% empty %}None{% endfor %}</td>
    </tr>
  {% endwith %}{% endfor %}"""  # noqa: E501

THEME_ROWS = """{% for row in matrix.rows %}
    <tr class="govuk-table__row{% if row.is_hotspot %} app-themes-table__hotspot{% endif %}">
      <th scope="row" class="govuk-table__header"><a class="govuk-link" href="{% url 'reviews:theme_items' board.slug row.theme.slug %}">{{ row.theme.name }}</a>{% if row.is_hotspot %} <strong class="govuk-tag govuk-tag--orange">Hotspot</strong>{% endif %}</th>
      <td class="govuk-table__cell govuk-table__cell--numeric"><a class="govuk-link" href="{% url 'reviews:theme_items' board.slug row.theme.slug %}?state=repeated">{{ row.raised_by }}<span class="govuk-visually-hidden"> review{{ row.raised_by|pluralize }} raised {{ row.theme.name }}</span></a></td>
      {% for key, label, cell in row.ordered %}
      <td class="govuk-table__cell govuk-table__cell--numeric"><a class="govuk-link" href="{% url 'reviews:theme_items' board.slug row.theme.slug %}?source={{ key }}&amp;state=open" aria-label="{{ cell.open }} open: {{ label }} on {{ row.theme.name }}">{{ cell.open }}</a></td>
      <td class="govuk-table__cell govuk-table__cell--numeric">{% if cell.overdue is None %}<span aria-hidden="true">–</span><span class="govuk-visually-hidden">Not applicable</span>{% else %}<a class="govuk-link" href="{% url 'reviews:theme_items' board.slug row.theme.slug %}?source={{ key }}&amp;state=overdue" aria-label="{{ cell.overdue }} overdue: {{ label }} on {{ row.theme.name }}">{{ cell.overdue }}</a>{% endif %}</td>
      {% endfor %}
    </tr>
  {% endfor %}"""  # noqa: E501

ACTION_ROWS = """{% load lscb_tags %}{% for a in rec.action_list %}
      <tr class="govuk-table__row" id="action-{{ a.pk }}">
        <td class="govuk-table__cell app-pre-line"><span class="app-item-number">{{ forloop.counter }}.</span> {{ a.what }}</td>
        <td class="govuk-table__cell">{% for line in a.responsible_lines %}{{ line }}<br>{% endfor %}{% for p in a.responsible_people.all %}{% if p.name not in a.responsible_lines %}{{ p.name }}<br>{% endif %}{% endfor %}{% if a.agency %}<span class="govuk-body-s">{{ a.agency.name }}</span>{% endif %}</td>
        <td class="govuk-table__cell">{{ a.timescale_label|default:"Not set" }}{% if a.overdue %}<br><strong class="govuk-tag app-clock--overdue">Overdue</strong>{% endif %}</td>
        <td class="govuk-table__cell">{% rag_tag a.current_rag %}{% if a.current_impact %} {% impact_tag a.current_impact %}{% endif %}{% if a.last_update_date %} <span class="govuk-body-s">{{ a.last_update_date|date:"j M Y" }}</span>{% endif %}
          {% if a.current_narrative %}<p class="govuk-body-s app-pre-line">{{ a.current_narrative }}</p>{% endif %}
          {% if can_edit %}<a class="govuk-link govuk-body-s" href="{% url 'reviews:record_progress' board.slug a.pk %}">Record progress<span class="govuk-visually-hidden"> on action {{ forloop.counter }} of {{ section.label|lower }} {{ rec.number }}</span></a>{% endif %}</td>
      </tr>
    {% empty %}
      <tr class="govuk-table__row"><td class="govuk-table__cell" colspan="4">No actions yet.</td></tr>
    {% endfor %}"""  # noqa: E501


def between_tags(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


def _render(template: str, **context) -> str:
    return Template(template).render(Context(context))


@pytest.fixture
def themes(db):
    return [ThemeFactory(name=TRICKY, slug="tricky"), ThemeFactory(name="Neglect", slug="neglect")]


def test_review_list_rows_match_the_template_they_replaced(board, themes):
    rapid = ReviewFactory(
        board=board,
        kind="rapid_review",
        title=TRICKY,
        subject_reference=f"Child {TRICKY}",
        incident_known_date=dt.date(2009, 1, 5),
        notification_date=dt.date(2009, 1, 9),
        start_date=dt.date(2009, 1, 12),
        status="action_plan",
        signed_off_at=dt.datetime(2009, 2, 1, tzinfo=dt.UTC),
    )
    late = RecommendationFactory(review=rapid, themes=themes)
    ActionFactory(recommendation=late, timescale=dt.date(2009, 2, 1))
    ActionFactory(recommendation=late, timescale=dt.date(2009, 2, 1), current_rag="complete")
    ReviewFactory(board=board, kind="jtai", report_date=dt.date(2008, 11, 14))
    ReviewFactory(board=board, kind="peer_review", title="No clocks at all")

    qs = Review.objects.filter(board=board).order_by("-start_date", "-id")
    rows = review_rows(review_list_values(qs, TODAY), TODAY)
    before = [
        SimpleNamespace(review=r, clocks=clocks_for(r, TODAY))
        for r in with_action_counts(qs, TODAY)
    ]
    expected = _render(REVIEW_LIST_ROWS, board=board, rows=before)
    assert review_list_rows(board, rows) == expected
    assert "Fish &amp; &lt;chips&gt; &quot;quoted&quot; &#x27;single&#x27;" in expected
    assert "Plan signed off" in expected and "app-clock--overdue" in expected


def test_theme_rows_match_the_template_they_replaced(board, themes):
    scr = ReviewFactory(board=board, kind="scr")
    ActionFactory(
        recommendation=RecommendationFactory(review=scr, themes=themes),
        timescale=dt.date(2009, 1, 1),
    )
    FindingFactory(review=ReviewFactory(board=board, kind="jtai"), themes=themes[:1])

    matrix = theme_matrix(board, TODAY)
    expected = _render(THEME_ROWS, board=board, matrix=matrix)
    assert theme_rows(board, matrix.rows) == expected
    assert "Hotspot" in expected and " reviews raised " in expected


@pytest.mark.parametrize("can_edit", [True, False])
def test_action_rows_match_the_template_they_replaced(board, can_edit):
    review = ReviewFactory(board=board)
    rec = RecommendationFactory(review=review, number=3)
    done = ActionFactory(
        recommendation=rec,
        what=TRICKY,
        responsible=f"Head of service\n{TRICKY}",
        agency=AgencyFactory(name=f"Police {TRICKY}"),
        timescale=dt.date(2008, 12, 31),
        timescale_is_month=True,
        current_rag="complete",
        current_impact="amber",
        current_narrative=f"Done\n{TRICKY}",
        last_update_date=dt.date(2009, 1, 5),
    )
    done.responsible_people.add(PersonFactory(name="Head of service"), PersonFactory(name="Ola"))
    ActionFactory(recommendation=rec, timescale=dt.date(2009, 1, 1))  # open and overdue
    RecommendationFactory(review=review, number=4)  # no actions yet

    page = review_page(review, TODAY)
    (section,) = page.sections
    for rec in section.recommendations:
        expected = _render(ACTION_ROWS, board=board, rec=rec, section=section, can_edit=can_edit)
        assert action_rows(board, rec, section.label, can_edit) == expected


# The rows of the tables of everything on a theme, as their templates wrote them.
THEME_ITEM_ROWS = {
    "outcomes": """{% load lscb_tags %}  {% for o in outcomes %}
    {% url 'workplans:outcome' board.slug o.pk as outcome_url %}
    <tr class="govuk-table__row">
      <td class="govuk-table__cell">{% if outcome_url %}<a class="govuk-link" href="{{ outcome_url }}">{{ o.title }}</a>{% else %}{{ o.title }}{% endif %}</td>
      <td class="govuk-table__cell">{{ o.due_date|date:"j M Y"|default:"Not set" }}</td>
      <td class="govuk-table__cell">{% rag_tag o.current_rag %}</td>
      <td class="govuk-table__cell">{% impact_tag o.current_impact %}{% if o.impact_flag %}{% include "workplans/includes/impact_flag.html" with flag=o.impact_flag %}{% endif %}</td>
    </tr>
  {% empty %}
    <tr class="govuk-table__row"><td class="govuk-table__cell" colspan="4">None.</td></tr>
  {% endfor %}
""",  # noqa: E501
    "recommendations": """{% load lscb_tags %}  {% for rec in recommendations %}
    <tr class="govuk-table__row">
      <td class="govuk-table__cell"><a class="govuk-link" href="{% url 'reviews:detail' board.slug rec.review_id %}#recommendation-{{ rec.pk }}">{{ rec.review.title }}</a><br><span class="govuk-body-s">{{ rec.review.get_kind_display }}</span></td>
      <td class="govuk-table__cell"><strong>{{ rec.get_kind_display }} {{ rec.number }}</strong>: {{ rec.text|truncatechars:250 }}</td>
      <td class="govuk-table__cell"><ul class="govuk-list">{% for a in rec.actions.all %}<li>{% rag_tag a.current_rag %} {{ a.what|truncatechars:100 }} <span class="govuk-body-s">({{ a.timescale_label|default:"no timescale" }})</span>{% if a.overdue %} <strong class="govuk-tag app-clock--overdue">Overdue</strong>{% endif %}</li>{% empty %}<li>No actions planned yet.</li>{% endfor %}</ul></td>
    </tr>
  {% empty %}
    <tr class="govuk-table__row"><td class="govuk-table__cell" colspan="3">None.</td></tr>
  {% endfor %}
""",  # noqa: E501
    "findings": """  {% for f in findings %}
    <tr class="govuk-table__row">
      <td class="govuk-table__cell"><a class="govuk-link" href="{% url 'reviews:detail' board.slug f.review_id %}#finding-{{ f.pk }}">{{ f.review.title }}</a></td>
      <td class="govuk-table__cell">{{ f.area }}</td>
      <td class="govuk-table__cell">{{ f.get_judgement_display|default:f.get_kind_display }}</td>
      <td class="govuk-table__cell">{{ f.summary|truncatechars:250 }}</td>
    </tr>
  {% empty %}
    <tr class="govuk-table__row"><td class="govuk-table__cell" colspan="4">None.</td></tr>
  {% endfor %}
""",  # noqa: E501
}
BUILT = {
    "outcomes": theme_outcome_rows,
    "recommendations": theme_recommendation_rows,
    "findings": theme_finding_rows,
}


@pytest.mark.parametrize("kind", list(THEME_ITEM_ROWS))
@pytest.mark.parametrize("empty", [False, True])
def test_theme_item_rows_match_the_template_they_replaced(board, themes, kind, empty):
    from tests.workplans.factories import OutcomeFactory, WorkplanFactory

    if not empty:
        long = TRICKY + " and e\u0301 " + "x" * 300
        review = ReviewFactory(board=board, kind="scr", title=TRICKY)
        rec = RecommendationFactory(review=review, themes=themes, text=long)
        ActionFactory(recommendation=rec, what=long, timescale=dt.date(2009, 1, 1))
        ActionFactory(recommendation=rec, what=TRICKY, timescale=None)
        RecommendationFactory(review=review, number=2, themes=themes, text="Short")
        FindingFactory(review=review, themes=themes, summary=long, judgement="")
        FindingFactory(review=review, themes=themes, summary="Café", judgement="good")
        plan = WorkplanFactory(board=board)
        OutcomeFactory(workplan=plan, title=TRICKY, due_date=None).themes.set(themes)
        OutcomeFactory(workplan=plan, due_date=dt.date(2009, 3, 1)).themes.set(themes)
    items = getattr(theme_items(board, themes[0], source="", state="all", today=TODAY), kind)
    expected = _render(THEME_ITEM_ROWS[kind], board=board, **{kind: items})
    # The loops left blank lines between rows, which no browser shows.
    assert between_tags(BUILT[kind](board, items)) == between_tags(expected)
    assert ("None." in expected) == empty


@pytest.mark.parametrize(
    "text", ["short", "x" * 250, "x" * 251, "e\u0301" * 200, "Cafe\u0301 " + "y" * 260]
)
def test_truncated_gives_what_truncatechars_gives(text):
    assert truncated(text, 250) == _render("{{ t|truncatechars:250 }}", t=text)
