from __future__ import annotations

import contextlib
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lscb.models import AuditEvent
from reporting.models import IndicatorValue

GOOD = (
    "Quarter,Indicator,Value\n"
    "2008Q3,protection_plans,62\n"
    "2008Q3,plans_neglect,37\n"
    "2008Q2,protection_plans,60\n"
    "2008Q3,staff_in_post,119.5\n"
)


def upload(client, board, text: str, name: str = "figures.csv"):
    return client.post(
        reverse("reporting:figures_import", args=[board.slug]),
        {"file": SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")},
    )


def test_good_file_is_previewed_then_saved_on_confirm(client, board, alice):
    client.force_login(alice)
    response = upload(client, board, GOOD)
    page = response.content.decode()
    assert "Check the figures before they are saved" in page
    assert not IndicatorValue.objects.exists()  # nothing until confirmed
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    response = client.post(reverse("reporting:figures_import", args=[board.slug]), {"token": token})
    assert response.status_code == 302
    values = dict(
        IndicatorValue.objects.filter(board=board)
        .values_list("quarter", "indicator__code")
        .order_by()
        .values_list("indicator__code", "value")
    )
    assert values["plans_neglect"] == 37
    assert str(values["staff_in_post"]) == "119.50"
    assert IndicatorValue.objects.filter(board=board).count() == 4
    assert AuditEvent.objects.filter(action="reporting.figures_imported", actor=alice).exists()
    # The token is spent: confirming twice writes nothing more.
    again = client.post(reverse("reporting:figures_import", args=[board.slug]), {"token": token})
    assert again.status_code == 302


def test_file_with_bad_rows_lists_them_and_writes_nothing(client, board, alice):
    client.force_login(alice)
    text = (
        "quarter,indicator code,value\n"
        "2008Q3,protection_plans,62\n"
        "2008Q5,protection_plans,1\n"
        "2008Q3,no_such_thing,1\n"
        "2008Q3,plans_neglect,lots\n"
        "2008Q3,plans_sexual,-1\n"
        "2008Q3,plans_emotional,2.5\n"
        "2008Q3,protection_plans,63\n"
    )
    page = upload(client, board, text).content.decode()
    assert "The file was not imported" in page
    for line, message in [
        (3, "is not a quarter"),
        (4, "no indicator with the code"),
        (5, "is not a number"),
        (6, "cannot be negative"),
        (7, "must be a whole number"),
        (8, "is already on line 2"),
    ]:
        assert f"Row {line}: " in page and message in page
    assert not IndicatorValue.objects.exists()


def test_file_without_the_columns_is_refused(client, board, alice):
    client.force_login(alice)
    page = upload(client, board, "when,what\n2008Q3,62\n").content.decode()
    assert "missing: quarter, indicator, value" in page
    assert not IndicatorValue.objects.exists()


def test_only_csv_files_are_accepted(client, board, alice):
    client.force_login(alice)
    page = upload(client, board, GOOD, name="figures.xlsx").content.decode()
    assert "Upload a CSV file" in page


def test_an_import_token_cannot_be_used_on_another_board(client, board, other_board, alice):
    from tests.factories import member

    alice = member(other_board, "alice", "officer")  # an officer of both boards
    client.force_login(alice)
    page = upload(client, board, GOOD).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    client.post(reverse("reporting:figures_import", args=[other_board.slug]), {"token": token})
    assert not IndicatorValue.objects.exists()


def test_failure_while_writing_leaves_nothing_half_written(client, board, alice, monkeypatch):
    from reporting import services

    client.force_login(alice)
    page = upload(client, board, GOOD).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    real = IndicatorValue.objects.create
    calls = []

    def fail_on_third(**kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("database fell over")
        return real(**kwargs)

    monkeypatch.setattr(IndicatorValue.objects, "create", fail_on_third)
    with contextlib.suppress(RuntimeError):
        client.post(reverse("reporting:figures_import", args=[board.slug]), {"token": token})
    assert len(calls) == 3
    assert not IndicatorValue.objects.exists()
    assert services  # the service ran inside one transaction
