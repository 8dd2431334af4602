"""Min lederside: what a leader's own page needs beyond the other modules' data.

News from the central administration targeted at a level of the organisation or a subtree, with
read receipts; user-satisfaction survey results per unit and question; the sick-leave target per
unit; and the small list of links to the tools leaders use.
"""

from django.conf import settings
from django.db import models

from styr.organisation.models import Unit, UnitKind


class AbsenceTarget(models.Model):
    """A unit's target for sick leave (måltal). It applies to the units below it too, unless one of
    them has its own."""

    unit = models.OneToOneField(Unit, verbose_name="enhed", on_delete=models.CASCADE, related_name="absence_target")
    percent = models.DecimalField("måltal for sygefravær (%)", max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = "måltal for sygefravær"
        verbose_name_plural = "måltal for sygefravær"
        ordering = ["unit__path"]

    def __str__(self) -> str:
        return f"{self.unit}: {self.percent} %"


class SatisfactionImport(models.Model):
    """One imported survey file: who, when, which years and units it replaced. Audited."""

    file_name = models.CharField("fil", max_length=255)
    years = models.JSONField("år", default=list)
    row_count = models.PositiveIntegerField("rækker", default=0)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="indlæst af", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    imported_at = models.DateTimeField("indlæst", auto_now_add=True)

    class Meta:
        verbose_name = "indlæst tilfredshedsundersøgelse"
        verbose_name_plural = "indlæste tilfredshedsundersøgelser"
        ordering = ["-imported_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({', '.join(str(y) for y in self.years)})"


class SatisfactionResult(models.Model):
    """The average answer to one question of a user-satisfaction survey, for one unit and year."""

    unit = models.ForeignKey(Unit, verbose_name="enhed", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("år")
    question = models.CharField("spørgsmål", max_length=300)
    average = models.DecimalField("gennemsnit", max_digits=6, decimal_places=2)
    responses = models.PositiveIntegerField("svar")
    source = models.ForeignKey(SatisfactionImport, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="results")

    class Meta:
        verbose_name = "brugertilfredshed"
        verbose_name_plural = "brugertilfredshed"
        ordering = ["year", "unit", "question"]
        constraints = [models.UniqueConstraint(fields=["unit", "year", "question"], name="one_result_per_question")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year} {self.question}: {self.average}"


class NewsItem(models.Model):
    """News from the central administration. Without an audience it reaches every leader; with a
    level, the leaders of units of that kind; with a unit, the leaders in its subtree; with both,
    the leaders of units of that kind in that subtree."""

    title = models.CharField("overskrift", max_length=200)
    body = models.TextField("tekst")
    audience_kind = models.CharField("niveau", max_length=20, choices=UnitKind.choices, blank=True,
                                     help_text="Tom: alle niveauer.")
    audience_unit = models.ForeignKey(Unit, verbose_name="del af organisationen", null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+",
                                      help_text="Tom: hele organisationen.")
    published_at = models.DateTimeField("offentliggjort")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="afsender", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "nyhed"
        verbose_name_plural = "nyheder"
        ordering = ["-published_at", "-pk"]
        permissions = [("publish_news", "Kan sende nyheder til ledere")]

    def __str__(self) -> str:
        return self.title


class NewsReceipt(models.Model):
    """Who has read a news item, and when: a leader marks it read by opening it."""

    news = models.ForeignKey(NewsItem, on_delete=models.CASCADE, related_name="receipts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField("læst")

    class Meta:
        verbose_name = "kvittering"
        verbose_name_plural = "kvitteringer"
        constraints = [models.UniqueConstraint(fields=["news", "user"], name="one_receipt_per_reader")]

    def __str__(self) -> str:
        return f"{self.user} læste {self.news}"


class ToolLink(models.Model):
    """A link to a tool leaders use (the HR system, the ERP, the intranet). Finance keeps the list
    in the Django admin; a link with a level is shown only to leaders of units of that kind."""

    title = models.CharField("navn", max_length=100)
    url = models.URLField("adresse", max_length=500)
    description = models.CharField("beskrivelse", max_length=200, blank=True)
    audience_kind = models.CharField("kun for niveau", max_length=20, choices=UnitKind.choices, blank=True)
    position = models.PositiveSmallIntegerField("rækkefølge", default=0)

    class Meta:
        verbose_name = "værktøj"
        verbose_name_plural = "værktøjer"
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title
