from __future__ import annotations

import datetime as dt

import factory

from reporting.models import (
    ItemSection,
    PortfolioItem,
    PortfolioMeeting,
    QuarterlyReport,
    ReportStatus,
)
from tests.factories import BoardFactory


class QuarterlyReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuarterlyReport

    board = factory.SubFactory(BoardFactory)
    quarter = "2008Q3"
    version = factory.Sequence(lambda n: n + 1)
    status = ReportStatus.QUEUED


class PortfolioMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PortfolioMeeting

    board = factory.SubFactory(BoardFactory)
    date = dt.date(2009, 1, 29)
    time = dt.time(9, 0)
    venue = "Committee Room A"
    decision_maker = "The Cabinet Member for Children's Services"


class PortfolioItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PortfolioItem

    meeting = factory.SubFactory(PortfolioMeetingFactory)
    section = ItemSection.OTHER
    title = factory.Sequence(lambda n: f"Item {n}")
    report_of = "Director of Children's Services"
