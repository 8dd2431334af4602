"""What of the organisation goes into the audit trail (django-auditlog)."""

from auditlog.registry import auditlog
from django.contrib.auth import get_user_model

from .models import CostCentre, Person, RoleAssignment, Unit

# path and depth are derived from parent; auditing them would only repeat the parent change.
auditlog.register(Unit, exclude_fields=["path", "depth"], m2m_fields={"deputies"})
auditlog.register(CostCentre)
auditlog.register(Person)
auditlog.register(RoleAssignment)
auditlog.register(get_user_model(), include_fields=["username", "email", "first_name", "last_name",
                                                    "is_active", "is_staff", "is_superuser"])
