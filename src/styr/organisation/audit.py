"""What of the organisation goes into the audit trail (django-auditlog)."""

from auditlog.registry import auditlog
from django.contrib.auth import get_user_model

from .models import CostCentre, Person, RoleAssignment, Unit

# path and depth are derived from parent; auditing them would only repeat the parent change.
# Only the fields a person sets: path and depth are derived from parent, and reverse relations
# (children, cost centres) are audited on their own side.
auditlog.register(Unit, include_fields=["code", "name", "kind", "parent", "leader", "closed_on"],
                  m2m_fields={"deputies"})
auditlog.register(CostCentre, include_fields=["code", "name", "unit", "closed_on"])
auditlog.register(Person, include_fields=["name", "email", "user"])
auditlog.register(RoleAssignment, include_fields=["user", "role", "unit"])
auditlog.register(get_user_model(), include_fields=["username", "email", "first_name", "last_name",
                                                    "is_active", "is_staff", "is_superuser"])
