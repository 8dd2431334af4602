"""The organisation: units and leaders as a tree, cost centres, and who may see what."""

from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models import Q


class Person(models.Model):
    """A leader or deputy as the HR system knows them; may or may not have a login."""

    name = models.CharField("navn", max_length=200, blank=True)
    email = models.EmailField("e-mail", unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="bruger", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="person",
    )

    class Meta:
        verbose_name = "person"
        verbose_name_plural = "personer"
        ordering = ["name", "email"]

    def __str__(self) -> str:
        return self.name or self.email


class UnitKind(models.TextChoices):
    MUNICIPALITY = "kommune", "Kommune"
    COMMITTEE = "udvalg", "Udvalg"
    BUDGET_HOLDER = "bevillingsomraade", "Bevillingsområde"
    UNIT = "enhed", "Enhed"


def subtree_q(roots: "Iterable[Unit]", via: str = "") -> Q:
    """The rows whose unit (reached through ``via``, such as ``"unit__"``) lies at or below any of
    the roots, by the materialised path; no rows without roots."""
    condition = Q(pk__in=[])
    for root in roots:
        condition |= Q(**{f"{via}path__startswith": root.path})
    return condition


class UnitQuerySet(models.QuerySet):
    def open(self) -> "UnitQuerySet":
        return self.filter(closed_on__isnull=True)

    def subtree_of(self, *roots: "Unit") -> "UnitQuerySet":
        """The units at or below any of the roots (an empty list gives no units)."""
        return self.filter(subtree_q(roots))


class Unit(models.Model):
    """A node of the organisation tree: the municipality, a committee, a budget holder or a unit.

    The tree is an adjacency list (``parent``) with a materialised path (``path``, the pks from the
    root, "/1/5/23/") so that "this unit and everything below it" is one indexed prefix query.
    The path is derived data: ``services.rebuild_paths`` recomputes it after every change of parent.
    """

    code = models.CharField("enheds-id", max_length=40, unique=True)
    name = models.CharField("navn", max_length=200)
    kind = models.CharField("type", max_length=20, choices=UnitKind.choices, default=UnitKind.UNIT)
    parent = models.ForeignKey(
        "self", verbose_name="overordnet enhed", null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    path = models.CharField(max_length=1000, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    leader = models.ForeignKey(
        Person, verbose_name="leder", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="led_units",
    )
    deputies = models.ManyToManyField(
        Person, verbose_name="stedfortrædere", blank=True, related_name="deputy_units",
    )
    closed_on = models.DateField("lukket pr.", null=True, blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "enhed"
        verbose_name_plural = "enheder"
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part][:-1]

    def ancestors(self) -> list["Unit"]:
        """From the root down to the parent, in one query."""
        ids = self.ancestor_ids()
        by_id = Unit.objects.in_bulk(ids)
        return [by_id[pk] for pk in ids if pk in by_id]


class CostCentre(models.Model):
    """An omkostningssted: the municipality's own cost centre, owned by one unit."""

    code = models.CharField("omkostningssted", max_length=40, unique=True)
    name = models.CharField("navn", max_length=200, blank=True)
    unit = models.ForeignKey(Unit, verbose_name="enhed", on_delete=models.PROTECT, related_name="cost_centres")
    closed_on = models.DateField("lukket pr.", null=True, blank=True)

    class Meta:
        verbose_name = "omkostningssted"
        verbose_name_plural = "omkostningssteder"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()


class Role(models.TextChoices):
    ADMIN = "admin", "Administrator"
    FINANCE = "okonomi", "Økonomi"
    DIRECTORS = "direktion", "Direktion"
    LEADER = "leder", "Leder"


class RoleAssignment(models.Model):
    """A role given to a user. Admin, økonomi and direktion see every unit; a leader only the
    subtree of ``unit``. Leaders and deputies of a unit have the leader role there without one."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="bruger", on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField("rolle", max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, verbose_name="enhed", null=True, blank=True, on_delete=models.CASCADE,
        help_text="Kun for rollen leder: brugeren ser denne enhed og alt under den.",
    )

    class Meta:
        verbose_name = "rolle"
        verbose_name_plural = "roller"
        constraints = [
            models.CheckConstraint(
                condition=Q(role="leder", unit__isnull=False) | ~Q(role="leder"),
                name="leader_role_needs_unit",
            ),
            models.UniqueConstraint(fields=["user", "role", "unit"], name="unique_role_assignment"),
        ]

    def __str__(self) -> str:
        where = f" – {self.unit}" if self.unit_id else ""
        return f"{self.get_role_display()}{where}"
