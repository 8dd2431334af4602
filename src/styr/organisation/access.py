"""Who sees what. Every view that shows a unit asks here first.

A leader asking for a unit outside their subtree gets 404, not 403: the answer must not reveal
that the unit exists.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404

from .models import Role, RoleAssignment, Unit

SEE_ALL_ROLES = frozenset({Role.ADMIN, Role.FINANCE, Role.DIRECTORS})
FINANCE_WRITE_ROLES = frozenset({Role.ADMIN, Role.FINANCE})


def roles_of(user) -> frozenset[str]:
    """The user's roles, read once per request and kept on the user object."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_styr_roles", None)
    if cached is None:
        roles = set(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))
        if user.is_superuser:
            roles.add(Role.ADMIN)
        if leader_roots(user):
            roles.add(Role.LEADER)
        cached = frozenset(roles)
        user._styr_roles = cached
    return cached


def leader_roots(user) -> list[Unit]:
    """The open units whose subtree a leader sees: units they lead or deputise for, and units given
    to them with the leader role."""
    cached = getattr(user, "_styr_leader_roots", None)
    if cached is None:
        # The person is read through the user (cached there; the page header reads it too) and the
        # deputies and roles as subqueries: a query joining units to leaders, deputies and role
        # assignments with OR and DISTINCT took 10–20 ms at Copenhagen's size, on every page.
        person = getattr(user, "person", None)
        condition = Q(pk__in=RoleAssignment.objects.filter(user=user, role=Role.LEADER).values("unit_id"))
        if person is not None:
            condition |= Q(leader=person) | Q(pk__in=Unit.deputies.through.objects.filter(person=person)
                                               .values("unit_id"))
        cached = list(Unit.objects.open().filter(condition).order_by("path"))
        user._styr_leader_roots = cached
    return cached


def sees_all_units(user) -> bool:
    return bool(roles_of(user) & SEE_ALL_ROLES)


def can_edit_finance(user) -> bool:
    return bool(roles_of(user) & FINANCE_WRITE_ROLES)


def is_admin(user) -> bool:
    return Role.ADMIN in roles_of(user)


def visible_units(user):
    """Every unit the user may see (open and closed)."""
    if not user.is_authenticated:
        return Unit.objects.none()
    if sees_all_units(user):
        return Unit.objects.all()
    return Unit.objects.subtree_of(*leader_roots(user))


def own_top_units(user) -> list[Unit]:
    """The units the user leads (``leader_roots``) without those that lie inside another of them."""
    roots = leader_roots(user)
    return [r for r in roots if not any(o is not r and r.path.startswith(o.path) for o in roots)]


def top_units(user) -> list[Unit]:
    """Where the user's tree starts: the municipality, or the leader's own units."""
    if sees_all_units(user):
        return list(Unit.objects.filter(parent__isnull=True))
    return own_top_units(user)


def get_visible_unit_or_404(user, code: str) -> Unit:
    try:
        return visible_units(user).select_related("parent", "leader").get(code=code)
    except Unit.DoesNotExist:
        raise Http404("Enheden findes ikke") from None


def visible_ancestors(user, unit: Unit) -> list[Unit]:
    """The unit's ancestors that the user may see (a leader's path starts at their own unit)."""
    ids = unit.ancestor_ids()
    allowed = set(visible_units(user).filter(pk__in=ids).values_list("pk", flat=True))
    return [a for a in unit.ancestors() if a.pk in allowed]


def role_required(*roles: str):
    """Only for users with one of the roles; everyone else gets 404, like a unit outside their scope."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not roles_of(request.user) & set(roles):
                raise Http404("Siden findes ikke")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
