"""A budget for the bench database, so that the overview's budget side is measured too.

The bench database (``bench.prepare`` and the posting file) has no budget, and an overview without
one skips the budget queries and the periodisation. This adds what a municipality of that size has:
one budget line per account string of the posting file (about 18.000 lines; salaries on the
salary profile, a tenth of the rest following last year's actuals, the rest even) and a few hundred
budget changes with a few lines each. The same rows every time.

Run as ``python -m bench.budget`` with DJANGO_SETTINGS_MODULE and the database in the environment,
after ``bench.prepare`` (the import may come before or after).
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

import django

CHANGES = 400


def add_budget(seed: int = 2022) -> tuple[int, int]:
    """The budget and its changes; (budget lines, change lines)."""
    from styr.budget.models import (
        Art,
        Budget,
        BudgetChange,
        BudgetChangeLine,
        BudgetLine,
        ChangeKind,
        Function,
        Profile,
    )
    from styr.budget.rollups import rebuild_budget_year
    from styr.organisation.models import CostCentre

    from .generate import YEAR, account_strings

    rng = random.Random(seed)
    accounts = sorted(set(account_strings(random.Random(seed))))  # the file's own account strings (generate.py)
    centres = dict(CostCentre.objects.values_list("code", "id"))
    functions = dict(Function.objects.filter(year=YEAR).values_list("code", "id"))
    arts = dict(Art.objects.filter(year=YEAR).values_list("code", "id"))
    budget = Budget.objects.create(budget_year=YEAR, name=f"Budget {YEAR}")
    lines = []
    for account in accounts:
        function, dranst, art, centre = account.split(";")
        profile = Profile.SALARY if art.startswith("1.") else \
            Profile.LAST_YEAR if rng.random() < 0.1 else Profile.EVEN
        lines.append(BudgetLine(budget=budget, year=YEAR, cost_centre_id=centres[centre],
                                function_id=functions[function], dranst=int(dranst), art_id=arts[art],
                                amount=Decimal(rng.randint(10_000, 5_000_000)), profile=profile))
    BudgetLine.objects.bulk_create(lines, batch_size=2000)
    change_lines = []
    for n in range(CHANGES):
        change = BudgetChange.objects.create(
            year=YEAR, kind=ChangeKind.REALLOCATION, decided_on=datetime.date(YEAR, 1 + n % 12, 1 + n % 28),
            body="Økonomiudvalget", text=f"Omplacering {n + 1}")
        moved = Decimal(rng.randint(1_000, 500_000))
        for sign in (1, -1):
            for part in (Decimal("0.25"), Decimal("0.75")):
                function, dranst, art, centre = rng.choice(accounts).split(";")
                change_lines.append(BudgetChangeLine(change=change, cost_centre_id=centres[centre],
                                                     function_id=functions[function], dranst=int(dranst),
                                                     art_id=arts[art], amount=sign * moved * part))
    BudgetChangeLine.objects.bulk_create(change_lines, batch_size=2000)
    rebuild_budget_year(YEAR)  # as the budget's own imports and changes do after their writes
    return len(lines), len(change_lines)


if __name__ == "__main__":
    django.setup()
    lines, change_lines = add_budget()
    print(f"{lines} budgetlinjer, {change_lines} ændringslinjer")
