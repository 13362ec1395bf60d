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
    for app in ("boards", "workplans", "reviews", "reporting"):
        assert demo_files.read(app)
