"""The mapping from the dataset's indicators to the national returns' codes."""

from __future__ import annotations

import copy
from importlib.resources import files

import pytest
import yaml

from reporting.indicators import CORE_CODES
from reporting.national import MAPPING_FILE, MappingError, Period, national_codes, parse_mapping
from reviews.criteria import LABELS

RAW = yaml.safe_load(files("reporting").joinpath(MAPPING_FILE).read_text(encoding="utf-8"))


def test_every_indicator_has_one_entry_in_the_mapping_in_the_datasets_order():
    assert [m.indicator for m in national_codes().mappings] == CORE_CODES


def test_categories_of_abuse_map_one_to_one_onto_the_census_codes():
    exported = national_codes().exported
    assert {code: exported[code].national_code for code in CORE_CODES if "plans_" in code} == {
        "plans_neglect": "NEG",
        "plans_physical": "PHY",
        "plans_emotional": "EMO",
        "plans_sexual": "SAB",
        "plans_multiple": "MUL",
    }
    assert {exported[c].match for c in exported if c.startswith("plans_")} == {"exact"}


def test_placement_types_coarser_than_the_return_are_grouped_and_say_so():
    exported = national_codes().exported
    assert exported["placed_foster"].codes == ("U1", "U2", "U3", "U4", "U5", "U6")
    assert exported["placed_foster"].match == "grouped"
    assert exported["placed_adoption"].match == "grouped"
    assert exported["placed_hostel"].match == "nearest"
    assert exported["placed_parents"].codes == ("P1",)
    assert all(exported[c].note for c in exported if exported[c].match in {"grouped", "nearest"})


def test_every_placement_and_referral_source_code_is_either_mapped_or_listed_as_not_held():
    codes = national_codes()
    for key in ("ssda903:PLACE", "cin:referral_source"):
        field = RAW["fields"][key]
        mapped = {c for m in codes.mappings if m.field == field for c in m.codes}
        not_held = {c for n in codes.not_held if n.field == field for c in n.codes}
        assert not mapped & not_held, key
        assert mapped | not_held == set(codes.code_labels[key]), key


def test_referral_source_codes_are_text_so_ten_stays_ten():
    labels = national_codes().code_labels["cin:referral_source"]
    assert "10" in labels and "1A" in labels
    assert all(isinstance(code, str) for code in labels)


def test_reasons_for_referral_are_not_passed_off_as_sources():
    exported = national_codes().exported
    assert exported["referrals"].match == "total"
    assert not exported["referrals"].codes
    assert not any(code.startswith("referrals_") for code in exported)


def test_the_nature_of_a_notification_names_only_real_statutory_criteria():
    codes = national_codes()
    assert set(codes.nature_of_criterion) <= set(LABELS)
    assert set(codes.nature_labels) == {"death", "serious_harm", "other"}


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["indicators"][4].update(codes=["NEGLECT"]), "NEGLECT"),
        (lambda d: d["indicators"][4].update(match="close"), "match must be"),
        (lambda d: d["indicators"][4].update(field="cin:nowhere"), "cin:nowhere"),
        (lambda d: d["indicators"][4].update(codes=[]), "a total has no codes"),
        (lambda d: d["not_held"][1]["codes"].append("X9"), "X9"),
    ],
)
def test_a_mistake_in_the_mapping_file_is_refused_with_what_is_wrong(change, message):
    data = copy.deepcopy(RAW)
    change(data)
    with pytest.raises(MappingError, match=message):
        parse_mapping(data)


@pytest.mark.parametrize(
    "text, code, quarters",
    [
        ("2008-09", "2008-09", ["2008Q1", "2008Q2", "2008Q3", "2008Q4"]),
        ("2008Q3", "2008Q3", ["2008Q3"]),
        ("1999-00", "1999-00", ["1999Q1", "1999Q2", "1999Q3", "1999Q4"]),
    ],
)
def test_a_period_is_a_financial_year_or_one_quarter(text, code, quarters):
    period = Period.parse(text)
    assert period.code == code
    assert [q.code for q in period.quarters] == quarters


@pytest.mark.parametrize("text", ["2008-10", "2008", "2008Q5", "", "2008-9"])
def test_anything_else_is_not_a_period(text):
    with pytest.raises(ValueError):
        Period.parse(text)
