import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from boards.models import Board, Membership, Person, Subgroup


@pytest.mark.django_db
def test_loaddemo_twice_adds_nothing_the_second_time(capsys):
    call_command("loaddemo")
    counts = [m.objects.count() for m in (Board, Subgroup, Person, Membership, get_user_model())]
    call_command("loaddemo")
    assert [
        m.objects.count() for m in (Board, Subgroup, Person, Membership, get_user_model())
    ] == counts
    out = capsys.readouterr().out
    for username in ("admin", "officer", "chair", "portfolio", "member"):
        assert username in out


@pytest.mark.django_db
def test_demo_logins_work_and_see_the_board(client):
    call_command("loaddemo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    for username in ("officer", "chair", "portfolio", "member"):
        assert client.login(username=username, password="demo")
        page = client.get("/boards/hartlepool/")
        assert page.status_code == 200, username
        assert "Practice, Policy and Procedure" in page.content.decode()
    assert Subgroup.objects.filter(board__slug="hartlepool").count() == 5
