"""The rules for budget changes, as a finance officer states them."""

from decimal import Decimal as D

from styr.budget.models import ChangeKind
from styr.budget.rules import change_problems, corrected_budget


def test_an_omplacering_that_nets_to_zero_may_be_recorded():
    assert change_problems(ChangeKind.REALLOCATION, [D("-500000"), D("300000"), D("200000")]) == []


def test_an_omplacering_that_does_not_net_to_zero_is_refused_with_the_difference():
    problems = change_problems(ChangeKind.REALLOCATION, [D("-500000"), D("400000")])
    assert problems == ["En omplacering skal gå i nul på tværs af linjerne, men summen er -100.000,00 kr."]


def test_a_pool_release_must_also_net_to_zero():
    assert change_problems(ChangeKind.POOL_RELEASE, [D("-1000000"), D("1000000")]) == []
    assert change_problems(ChangeKind.POOL_RELEASE, [D("1000000")])


def test_a_supplementary_appropriation_must_say_how_it_is_financed():
    assert change_problems(ChangeKind.SUPPLEMENTARY, [D("750000")], financing="") == [
        "En tillægsbevilling skal angive, hvordan den finansieres."]
    assert change_problems(ChangeKind.SUPPLEMENTARY, [D("750000")], financing="Kassebeholdningen") == []


def test_a_carry_over_need_not_net_to_zero():
    assert change_problems(ChangeKind.CARRY_OVER, [D("120000"), D("-600000")]) == []


def test_a_change_without_lines_or_with_a_zero_line_is_refused():
    assert change_problems(ChangeKind.CARRY_OVER, []) == ["En budgetændring skal have mindst én linje."]
    assert "En linje med beløbet 0 kr. ændrer intet; fjern den." in change_problems(
        ChangeKind.CARRY_OVER, [D("0")])


def test_the_corrected_budget_is_the_original_plus_every_change():
    assert corrected_budget(D("78800000"), [D("-11000000"), D("-23000000"), D("1200000.50")]) == D("46000000.50")
    assert corrected_budget(D("1000"), []) == D("1000")
