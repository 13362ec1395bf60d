"""Spotting a subject reference that may identify a child: a real name or a date of birth.

This is a warning, not a block. Names are too varied to recognise reliably ("Child A" and
"Baby Rose" are both used as anonymised references), so the form asks the user to confirm
rather than refusing; a false alarm costs one tick, a missed name is what the check is for.
"""

from __future__ import annotations

import re

_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE_PATTERNS = [
    re.compile(r"\b\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}\b"),
    re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b"),
    re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\b", re.IGNORECASE),
    re.compile(rf"\b(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b", re.IGNORECASE),
    re.compile(r"\b(?:d\.?o\.?b\.?|date of birth|born)\b", re.IGNORECASE),
]
_TITLES = re.compile(r"\b(?:mr|mrs|ms|miss|master|dr)\.?\s+[A-Z]", re.IGNORECASE)
_WORD = re.compile(r"[A-Z](?:[a-z]+|'[A-Z][a-z]+)(?:-[A-Z]?[a-z]+)*")
# Words that make up ordinary anonymised references and never count towards a "name".
GENERIC_WORDS = frozenset(
    [
        "child",
        "children",
        "baby",
        "infant",
        "young",
        "person",
        "people",
        "family",
        "sibling",
        "siblings",
        "mother",
        "father",
        "parent",
        "parents",
        "adult",
        "case",
        "review",
        "serious",
        "practice",
        "near",
        "miss",
        "rapid",
        "management",
        "learning",
        "domestic",
        "homicide",
        "boy",
        "girl",
        "unborn",
        "twin",
        "twins",
        "brother",
        "sister",
        "the",
        "of",
        "and",
        "in",
        "for",
        "safeguarding",
        "subject",
    ]
)


def _looks_like_name(text: str) -> bool:
    if _TITLES.search(text):
        return True
    run = 0
    for token in re.split(r"[\s,;()]+", text):
        if _WORD.fullmatch(token) and token.lower() not in GENERIC_WORDS:
            run += 1
            if run >= 2:
                return True
        else:
            run = 0
    return False


def subject_reference_warnings(text: str) -> list[str]:
    """Plain-language reasons the reference may identify someone; empty when it looks safe."""
    text = (text or "").strip()
    warnings: list[str] = []
    if not text:
        return warnings
    if _looks_like_name(text):
        warnings.append("it looks like a real name")
    if any(p.search(text) for p in _DATE_PATTERNS):
        warnings.append("it looks like it contains a date of birth")
    return warnings
