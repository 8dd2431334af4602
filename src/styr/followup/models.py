"""Monthly follow-up: rounds, each budget holder's forecast, pools, risk pictures and goal status.

The figures a round starts from (OB, KB, actuals to date, last round's forecast, the naive
forecast) are copied into each forecast when the round opens, so a report written from the round
says the same next year as it did on the day.
"""

from django.conf import settings
from django.db import models

from styr.core.money import MoneyField
from styr.organisation.models import Unit


class RoundStatus(models.TextChoices):
    OPEN = "aaben", "Åben"
    CLOSED = "afsluttet", "Afsluttet"


class Round(models.Model):
    """A follow-up round: "Budgetopfølgning pr. 31. juli 2022", for all budget holders or one committee."""

    year = models.PositiveSmallIntegerField("år")
    month = models.PositiveSmallIntegerField("måned")
    scope = models.ForeignKey(Unit, verbose_name="omfatter", on_delete=models.PROTECT, related_name="+",
                              help_text="Kommunen (alle budgetansvarlige) eller et udvalg")
    deadline = models.DateField("frist")
    status = models.CharField("status", max_length=12, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "opfølgningsrunde"
        verbose_name_plural = "opfølgningsrunder"
        ordering = ["-year", "-month"]
        constraints = [models.UniqueConstraint(fields=["year", "month", "scope"], name="one_round_per_month_scope")]

    def __str__(self) -> str:
        from styr.documents.numbers import fmt_as_of

        return f"Budgetopfølgning {fmt_as_of(self.last_day)}"

    @property
    def last_day(self):
        import calendar
        import datetime

        return datetime.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def period(self) -> int:
        return self.year * 100 + self.month


class ForecastStatus(models.TextChoices):
    DRAFT = "kladde", "Ikke indsendt"
    SUBMITTED = "indsendt", "Indsendt"
    RETURNED = "returneret", "Sendt retur"
    APPROVED = "godkendt", "Godkendt"


class Forecast(models.Model):
    """A budget holder's expected year-end result (forventet regnskab) for operations or capital."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="forecasts")
    unit = models.ForeignKey(Unit, verbose_name="bevillingsområde", on_delete=models.PROTECT, related_name="+")
    capital = models.BooleanField("anlæg", default=False)
    # Copied when the round opens (see the module docstring).
    original_budget = MoneyField("oprindeligt budget")
    corrected_budget = MoneyField("korrigeret budget")
    actual_to_date = MoneyField("forbrug til dato")
    previous_expected = MoneyField("forventet ved seneste opfølgning", null=True, blank=True)
    naive_forecast = MoneyField("fremskrivning", null=True, blank=True)
    service_original_budget = MoneyField("oprindeligt budget, service", default=0)
    service_corrected_budget = MoneyField("korrigeret budget, service", default=0)
    # The budget holder's answer.
    expected = MoneyField("forventet regnskab", null=True, blank=True)
    expected_next_year = MoneyField("forventet forbrug næste år af overført beløb", null=True, blank=True)
    explanation = models.TextField("forklaring", blank=True)
    status = models.CharField("status", max_length=12, choices=ForecastStatus.choices, default=ForecastStatus.DRAFT)
    return_comment = models.TextField("bemærkning fra Økonomi", blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "prognose"
        verbose_name_plural = "prognoser"
        ordering = ["round", "unit__path", "capital"]
        constraints = [models.UniqueConstraint(fields=["round", "unit", "capital"], name="one_forecast_per_area")]

    def __str__(self) -> str:
        part = "anlæg" if self.capital else "drift"
        return f"{self.unit} ({part}), {self.round}"


class AreaSetting(models.Model):
    """Local policy per budget holder: carry-over access, and whether the area is a pool."""

    unit = models.OneToOneField(Unit, verbose_name="bevillingsområde", on_delete=models.CASCADE,
                                related_name="followup_setting")
    carry_over_allowed = models.BooleanField("overførselsadgang", default=True)
    carry_over_cap_percent = models.DecimalField("loft for overførsel (% af budgettet)", max_digits=5,
                                                 decimal_places=2, default=5)

    class Meta:
        verbose_name = "områdeindstilling"
        verbose_name_plural = "områdeindstillinger"

    def __str__(self) -> str:
        return f"{self.unit}: {'overførselsadgang' if self.carry_over_allowed else 'ingen overførselsadgang'}"


class PoolKind(models.TextChoices):
    DEMOGRAPHY = "demografi", "Demografipulje"
    STABILITY = "stabilitet", "Pulje til stabilitet"


class Pool(models.Model):
    """A pool on one area's budget. A demography pool finances the overspend of a named area, which
    may lie under another committee; a stability pool is not expected to be used."""

    year = models.PositiveSmallIntegerField("år")
    name = models.CharField("navn", max_length=200)
    kind = models.CharField("type", max_length=12, choices=PoolKind.choices)
    holder = models.ForeignKey(Unit, verbose_name="puljens område", on_delete=models.PROTECT, related_name="+")
    amount = MoneyField("afsat beløb")
    finances = models.ForeignKey(Unit, verbose_name="finansierer merforbrug på", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    description = models.TextField("beskrivelse", blank=True)

    class Meta:
        verbose_name = "pulje"
        verbose_name_plural = "puljer"
        ordering = ["year", "name"]

    def __str__(self) -> str:
        return f"{self.name} {self.year}"


class RiskPicture(models.Model):
    """A budget holder's risk picture: the dialogue that replaces an automatic action-plan meeting."""

    unit = models.ForeignKey(Unit, verbose_name="bevillingsområde", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("år")
    updated_at = models.DateTimeField("opdateret", auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        verbose_name = "risikobillede"
        verbose_name_plural = "risikobilleder"
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="one_risk_picture_per_year")]

    def __str__(self) -> str:
        return f"Risikobillede {self.unit} {self.year}"


class Risk(models.Model):
    picture = models.ForeignKey(RiskPicture, on_delete=models.CASCADE, related_name="risks")
    description = models.TextField("beskrivelse")
    likelihood = models.PositiveSmallIntegerField("sandsynlighed (1–5)")
    consequence = MoneyField("konsekvens (kr.)")
    mitigation = models.TextField("afbødende handling", blank=True)
    owner = models.CharField("ansvarlig", max_length=200, blank=True)
    due_date = models.DateField("frist", null=True, blank=True)

    class Meta:
        verbose_name = "risiko"
        verbose_name_plural = "risici"
        ordering = ["-likelihood", "-consequence"]

    def __str__(self) -> str:
        return self.description[:60]


class ActionPlanMeeting(models.Model):
    unit = models.ForeignKey(Unit, verbose_name="bevillingsområde", on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField("afholdt den")
    participants = models.CharField("deltagere", max_length=300, blank=True)
    note = models.TextField("referat", blank=True)

    class Meta:
        verbose_name = "handleplansmøde"
        verbose_name_plural = "handleplansmøder"
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"Handleplansmøde {self.unit} {self.held_on:%d-%m-%Y}"


class GoalColour(models.TextChoices):
    GREEN = "groen", "Grøn"
    YELLOW = "gul", "Gul"
    RED = "roed", "Rød"


class GoalStatus(models.Model):
    """The status of one of the area's goals, given with the round's forecast."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="goal_statuses")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    goal = models.CharField("mål", max_length=300)
    colour = models.CharField("status", max_length=6, choices=GoalColour.choices)
    note = models.TextField("bemærkning", blank=True)

    class Meta:
        verbose_name = "målstatus"
        verbose_name_plural = "målstatus"
        ordering = ["round", "unit", "goal"]

    def __str__(self) -> str:
        return f"{self.goal}: {self.get_colour_display()}"
