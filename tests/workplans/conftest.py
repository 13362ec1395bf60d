from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import SubgroupFactory, ThemeFactory
from tests.workplans.factories import OutcomeFactory, WorkplanFactory


@pytest.fixture
def subgroup(board):
    return SubgroupFactory(board=board, name="Training")


@pytest.fixture
def other_subgroup(board):
    return SubgroupFactory(board=board, name="Quality and Performance")


@pytest.fixture
def theme(db):
    return ThemeFactory(name="Neglect", slug="neglect")


@pytest.fixture
def workplan(board):
    return WorkplanFactory(board=board, title="Workplan this year")


@pytest.fixture
def outcome(workplan, subgroup, theme):
    o = OutcomeFactory(workplan=workplan, title="Train everyone")
    o.lead_subgroups.add(subgroup)
    o.themes.add(theme)
    return o


@pytest.fixture
def workplan_2008(board):
    return WorkplanFactory(
        board=board, title="Workplan 2008/09", start=dt.date(2008, 4, 1), end=dt.date(2009, 3, 31)
    )


@pytest.fixture
def outcome_2008(workplan_2008, subgroup):
    o = OutcomeFactory(workplan=workplan_2008, title="Review the procedures")
    o.lead_subgroups.add(subgroup)
    return o
