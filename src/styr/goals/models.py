"""Guiding marks (pejlemærker), initiatives (indsatser) and goals (mål) with their indicators.

The council adopts guiding marks for an election period, each anchored in a committee
(reference 002, item 1). Initiatives are linked to one or more guiding marks, so the link shows
both ways. Goals belong to a unit, may support a guiding mark, and carry a status (green, yellow,
red) with a progress note that the unit's leader updates continuously; indicators measure them.
"""

from django.conf import settings
from django.db import models

from styr.followup.models import GoalColour
from styr.organisation.models import Unit

__all__ = ["Direction", "Goal", "GoalColour", "GuidingMark", "Indicator", "Initiative", "Measurement"]


class GuidingMark(models.Model):
    """A pejlemærke: adopted by the council for an election period, owned by a committee."""

    title = models.CharField("titel", max_length=300)
    description = models.TextField("beskrivelse", blank=True)
    committee = models.ForeignKey(Unit, verbose_name="udvalg", on_delete=models.PROTECT, related_name="guiding_marks",
                                  limit_choices_to={"kind": "udvalg"})
    first_year = models.PositiveSmallIntegerField("valgperioden begynder")
    last_year = models.PositiveSmallIntegerField("valgperioden slutter")
    adopted_on = models.DateField("vedtaget af kommunalbestyrelsen", null=True, blank=True)
    position = models.PositiveSmallIntegerField("rækkefølge", default=0)

    class Meta:
        verbose_name = "pejlemærke"
        verbose_name_plural = "pejlemærker"
        ordering = ["-first_year", "committee__name", "position", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def period_label(self) -> str:
        return f"{self.first_year}–{self.last_year}"


class Initiative(models.Model):
    """An indsats: work that moves one or more guiding marks; its progress is documented as it goes."""

    title = models.CharField("titel", max_length=300)
    description = models.TextField("beskrivelse", blank=True)
    unit = models.ForeignKey(Unit, verbose_name="ansvarlig enhed", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="initiatives")
    guiding_marks = models.ManyToManyField(GuidingMark, verbose_name="pejlemærker", related_name="initiatives",
                                           blank=True)
    starts_on = models.DateField("start", null=True, blank=True)
    ends_on = models.DateField("slut", null=True, blank=True)
    status = models.CharField("status", max_length=6, choices=GoalColour.choices, blank=True)
    progress_note = models.TextField("fremdrift", blank=True)
    updated_at = models.DateTimeField("opdateret", auto_now=True)

    class Meta:
        verbose_name = "indsats"
        verbose_name_plural = "indsatser"
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Goal(models.Model):
    """A unit's goal for a year, with the leader's latest status and progress note."""

    unit = models.ForeignKey(Unit, verbose_name="enhed", on_delete=models.PROTECT, related_name="goals")
    year = models.PositiveSmallIntegerField("år")
    title = models.CharField("mål", max_length=300)
    description = models.TextField("beskrivelse", blank=True)
    guiding_mark = models.ForeignKey(GuidingMark, verbose_name="understøtter pejlemærke", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="goals")
    initiative = models.ForeignKey(Initiative, verbose_name="indsats", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="goals")
    status = models.CharField("status", max_length=6, choices=GoalColour.choices, blank=True)
    progress_note = models.TextField("bemærkning til status", blank=True)
    status_updated_at = models.DateTimeField("status opdateret", null=True, blank=True)
    status_updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                          related_name="+")

    class Meta:
        verbose_name = "mål"
        verbose_name_plural = "mål"
        ordering = ["unit__path", "year", "title"]
        constraints = [models.UniqueConstraint(fields=["unit", "year", "title"], name="unique_goal_per_unit_year")]
        indexes = [models.Index(fields=["year", "status"])]

    def __str__(self) -> str:
        return self.title


class Direction(models.TextChoices):
    UP = "op", "Højere er bedre"
    DOWN = "ned", "Lavere er bedre"


class Indicator(models.Model):
    """How a goal is measured: unit of measure, the baseline, the target and which way is better."""

    goal = models.ForeignKey(Goal, verbose_name="mål", on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField("indikator", max_length=300)
    unit_of_measure = models.CharField("måleenhed", max_length=40, help_text="Fx «%», «dage», «point (1–5)».")
    baseline = models.DecimalField("udgangspunkt", max_digits=14, decimal_places=2)
    baseline_on = models.DateField("udgangspunkt målt", null=True, blank=True)
    target = models.DecimalField("måltal", max_digits=14, decimal_places=2)
    direction = models.CharField("retning", max_length=3, choices=Direction.choices, default=Direction.UP)

    class Meta:
        verbose_name = "indikator"
        verbose_name_plural = "indikatorer"
        ordering = ["goal", "pk"]

    def __str__(self) -> str:
        return self.name


class Measurement(models.Model):
    indicator = models.ForeignKey(Indicator, verbose_name="indikator", on_delete=models.CASCADE,
                                  related_name="measurements")
    measured_on = models.DateField("målt")
    value = models.DecimalField("værdi", max_digits=14, decimal_places=2)
    note = models.CharField("bemærkning", max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        verbose_name = "måling"
        verbose_name_plural = "målinger"
        ordering = ["indicator", "measured_on"]
        constraints = [models.UniqueConstraint(fields=["indicator", "measured_on"], name="one_measurement_per_day")]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.measured_on:%d-%m-%Y})"
