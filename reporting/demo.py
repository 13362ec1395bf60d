"""Demo figures, narrative and decision schedule for Hartlepool's quarter to 31 December 2008.

The 2008Q3 figures are those the council reported; earlier quarters are plausible values
so the report shows changes and a year to date. Safe to run again.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from reporting.indicators import ensure_core_indicators
from reporting.models import (
    Indicator,
    IndicatorValue,
    ItemSection,
    PortfolioItem,
    PortfolioMeeting,
    QuarterlyReport,
    ReportNarrative,
)

FIGURES: dict[str, dict[str, str]] = {
    "2008Q3": {
        "children_receiving_services": "861",
        "children_in_need": "636",
        "protection_plans": "62",
        "looked_after": "163",
        "plans_neglect": "37",
        "plans_physical": "14",
        "plans_emotional": "7",
        "plans_sexual": "4",
        "plans_multiple": "0",
        "lac_care_order": "99",
        "lac_section20": "42",
        "lac_short_breaks": "22",
        "placed_foster": "126",
        "placed_residential": "24",
        "placed_adoption": "7",
        "placed_hostel": "3",
        "placed_parents": "2",
        "placed_independent": "1",
        "referrals": "225",
        "referrals_abuse_neglect": "98",
        "referrals_family_dysfunction": "52",
        "referrals_acute_stress": "44",
        "referrals_other": "31",
        "staff_in_post": "119.5",
        "qualified_social_workers": "68",
        "vacancies": "4.5",
        "agency_workers": "3",
        "average_caseload": "23",
        "complaints": "10",
        "complaints_stage1": "8",
        "complaints_stage2": "1",
        "complaints_stage3": "0",
        "complaints_open": "1",
        "compliments": "7",
    },
    "2008Q2": {
        "children_receiving_services": "842",
        "children_in_need": "622",
        "protection_plans": "60",
        "looked_after": "160",
        "plans_neglect": "35",
        "plans_physical": "15",
        "plans_emotional": "6",
        "plans_sexual": "4",
        "plans_multiple": "0",
        "lac_care_order": "97",
        "lac_section20": "41",
        "lac_short_breaks": "22",
        "placed_foster": "122",
        "placed_residential": "25",
        "placed_adoption": "6",
        "placed_hostel": "3",
        "placed_parents": "3",
        "placed_independent": "1",
        "referrals": "219",
        "referrals_abuse_neglect": "95",
        "referrals_family_dysfunction": "51",
        "referrals_acute_stress": "43",
        "referrals_other": "30",
        "staff_in_post": "118",
        "qualified_social_workers": "67",
        "vacancies": "5.5",
        "agency_workers": "4",
        "average_caseload": "24",
        "complaints": "6",
        "complaints_stage1": "5",
        "complaints_stage2": "0",
        "complaints_stage3": "0",
        "complaints_open": "1",
        "compliments": "4",
    },
    "2008Q1": {
        "children_receiving_services": "829",
        "children_in_need": "610",
        "protection_plans": "61",
        "looked_after": "158",
        "plans_neglect": "36",
        "plans_physical": "15",
        "plans_emotional": "6",
        "plans_sexual": "4",
        "plans_multiple": "0",
        "lac_care_order": "96",
        "lac_section20": "40",
        "lac_short_breaks": "22",
        "placed_foster": "119",
        "placed_residential": "25",
        "placed_adoption": "7",
        "placed_hostel": "3",
        "placed_parents": "3",
        "placed_independent": "1",
        "referrals": "231",
        "referrals_abuse_neglect": "99",
        "referrals_family_dysfunction": "53",
        "referrals_acute_stress": "46",
        "referrals_other": "33",
        "staff_in_post": "118",
        "qualified_social_workers": "66",
        "vacancies": "6",
        "agency_workers": "4",
        "average_caseload": "24",
        "complaints": "3",
        "complaints_stage1": "3",
        "complaints_stage2": "0",
        "complaints_stage3": "0",
        "complaints_open": "0",
        "compliments": "2",
    },
    # Only protection plans go back a year: the drive to end plans that were no longer
    # needed shows in the chart.
    "2007Q4": {
        "protection_plans": "84",
        "plans_neglect": "45",
        "plans_physical": "22",
        "plans_emotional": "10",
        "plans_sexual": "5",
        "plans_multiple": "2",
    },
}

NARRATIVE_2008Q3 = {
    "portfolio": "Children's Services Portfolio",
    "report_date": dt.date(2009, 1, 29),
    "report_of": "Director of Children's Services",
    "author": "Kieran Holloway, LSCB Development Officer",
    "subject": "Safeguarding children in Hartlepool",
    "purpose": (
        "To bring the Portfolio Holder up to date on how children in Hartlepool are kept "
        "safe.\nTo ask the Portfolio Holder to agree that a report on safeguarding comes to "
        "them every quarter."
    ),
    "summary_of_contents": (
        "The report gives the figures for Safeguarding and Specialist Services: the children "
        "it works with, how busy it has been, its staff and caseloads, and the complaints and "
        "compliments it received. It then describes the work of the Hartlepool Local "
        "Safeguarding Children Board, which coordinates safeguarding in the town; the board's "
        "workplan is attached."
    ),
    "relevance": "Children's services are the Portfolio Holder's responsibility.",
    "decision_type": "Non key.",
    "decision_route": "Children's Services Portfolio meeting on 29 January 2009.",
    "decisions_required": (
        "That the Portfolio Holder notes what the report says.\n"
        "That the Portfolio Holder agrees to receive a safeguarding report every quarter."
    ),
    "background": (
        "Government guidance published in 2008 on the roles of the Lead Member and the "
        "Director of Children's Services asks the Lead Member to keep safeguarding, and the "
        "welfare of children looked after in particular, firmly in view across all agencies, "
        "and to receive regular reports on how services are delivered. This report starts "
        "that arrangement."
    ),
    "activity_commentary": (
        "Activity is broadly in line with similar authorities. Fewer children now have a "
        "protection plan than a year ago because plans are ended when a child becomes looked "
        "after, whose safety is then secured through the care plan. Neglect remains the most "
        "common category, often linked to parents' drug or alcohol misuse; a social work post "
        "dedicated to this 'hidden harm' has been created."
    ),
    "board_commentary": (
        "Most workplan outcomes are on course for the year. The board's procedure for "
        "managing allegations against people who work with children was consulted on in the "
        "autumn and came into force on 1 January 2009."
    ),
    "review_panel": (
        "The panel met twice this year after two children were seriously injured. One case "
        "led to a management review that is nearly finished; the other to a multi-agency "
        "learning event in October 2008 run by external facilitators. Neither child was "
        "known to the service before the injury."
    ),
    "development_day": (
        "The board's development day on 14 January 2009 looked back at its performance, "
        "agreed local safeguarding priorities and began the workplan for 2009/10, which will "
        "be ready by 1 April 2009 and will go to the Portfolio Holder and the Children's Trust."
    ),
    "proposals": (
        "This is proposed as the first of a quarterly series. Later reports will cover the "
        "preceding quarter and may look closely at particular services, such as the service "
        "for disabled children, while always giving the core safeguarding figures."
    ),
    "risk": "The report is for information and carries no risk of its own.",
    "legal_financial": "There are no legal or financial matters for consideration.",
    "recommendations": (
        "That the Portfolio Holder notes the contents of this report.\n"
        "That the Portfolio Holder agrees to a safeguarding report every quarter."
    ),
    "reasons": (
        "As Lead Member for Children's Services the Portfolio Holder must be assured that the "
        "council's statutory children's services functions are carried out effectively, and "
        "that agencies act together to keep vulnerable children safe."
    ),
    "background_papers": (
        "DCSF (2008) Statutory guidance on the roles and responsibilities of the Lead Member "
        "for Children's Services and the Director of Children's Services\n"
        "Hartlepool LSCB annual workplan 2008/09"
    ),
    "contact_officer": (
        "Assistant Director, Safeguarding and Specialist Services\n"
        "Children's Services, Hartlepool Borough Council\n"
        "01429 523732"
    ),
}


def load(context: dict) -> None:
    ensure_core_indicators()
    board = context["board"]
    officer = context.get("users", {}).get("officer")
    indicators = {i.code: i for i in Indicator.objects.all()}
    for quarter, values in FIGURES.items():
        for code, value in values.items():
            IndicatorValue.objects.get_or_create(
                board=board,
                indicator=indicators[code],
                quarter=quarter,
                defaults={"value": Decimal(value), "entered_by": officer},
            )
    ReportNarrative.objects.get_or_create(
        board=board, quarter="2008Q3", defaults={**NARRATIVE_2008Q3, "updated_by": officer}
    )
    meeting, created = PortfolioMeeting.objects.get_or_create(
        board=board,
        date=dt.date(2009, 1, 29),
        defaults={
            "portfolio": "Children's Services Portfolio",
            "time": dt.time(9, 0),
            "venue": "Committee Room A, Civic Centre, Hartlepool",
            "decision_maker": "Councillor Fenwick, Cabinet Member for Children's Services",
        },
    )
    if created:
        for order, (section, title, by, paragraph, tests, quarter) in enumerate(
            [
                (
                    ItemSection.OTHER,
                    "Adoption service inspection report",
                    "Director of Children's Services",
                    None,
                    "",
                    "",
                ),
                (
                    ItemSection.OTHER,
                    "Safeguarding children in Hartlepool",
                    "Director of Children's Services",
                    None,
                    "",
                    "2008Q3",
                ),
                (
                    ItemSection.KEY,
                    "Call-in of decision: outreach services for children's "
                    "centres – comments of the Children's Services Scrutiny Forum",
                    "Children's Services Scrutiny Forum",
                    3,
                    "Key tests i and ii",
                    "",
                ),
            ],
            start=1,
        ):
            PortfolioItem.objects.create(
                meeting=meeting,
                section=section,
                title=title,
                report_of=by,
                exempt_paragraph=paragraph,
                key_tests=tests,
                report_quarter=quarter,
                order=order,
            )
    context["portfolio_meeting"] = meeting
    context["report_quarter"] = "2008Q3"
    if not QuarterlyReport.objects.filter(board=board, quarter="2008Q3").exists():
        from lscb.vocab import Quarter
        from reporting.services import report_request

        # With the in-process Celery of `make run` this renders once loaddemo commits.
        report_request(board=board, quarter=Quarter.parse("2008Q3"), by=officer)
