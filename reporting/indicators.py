"""The core safeguarding dataset every board reports each quarter, shipped as data.

Categories follow the children in need census. `ensure_core_indicators` is idempotent and is
called from the initial migration and the demo, so a fresh database always has the set.
"""

from __future__ import annotations

from dataclasses import dataclass

from reporting.models import Aggregation

SERVICES = "Children receiving services"
PLANS = "Children subject to a protection plan, by category"
LEGAL = "Children looked after, by legal status"
PLACEMENT = "Children looked after, by placement type"
REFERRALS = "Referrals and the main reasons for them"
STAFFING = "Staffing"
CASELOADS = "Caseloads"
COMPLAINTS = "Comments, complaints and compliments"

GROUPS = [SERVICES, PLANS, LEGAL, PLACEMENT, REFERRALS, STAFFING, CASELOADS, COMPLAINTS]


@dataclass(frozen=True)
class Spec:
    code: str
    name: str
    group: str
    unit: str = "children"
    aggregation: str = Aggregation.SNAPSHOT
    parent: str = ""
    breakdown: str = ""
    decimal: bool = False


_FLOW, _AVG, _YTD = Aggregation.FLOW, Aggregation.AVERAGE, Aggregation.YEAR_TO_DATE

CORE: list[Spec] = [
    Spec("children_receiving_services", "Children receiving services", SERVICES),
    Spec(
        "children_in_need",
        "Children in need (not on a plan or looked after)",
        SERVICES,
        parent="children_receiving_services",
        breakdown="type of service",
    ),
    Spec(
        "protection_plans",
        "Children subject to a protection plan",
        SERVICES,
        parent="children_receiving_services",
        breakdown="type of service",
    ),
    Spec(
        "looked_after",
        "Children looked after",
        SERVICES,
        parent="children_receiving_services",
        breakdown="type of service",
    ),
    *[
        Spec(f"plans_{code}", name, PLANS, parent="protection_plans", breakdown="category")
        for code, name in [
            ("neglect", "Neglect"),
            ("physical", "Physical abuse"),
            ("emotional", "Emotional abuse"),
            ("sexual", "Sexual abuse"),
            ("multiple", "Multiple categories"),
        ]
    ],
    *[
        Spec(f"lac_{code}", name, LEGAL, parent="looked_after", breakdown="legal status")
        for code, name in [
            ("care_order", "Subject to a care order"),
            ("section20", "Accommodated under section 20"),
            ("short_breaks", "Regular short breaks"),
        ]
    ],
    *[
        Spec(f"placed_{code}", name, PLACEMENT, parent="looked_after", breakdown="placement type")
        for code, name in [
            ("foster", "Foster care"),
            ("residential", "Residential home or school"),
            ("adoption", "Placed for adoption"),
            ("hostel", "Hostel accommodation"),
            ("parents", "Placed with parents"),
            ("independent", "Independent living"),
        ]
    ],
    Spec("referrals", "Referrals received", REFERRALS, unit="referrals", aggregation=_FLOW),
    *[
        Spec(
            f"referrals_{code}",
            name,
            REFERRALS,
            unit="referrals",
            aggregation=_FLOW,
            parent="referrals",
            breakdown="reason",
        )
        for code, name in [
            ("abuse_neglect", "Abuse or neglect"),
            ("family_dysfunction", "Family dysfunction"),
            ("acute_stress", "Family in acute stress"),
            ("other", "Other reasons"),
        ]
    ],
    Spec("staff_in_post", "Staff in post", STAFFING, unit="full-time equivalent", decimal=True),
    Spec(
        "qualified_social_workers",
        "Qualified social workers",
        STAFFING,
        unit="full-time equivalent",
        parent="staff_in_post",
        decimal=True,
    ),
    Spec("vacancies", "Vacant posts", STAFFING, unit="full-time equivalent", decimal=True),
    Spec("agency_workers", "Agency social workers", STAFFING, unit="workers"),
    Spec(
        "average_caseload",
        "Average social work caseload",
        CASELOADS,
        unit="children per social worker",
        aggregation=_AVG,
        decimal=True,
    ),
    Spec("complaints", "Complaints received", COMPLAINTS, unit="complaints", aggregation=_YTD),
    *[
        Spec(
            f"complaints_{code}",
            name,
            COMPLAINTS,
            unit="complaints",
            aggregation=_YTD,
            parent="complaints",
            breakdown="outcome",
        )
        for code, name in [
            ("stage1", "Resolved at stage one"),
            ("stage2", "Resolved at stage two"),
            ("stage3", "Resolved at stage three"),
            ("open", "Still being considered"),
        ]
    ],
    Spec("compliments", "Compliments received", COMPLAINTS, unit="compliments", aggregation=_YTD),
]

CORE_CODES = [s.code for s in CORE]


def ensure_core_indicators(indicator_model=None) -> int:
    """Create or update the core set; returns how many were created.

    Takes the model class so a data migration can pass its historical model.
    """
    if indicator_model is None:
        from reporting.models import Indicator as indicator_model
    created = 0
    by_code: dict[str, object] = {}
    for order, spec in enumerate(CORE, start=1):
        obj, was_created = indicator_model.objects.update_or_create(
            code=spec.code,
            defaults={
                "name": spec.name,
                "group": spec.group,
                "unit": spec.unit,
                "aggregation": str(spec.aggregation),
                "decimal": spec.decimal,
                "parent": by_code.get(spec.parent),
                "breakdown": spec.breakdown,
                "order": order * 10,
            },
        )
        by_code[spec.code] = obj
        created += was_created
    return created
