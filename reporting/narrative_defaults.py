"""Sensible first drafts of a quarterly report's written sections.

Officers edit them before asking for the PDF; until they do, the report uses these.
"""

from __future__ import annotations

from boards.models import Board
from lscb.vocab import Quarter

NARRATIVE_FIELDS = [
    "portfolio",
    "report_date",
    "report_of",
    "author",
    "subject",
    "purpose",
    "summary_of_contents",
    "relevance",
    "decision_type",
    "decision_route",
    "decisions_required",
    "background",
    "activity_commentary",
    "board_commentary",
    "review_panel",
    "development_day",
    "proposals",
    "risk",
    "legal_financial",
    "recommendations",
    "reasons",
    "background_papers",
    "contact_officer",
]


def default_narrative(board: Board, quarter: Quarter) -> dict[str, object]:
    period = f"{quarter.start:%-d %B %Y} to {quarter.end:%-d %B %Y}"
    return {
        "portfolio": "Children's Services Portfolio",
        "report_date": None,
        "report_of": "Director of Children's Services",
        "author": "",
        "subject": f"Safeguarding children in {board.area}",
        "purpose": (
            f"To tell the Portfolio Holder how children in {board.area} were kept safe in the "
            f"quarter from {period}, and how the {board.name} is carrying out its workplan."
        ),
        "summary_of_contents": (
            "The report sets out the quarter's core safeguarding figures: children receiving "
            "services, protection plans, children looked after, referrals, staffing, caseloads, "
            "complaints and compliments. It then describes the work of the board and its "
            "subgroups. The board's workplan and the open actions from reviews and inspections "
            "are attached as appendices."
        ),
        "relevance": "The Portfolio Holder is responsible for children's services.",
        "decision_type": "Non key.",
        "decision_route": "Decision by the Portfolio Holder at a portfolio meeting.",
        "decisions_required": "That the Portfolio Holder notes the contents of this report.",
        "background": (
            "The Lead Member for Children's Services should make sure that safeguarding stays in "
            "clear focus across every agency, and receives regular reports on how services are "
            "delivered. This quarterly report is one of those reports."
        ),
        "activity_commentary": "",
        "board_commentary": "",
        "review_panel": "",
        "development_day": "",
        "proposals": (
            "That the Portfolio Holder continues to receive a report on safeguarding activity "
            "every quarter, with the core safeguarding figures in each one."
        ),
        "risk": "This report is for information and carries no risks of its own.",
        "legal_financial": "There are no legal or financial matters to consider in this report.",
        "recommendations": "That the Portfolio Holder notes the contents of this report.",
        "reasons": (
            "The Lead Member must be assured that the council's statutory children's services "
            "functions are carried out well, and that agencies act together to keep vulnerable "
            "children safe."
        ),
        "background_papers": f"{board.name} workplan {quarter.financial_year}",
        "contact_officer": "",
    }
