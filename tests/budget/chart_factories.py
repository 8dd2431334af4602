"""A small chart of accounts for budget tests."""

from styr.budget.models import Art, Classification, Function


def make_small_chart(year: int) -> None:
    Function.objects.create(year=year, code="3.22.01", name="Folkeskoler", classification=Classification.SERVICE)
    Function.objects.create(year=year, code="5.30.27", name="Pleje og omsorg", classification=Classification.SERVICE)
    Function.objects.create(year=year, code="5.57.73", name="Kontanthjælp", classification=Classification.TRANSFER)
    Art.objects.create(year=year, code="1.0", name="Lønninger")
    Art.objects.create(year=year, code="4.0", name="Tjenesteydelser uden moms")
    Art.objects.create(year=year, code="7.2", name="Salg af produkter og ydelser")
