"""Key figures: the series behind the monthly economy report (DOMAIN.md §4).

Each series is imported from a file (services.py) and a re-import replaces the months the file
covers. Months are stored as the first day of the month. Amounts are kroner (MoneyField: øre in the
database, Decimal in Python); days of absence are Decimal days (one day = 7,4 hours).

Sick leave is health data: it is stored per unit and month only. A file per employee and day is
added up on import, and the employee ids are never stored.
"""

from django.conf import settings
from django.db import models

from styr.core.money import MoneyField
from styr.organisation.models import Unit


class Series(models.TextChoices):
    """The imported series; the value is the name used by ``styr keyfigures … --series``."""

    LIQUIDITY = "liquidity", "Likviditet pr. dag"
    ARREARS = "arrears", "Restancer pr. måned"
    ABSENCE = "absence", "Sygefravær pr. enhed og måned"
    NATIONAL_ABSENCE = "national-absence", "Sygefravær, landsgennemsnit pr. måned"
    HEADCOUNT = "headcount", "Ansatte pr. enhed og måned"
    POPULATION = "population", "Befolkningstal pr. måned"


class LiquidityDay(models.Model):
    """The bank and cash balance at the end of one day (an overdraft is negative)."""

    day = models.DateField("dato", unique=True)
    balance = MoneyField("likvide aktiver (kr.)")

    class Meta:
        verbose_name = "likviditet pr. dag"
        verbose_name_plural = "likviditet pr. dag"
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d-%m-%Y}: {self.balance} kr."


class ArrearsMonth(models.Model):
    """Arrears at the end of a month: claims the municipality still holds itself (of which property
    tax), and claims handed to Gældsstyrelsen for collection."""

    month = models.DateField("måned", unique=True)
    municipality = MoneyField("restancer hos kommunen (kr.)")
    property_tax = MoneyField("heraf ejendomsskat (kr.)")
    collection_agency = MoneyField("restancer til inddrivelse hos Gældsstyrelsen (kr.)")

    class Meta:
        verbose_name = "restancer pr. måned"
        verbose_name_plural = "restancer pr. måned"
        ordering = ["month"]

    def __str__(self) -> str:
        return f"Restancer {self.month:%Y-%m}"


class AbsenceMonth(models.Model):
    """Sick days and possible working days of one unit's own staff in one month (not its subtree)."""

    month = models.DateField("måned")
    unit = models.ForeignKey(Unit, verbose_name="enhed", on_delete=models.PROTECT, related_name="+")
    sick_days = models.DecimalField("sygedage", max_digits=14, decimal_places=2)
    possible_days = models.DecimalField("mulige arbejdsdage", max_digits=14, decimal_places=2)
    # Employees the figures cover, when the file says (or a file per employee shows): it decides
    # whether a small unit's figures are shown (settings.STYR_ABSENCE_MIN_EMPLOYEES).
    employees = models.PositiveIntegerField("medarbejdere", null=True, blank=True)

    class Meta:
        verbose_name = "sygefravær pr. enhed og måned"
        verbose_name_plural = "sygefravær pr. enhed og måned"
        ordering = ["month", "unit"]
        constraints = [models.UniqueConstraint(fields=["month", "unit"], name="absence_once_per_unit_and_month")]

    def __str__(self) -> str:
        return f"Sygefravær {self.month:%Y-%m}, enhed {self.unit_id}"


class NationalAbsenceMonth(models.Model):
    """The national average sick-leave percentage for a month, for comparison."""

    month = models.DateField("måned", unique=True)
    percent = models.DecimalField("fraværsprocent", max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = "sygefravær, landsgennemsnit"
        verbose_name_plural = "sygefravær, landsgennemsnit"
        ordering = ["month"]

    def __str__(self) -> str:
        return f"Landsgennemsnit {self.month:%Y-%m}: {self.percent} %"


class HeadcountMonth(models.Model):
    """People employed in one unit (its own staff) in a month, and their full-time equivalents."""

    month = models.DateField("måned")
    unit = models.ForeignKey(Unit, verbose_name="enhed", on_delete=models.PROTECT, related_name="+")
    persons = models.PositiveIntegerField("ansatte")
    fte = models.DecimalField("årsværk", max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = "ansatte pr. enhed og måned"
        verbose_name_plural = "ansatte pr. enhed og måned"
        ordering = ["month", "unit"]
        constraints = [models.UniqueConstraint(fields=["month", "unit"], name="headcount_once_per_unit_and_month")]

    def __str__(self) -> str:
        return f"Ansatte {self.month:%Y-%m}, enhed {self.unit_id}"


class PopulationMonth(models.Model):
    """The population on the first day of a month (as Statistics Denmark counts it), so the count
    for October is the population at the end of September."""

    month = models.DateField("måned", unique=True)
    population = models.PositiveIntegerField("befolkningstal")

    class Meta:
        verbose_name = "befolkningstal"
        verbose_name_plural = "befolkningstal"
        ordering = ["month"]

    def __str__(self) -> str:
        return f"Befolkningstal {self.month:%Y-%m}: {self.population}"


class KeyFigureImport(models.Model):
    """One imported file: which series, which months it replaced, who did it. Audited."""

    series = models.CharField("serie", max_length=20, choices=Series.choices)
    file_name = models.CharField("fil", max_length=255)
    months = models.JSONField("måneder", default=list)  # ["2022-09", …]
    row_count = models.PositiveIntegerField("rækker i filen", default=0)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="indlæst af", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    imported_at = models.DateTimeField("indlæst", auto_now_add=True)

    class Meta:
        verbose_name = "nøgletalsimport"
        verbose_name_plural = "nøgletalsimporter"
        ordering = ["-imported_at", "-pk"]

    def __str__(self) -> str:
        months = ", ".join(self.months[:3]) + (" …" if len(self.months) > 3 else "")
        return f"{self.get_series_display()}: {self.file_name} ({months})"
