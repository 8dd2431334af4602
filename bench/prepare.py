"""Fill a freshly migrated database with the organisation and chart the bench file refers to.

Run as ``python -m bench.prepare`` with DJANGO_SETTINGS_MODULE and the database in the environment.
"""

import django


def prepare() -> None:
    from styr.budget.models import Art, Classification, Function
    from styr.organisation.models import CostCentre, Unit, UnitKind
    from styr.organisation.tree import rebuild_paths

    from .generate import ARTS, COST_CENTRES, FUNCTIONS, YEAR

    root = Unit.objects.create(code="K", name="Bench Kommune", kind=UnitKind.MUNICIPALITY)
    committees = [Unit.objects.create(code=f"U{n}", name=f"Udvalg {n}", parent=root, kind=UnitKind.COMMITTEE)
                  for n in range(1, 9)]
    holders = Unit.objects.bulk_create([
        Unit(code=f"B{n:04d}", name=f"Bevillingsområde {n}", parent=committees[n % len(committees)],
             kind=UnitKind.BUDGET_HOLDER) for n in range(len(COST_CENTRES) // 10)])
    CostCentre.objects.bulk_create([CostCentre(code=code, unit=holders[n // 10])
                                    for n, code in enumerate(COST_CENTRES)])
    rebuild_paths()
    Function.objects.bulk_create([
        Function(year=YEAR, code=code, name=f"Funktion {code}", classification=Classification(classification))
        for code, classification in FUNCTIONS])
    Art.objects.bulk_create([Art(year=YEAR, code=code, name=f"Art {code}") for code in ARTS])


if __name__ == "__main__":
    django.setup()
    prepare()
