from __future__ import annotations

from decimal import Decimal

import pytest

from lscb.vocab import Quarter
from reporting.demo import FIGURES, NARRATIVE_2008Q3
from reporting.indicators import ensure_core_indicators
from reporting.models import Indicator, IndicatorValue, ReportNarrative

Q3 = Quarter.parse("2008Q3")


@pytest.fixture(autouse=True)
def core_indicators(request):
    """The migration ships the indicators, but transactional tests flush them afterwards."""
    for name in ("transactional_db", "db"):
        if name in request.fixturenames:
            request.getfixturevalue(name)
            ensure_core_indicators()
            return


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def load_figures(board, quarters=("2008Q1", "2008Q2", "2008Q3", "2007Q4")) -> None:
    indicators = {i.code: i for i in Indicator.objects.all()}
    IndicatorValue.objects.bulk_create(
        IndicatorValue(board=board, indicator=indicators[code], quarter=q, value=Decimal(v))
        for q in quarters
        for code, v in FIGURES[q].items()
    )


@pytest.fixture
def figures(board):
    """Hartlepool's figures for 2008Q3 and earlier quarters, on the test board."""
    load_figures(board)
    return board


@pytest.fixture
def narrative(board):
    return ReportNarrative.objects.create(board=board, quarter="2008Q3", **NARRATIVE_2008Q3)
