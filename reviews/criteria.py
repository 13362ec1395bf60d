"""The statutory criteria for a case review, for each edition of Working Together.

Kept as data here rather than in the database: they are fixed by the guidance, and a review
records the codes it met under the edition that was in force when the case arose.
"""

from __future__ import annotations

CRITERIA: dict[str, list[tuple[str, str]]] = {
    "wt2006": [
        (
            "wt2006-death",
            "A child died and abuse or neglect is known or suspected to have played a part.",
        ),
        (
            "wt2006-serious-harm",
            "A child came to serious harm (a life-threatening injury, serious sexual abuse or "
            "lasting damage to health or development) through abuse or neglect, and the case "
            "raises concerns about how agencies worked together.",
        ),
        (
            "wt2006-learning",
            "The case points to important lessons for how local agencies work together.",
        ),
    ],
    "wt2010": [
        (
            "wt2010-death",
            "A child died and abuse or neglect is known or suspected to have played a part.",
        ),
        (
            "wt2010-injury",
            "A child suffered a potentially life-threatening injury or serious and lasting "
            "harm to health or development through abuse or neglect.",
        ),
        ("wt2010-sexual-abuse", "A child was seriously harmed through sexual abuse."),
        (
            "wt2010-parent-murdered",
            "A parent was murdered and a domestic homicide review is being started.",
        ),
        (
            "wt2010-assault",
            "A child was seriously harmed by a violent assault by another child or an adult.",
        ),
        (
            "wt2010-working-together",
            "The case raises concerns about how local professionals and services worked "
            "together to keep the child safe.",
        ),
    ],
    "wt2018": [
        (
            "wt2018-known-suspected",
            "Abuse or neglect of a child is known or suspected.",
        ),
        ("wt2018-died", "The child died."),
        ("wt2018-seriously-harmed", "The child was seriously harmed."),
    ],
}

LABELS: dict[str, str] = {code: label for items in CRITERIA.values() for code, label in items}


def choices() -> list[tuple[str, str]]:
    """Flat choices, each label naming its edition, so the form shows one list of boxes."""
    from reviews.models import Guidance

    return [
        (code, f"{Guidance(key).label}: {label}")
        for key, items in CRITERIA.items()
        for code, label in items
    ]


def labels_for(codes: list[str]) -> list[str]:
    return [LABELS.get(code, code) for code in codes]
