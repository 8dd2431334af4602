"""Meetings: bodies, their meetings, cases, agenda items, attachments, decisions and minutes.

A case (sag) travels through bodies (Direktionen → Økonomiudvalget → Kommunalbestyrelsen): it is an
item on one meeting of each, and each item gets that body's own decision. Published minutes are
kept as versions with a frozen copy of their content (``MinutesVersion.content``); a correction
is a new version, so what was once published never changes.
"""

import uuid

from django.conf import settings
from django.db import models

from styr.organisation.models import Person, Unit


class BodyKind(models.TextChoices):
    DIRECTORS = "direktion", "Direktion"
    FINANCE_COMMITTEE = "oekonomiudvalg", "Økonomiudvalg"
    COUNCIL = "kommunalbestyrelse", "Kommunalbestyrelse"
    COMMITTEE = "udvalg", "Udvalg"
    OTHER = "andet", "Andet forum"


class Body(models.Model):
    """A body that holds meetings: Direktionen, Økonomiudvalget, Kommunalbestyrelsen, a committee."""

    name = models.CharField("navn", max_length=200, unique=True, help_text="Fx «Direktionen».")
    kind = models.CharField("type", max_length=20, choices=BodyKind.choices, default=BodyKind.COMMITTEE)
    members = models.ManyToManyField(Person, verbose_name="medlemmer", blank=True, related_name="bodies")
    default_place = models.CharField("fast mødested", max_length=200, blank=True)
    order = models.PositiveSmallIntegerField("rækkefølge", default=0,
                                             help_text="En sags vej: lavere tal behandler sagen først.")

    class Meta:
        verbose_name = "forum"
        verbose_name_plural = "fora"
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def genitive(self) -> str:
        """"Direktionen" → "Direktionens", as in "Direktionens møde den 22. oktober 2018"."""
        return self.name if self.name.endswith("s") else f"{self.name}s"


class MeetingStatus(models.TextChoices):
    DRAFT = "kladde", "Dagsorden under forberedelse"
    AGENDA = "dagsorden", "Dagsorden offentliggjort"
    MINUTES = "referat", "Referat godkendt"


class Meeting(models.Model):
    body = models.ForeignKey(Body, verbose_name="forum", on_delete=models.PROTECT, related_name="meetings")
    starts_at = models.DateTimeField("mødetidspunkt")
    ends_at = models.DateTimeField("slut", null=True, blank=True)
    place = models.CharField("mødested", max_length=200, blank=True)
    host_unit = models.ForeignKey(Unit, verbose_name="værtsenhed (decentralt møde)", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="hosted_meetings")
    participants = models.ManyToManyField(Person, verbose_name="mødedeltagere", blank=True,
                                          related_name="meetings")
    public = models.BooleanField("offentligt møde", default=True,
                                 help_text="Offentlige møder står i kalenderen og i det åbne API.")
    status = models.CharField("status", max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT)
    cancelled = models.BooleanField("aflyst", default=False)
    agenda_published_at = models.DateTimeField("dagsorden offentliggjort", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "møde"
        verbose_name_plural = "møder"
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["body", "starts_at"])]

    def __str__(self) -> str:
        from styr.documents.numbers import fmt_date_short

        return f"{self.body} d. {fmt_date_short(self.starts_at)}"

    @property
    def agenda_published(self) -> bool:
        return self.status in (MeetingStatus.AGENDA, MeetingStatus.MINUTES)

    @property
    def minutes_published(self) -> bool:
        return self.status == MeetingStatus.MINUTES


class Case(models.Model):
    """A case (sag) with the municipality's case number and, optionally, a KLE journal number."""

    number = models.CharField("sagsnummer", max_length=40, unique=True)
    title = models.CharField("titel", max_length=300)
    kle = models.CharField("journalnummer (KLE)", max_length=8, blank=True, help_text="Fx 85.13.00.")
    facet = models.CharField("handlingsfacet", max_length=3, blank=True, help_text="Fx G01.")
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "sag"
        verbose_name_plural = "sager"
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def journal_number(self) -> str:
        return f"{self.kle} {self.facet}".strip()


class ItemKind(models.TextChoices):
    DECISION = "beslutning", "Beslutning"
    INFORMATION = "orientering", "Orientering"
    DISCUSSION = "droeftelse", "Drøftelse"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, verbose_name="møde", on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField("placering", default=0)
    keep_last = models.BooleanField("altid sidst", default=False,
                                    help_text="Fx «Eventuelt»: nye punkter indsættes før det.")
    case = models.ForeignKey(Case, verbose_name="sag", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="items")
    title = models.CharField("titel", max_length=300)
    closed = models.BooleanField("lukket punkt", default=False)
    kind = models.CharField("sagstype", max_length=20, choices=ItemKind.choices, default=ItemKind.DECISION)
    document_number = models.CharField("dokumentnummer", max_length=40, blank=True)
    resume = models.TextField("resume og sagens baggrund", blank=True)
    recommended_by = models.CharField("indstillet af", max_length=200, blank=True,
                                      help_text="Fx «Økonomichefen».")
    recommendations = models.TextField("indstillinger", blank=True, help_text="Én indstilling pr. linje.")
    treatment = models.ManyToManyField(Body, verbose_name="behandling", blank=True, related_name="treated_items")
    case_text = models.TextField("sagsfremstilling", blank=True)
    economic_consequences = models.TextField("økonomiske konsekvenser", blank=True)
    standing_item = models.ForeignKey("StandingItem", null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="items", verbose_name="fra årshjulet")
    generated_by = models.CharField("dannet af", max_length=40, blank=True,
                                    help_text="Modulet, der dannede punktet (fx budgetopfølgning).")
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "dagsordenspunkt"
        verbose_name_plural = "dagsordenspunkter"
        ordering = ["meeting", "keep_last", "position", "pk"]

    def __str__(self) -> str:
        return f"{'Lukket: ' if self.closed else ''}{self.title}"

    @property
    def display_title(self) -> str:
        return str(self)

    def recommendation_list(self) -> list[str]:
        return [line.strip() for line in self.recommendations.splitlines() if line.strip()]


def attachment_path(instance: "Attachment", filename: str) -> str:
    # A random name under meetings/: the uploader's file name is kept in the row, never on disk.
    extension = {"pdf": ".pdf", "docx": ".docx", "xlsx": ".xlsx"}.get(instance.file_type, "")
    return f"meetings/{instance.item.meeting_id}/{uuid.uuid4().hex}{extension}"


class Attachment(models.Model):
    """An uploaded file (bilag) of an item; stored under MEDIA_ROOT/meetings/, served by a view that
    checks access."""

    item = models.ForeignKey(AgendaItem, verbose_name="punkt", on_delete=models.PROTECT, related_name="attachments")
    title = models.CharField("titel", max_length=300)
    filename = models.CharField("filnavn", max_length=255)
    file = models.FileField("fil", upload_to=attachment_path, max_length=300)
    file_type = models.CharField("filtype", max_length=10)
    size = models.PositiveIntegerField("størrelse (byte)")
    document_number = models.CharField("dokumentnummer", max_length=40, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "bilag"
        verbose_name_plural = "bilag"
        ordering = ["item", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def media_type(self) -> str:
        return {
            "pdf": "application/pdf",
            "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }[self.file_type]


class Phrase(models.TextChoices):
    APPROVED = "godkendt", "Godkendt"
    RECOMMENDED = "anbefales", "Anbefales"
    NOTED = "taget_til_efterretning", "Taget til efterretning"
    DISCUSSED = "droeftet", "Drøftet"
    REJECTED = "ikke_godkendt", "Ikke godkendt"
    POSTPONED = "udsat", "Udsat"


class Decision(models.Model):
    """A body's decision on one item at one meeting: a standard phrase plus free text."""

    item = models.OneToOneField(AgendaItem, verbose_name="punkt", on_delete=models.CASCADE,
                                related_name="decision")
    phrase = models.CharField("standardtekst", max_length=30, choices=Phrase.choices, blank=True)
    text = models.TextField("beslutning", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "beslutning"
        verbose_name_plural = "beslutninger"

    def __str__(self) -> str:
        from .rules import decision_sentence

        return decision_sentence(self.get_phrase_display() if self.phrase else "", self.text)


class FollowUp(models.Model):
    """Something to come back to, with an owner and a date ("Status gives på møde … d. 26. november")."""

    item = models.ForeignKey(AgendaItem, verbose_name="punkt", on_delete=models.CASCADE, related_name="follow_ups")
    text = models.CharField("opfølgning", max_length=500)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="ansvarlig", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="meeting_follow_ups")
    due = models.DateField("frist", null=True, blank=True)
    done = models.BooleanField("afsluttet", default=False)

    class Meta:
        verbose_name = "opfølgning"
        verbose_name_plural = "opfølgninger"
        ordering = ["due", "pk"]

    def __str__(self) -> str:
        return self.text


class Recurrence(models.TextChoices):
    EVERY_MEETING = "hvert", "Hvert møde"
    FIRST_OF_MONTH = "foerste", "Første møde i måneden"
    LAST_OF_MONTH = "sidste", "Sidste møde i måneden"


class StandingItem(models.Model):
    """An entry of the year wheel (årshjul): an item that comes back on a body's agenda."""

    body = models.ForeignKey(Body, verbose_name="forum", on_delete=models.CASCADE, related_name="standing_items")
    title = models.CharField("titel", max_length=300)
    kind = models.CharField("sagstype", max_length=20, choices=ItemKind.choices, default=ItemKind.INFORMATION)
    closed = models.BooleanField("lukket punkt", default=False)
    months = models.CharField("måneder", max_length=40, default="1,2,3,4,5,6,7,8,9,10,11,12",
                              help_text="Månedsnumre adskilt af komma, fx «3,6,9,12».")
    recurrence = models.CharField("hyppighed", max_length=10, choices=Recurrence.choices,
                                  default=Recurrence.EVERY_MEETING)
    keep_last = models.BooleanField("altid sidst", default=False)
    order = models.PositiveSmallIntegerField("rækkefølge", default=0)
    case = models.ForeignKey(Case, verbose_name="sag", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    resume = models.TextField("resume", blank=True)
    recommended_by = models.CharField("indstillet af", max_length=200, blank=True)
    recommendations = models.TextField("indstillinger", blank=True)

    class Meta:
        verbose_name = "punkt i årshjulet"
        verbose_name_plural = "årshjul"
        ordering = ["body", "keep_last", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.body}: {self.title}"

    def month_numbers(self) -> set[int]:
        return {int(part) for part in self.months.replace(" ", "").split(",") if part.isdigit()}


class MinutesVersion(models.Model):
    """A published version of a meeting's minutes, frozen: ``content`` is the whole document as it
    was approved (see ``documents.minutes_content``). Version 1 is the approval; later ones are
    corrections with a reason."""

    meeting = models.ForeignKey(Meeting, verbose_name="møde", on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField("version")
    content = models.JSONField("indhold")
    reason = models.TextField("begrundelse for rettelse", blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    published_at = models.DateTimeField("offentliggjort")

    class Meta:
        verbose_name = "referatversion"
        verbose_name_plural = "referatversioner"
        ordering = ["meeting", "-number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="unique_minutes_version")]

    def __str__(self) -> str:
        return f"Referat {self.meeting}, version {self.number}"
