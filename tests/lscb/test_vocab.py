import datetime as dt

import pytest

from lscb.vocab import (
    Quarter,
    add_working_days,
    financial_year_label,
    is_working_day,
    month_end,
    working_days_between,
)


def test_quarters_follow_the_financial_year():
    q3 = Quarter.parse("2008Q3")
    assert (q3.start, q3.end) == (dt.date(2008, 10, 1), dt.date(2008, 12, 31))
    q4 = Quarter.parse("2008q4")
    assert (q4.start, q4.end) == (dt.date(2009, 1, 1), dt.date(2009, 3, 31))
    assert Quarter.containing(dt.date(2009, 2, 14)) == q4
    assert Quarter.containing(dt.date(2008, 4, 1)) == Quarter(2008, 1)
    assert q4.next() == Quarter(2009, 1)
    assert Quarter(2009, 1).previous() == q4
    assert q3.financial_year == "2008/09"


@pytest.mark.parametrize("text", ["2008Q5", "Q3", "2008-13", ""])
def test_bad_quarter_text_is_refused_with_an_example(text):
    with pytest.raises(ValueError, match="2008Q3"):
        Quarter.parse(text)


def test_financial_year_period_reads_as_2008_09():
    assert financial_year_label(dt.date(2008, 4, 1), dt.date(2009, 3, 31)) == "2008/09"


def test_bank_holidays_are_not_working_days():
    assert not is_working_day(dt.date(2008, 12, 25))  # Christmas Day
    assert not is_working_day(dt.date(2008, 12, 26))  # Boxing Day
    assert not is_working_day(dt.date(2009, 1, 1))
    assert not is_working_day(dt.date(2008, 8, 25))  # summer bank holiday (England)
    assert is_working_day(dt.date(2008, 12, 24))


def test_working_days_skip_christmas_and_new_year_across_the_year_end():
    # Friday 19 Dec 2008 + 5 working days: 22, 23, 24, 29, 30 December.
    assert add_working_days(dt.date(2008, 12, 19), 5) == dt.date(2008, 12, 30)
    # + 15 working days runs into January 2009 past New Year's Day.
    assert add_working_days(dt.date(2008, 12, 19), 15) == dt.date(2009, 1, 14)
    assert working_days_between(dt.date(2008, 12, 19), dt.date(2009, 1, 14)) == 15


def test_easter_is_skipped():
    # Thursday 9 April 2009, then Good Friday 10th and Easter Monday 13th.
    assert add_working_days(dt.date(2009, 4, 9), 1) == dt.date(2009, 4, 14)


def test_month_end():
    assert month_end(2009, 2) == dt.date(2009, 2, 28)
    assert month_end(2008, 2) == dt.date(2008, 2, 29)


def test_working_days_between_agrees_with_counting_day_by_day_over_years():
    """The arithmetic count (fast for clocks on old reviews) matches a plain daily count,
    across weekends, bank holidays, year ends and both directions."""
    import random

    def by_day(start, end):
        if end < start:
            return -by_day(end, start)
        days = (start + dt.timedelta(days=n) for n in range(1, (end - start).days + 1))
        return sum(1 for day in days if is_working_day(day))

    rng = random.Random(7)
    for _ in range(300):
        start = dt.date(2004, 1, 1) + dt.timedelta(days=rng.randrange(8000))
        end = start + dt.timedelta(days=rng.randrange(-900, 900))
        assert working_days_between(start, end) == by_day(start, end), (start, end)
