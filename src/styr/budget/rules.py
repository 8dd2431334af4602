"""The budget rules a finance officer states, as plain functions (no database)."""

from collections.abc import Iterable
from decimal import Decimal

from styr.documents.numbers import fmt_kr

from .models import ChangeKind

# An omplacering moves budget between areas and a pool release moves it out of a pool: both are
# budget-neutral, so their lines must net to zero. A tillægsbevilling adds money and must say how
# it is financed (styrelsesloven § 40, stk. 2). A carry-over brings last year's result forward.
NET_ZERO_KINDS = frozenset({ChangeKind.REALLOCATION, ChangeKind.POOL_RELEASE})


def change_problems(kind: str, amounts: Iterable[Decimal], financing: str = "") -> list[str]:
    """What is wrong with a budget change, in Danish; an empty list means it may be recorded."""
    amounts = list(amounts)
    problems = []
    if not amounts:
        problems.append("En budgetændring skal have mindst én linje.")
    if any(amount == 0 for amount in amounts):
        problems.append("En linje med beløbet 0 kr. ændrer intet; fjern den.")
    total = sum(amounts, Decimal(0))
    if kind in NET_ZERO_KINDS and total != 0:
        label = ChangeKind(kind).label.lower()
        problems.append(f"En {label} skal gå i nul på tværs af linjerne, men summen er {fmt_kr(total, 2)}")
    if kind in NET_ZERO_KINDS and len(amounts) < 2 and amounts:
        problems.append("En omplacering flytter budget mellem mindst to linjer.")
    if kind == ChangeKind.SUPPLEMENTARY and not financing.strip():
        problems.append("En tillægsbevilling skal angive, hvordan den finansieres.")
    return problems


def corrected_budget(original: Decimal, change_amounts: Iterable[Decimal]) -> Decimal:
    """KB = OB + every recorded change (tillæg, omplaceringer, overførsler, puljeudmøntninger)."""
    return original + sum(change_amounts, Decimal(0))
