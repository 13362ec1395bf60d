import datetime as dt

from lscb import demo_files


def test_relative_dates_resolve_against_the_day_given_and_others_stay_as_written():
    friday = dt.date(2026, 12, 4)
    data = {
        "fixed": dt.date(2008, 10, 6),
        "soon": {"days_from_today": 45},
        "items": [{"notified": {"working_days_ago": 3}}],
        "plain": {"days": 2, "note": "a mapping with other keys is left alone"},
    }
    resolved = demo_files.resolve(data, friday)
    assert resolved["fixed"] == dt.date(2008, 10, 6)
    assert resolved["soon"] == dt.date(2027, 1, 18)
    assert resolved["items"][0]["notified"] == dt.date(2026, 12, 1)
    assert resolved["plain"] == data["plain"]


def test_every_demo_file_reads():
    from lscb.management.commands.loaddemo import DEMO_APPS

    for app in DEMO_APPS:
        assert demo_files.read(app)


def test_year_quarter_and_month_dates_follow_the_financial_year_of_the_day_given():
    data = {
        "plan": {"start": {"financial_year_start": 0}, "end": {"financial_year_end": 0}},
        "last_year": {"financial_year_start": -1},
        "last_winter": {"days_from_year_start": -46},
        "timescale": {"month_end": 2},
        "meeting": {"working_days_ahead": 3},
        "figures": {"quarter-1": "last", "quarter0": "this"},
        "reported": {"quarter": -2},
    }
    # 2 March 2027 is in the 2026/27 year's fourth quarter.
    resolved = demo_files.resolve(data, dt.date(2027, 3, 2))
    assert resolved["plan"] == {"start": dt.date(2026, 4, 1), "end": dt.date(2027, 3, 31)}
    assert resolved["last_year"] == dt.date(2025, 4, 1)
    assert resolved["last_winter"] == dt.date(2026, 2, 14)
    assert resolved["timescale"] == dt.date(2027, 5, 31)
    assert resolved["meeting"] == dt.date(2027, 3, 5)
    assert resolved["figures"] == {"2026Q3": "last", "2026Q4": "this"}
    assert resolved["reported"] == "2026Q2"
    # On 1 April a new financial year begins.
    assert demo_files.resolve({"financial_year_start": 0}, dt.date(2027, 4, 1)) == dt.date(
        2027, 4, 1
    )


def test_days_ago_this_year_stops_at_the_first_day_of_the_financial_year():
    overdue = {"days_ago_this_year": 10}
    assert demo_files.resolve(overdue, dt.date(2026, 12, 6)) == dt.date(2026, 11, 26)
    assert demo_files.resolve(overdue, dt.date(2026, 4, 5)) == dt.date(2026, 4, 1)
    assert demo_files.resolve(overdue, dt.date(2026, 4, 1)) == dt.date(2026, 4, 1)
