"""{% link %} gives exactly the URL reverse() gives, and falls back to it when it must."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse, set_script_prefix

from lscb.links import _pieces, link


@pytest.fixture(autouse=True)
def fresh_pieces():
    _pieces.cache_clear()
    yield
    _pieces.cache_clear()
    set_script_prefix("/")


@pytest.mark.parametrize(
    ("viewname", "args"),
    [
        ("home", []),
        ("boards:detail", ["hartlepool"]),
        ("workplans:detail", ["hartlepool", 12]),
        ("workplans:outcome", ["scale-001", 374]),
        ("workplans:record_progress", ["a_b-c", 1]),
        ("reviews:detail", ["hartlepool", "7"]),
        ("reporting:download", ["hartlepool", 10**12]),
    ],
)
def test_link_is_the_url_reverse_gives(viewname, args):
    assert link(viewname, *args) == reverse(viewname, args=args)
    assert link(viewname, *args) == reverse(viewname, args=args)  # from the cached pieces


def test_arguments_the_pieces_cannot_take_go_through_reverse():
    # Not digits where the pattern takes an int: reverse() refuses, and so does link().
    with pytest.raises(NoReverseMatch):
        link("workplans:outcome", "hartlepool", "12x")
    with pytest.raises(NoReverseMatch):
        link("workplans:outcome", "hartlepool", True)
    with pytest.raises(NoReverseMatch):
        link("boards:detail", "not a slug")
    with pytest.raises(NoReverseMatch):
        link("workplans:outcome", "hartlepool")  # too few arguments


def test_the_script_prefix_is_part_of_every_link():
    set_script_prefix("/lscb/")
    assert link("boards:detail", "hartlepool") == "/lscb/boards/hartlepool/"
    set_script_prefix("/")
    assert link("boards:detail", "hartlepool") == "/boards/hartlepool/"


def test_link_tag_matches_the_url_tag_and_escapes_like_it():
    context = Context({"slug": "hartlepool", "pk": 5})
    ours = Template(
        "{% load lscb_tags %}{% link 'workplans:outcome' slug pk %}|"
        "{% link 'workplans:outcome' slug pk as href %}{{ href }}"
    ).render(context)
    theirs = Template("{% url 'workplans:outcome' slug pk %}").render(context)
    assert ours == f"{theirs}|{theirs}"
