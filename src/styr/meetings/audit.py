"""What of meetings goes into the audit trail (django-auditlog): every model a person changes.
Approved minutes are frozen in MinutesVersion; a correction also writes one entry saying what the
decision was before and after, and why (services.correct_minutes)."""

from auditlog.registry import auditlog

from .models import AgendaItem, Attachment, Body, Case, Decision, FollowUp, Meeting, MinutesVersion, StandingItem

auditlog.register(Body, m2m_fields={"members"})
auditlog.register(Meeting, exclude_fields=["modified_at", "created_at"], m2m_fields={"participants"})
auditlog.register(Case, exclude_fields=["modified_at", "created_at"])
auditlog.register(AgendaItem, exclude_fields=["modified_at", "created_at"], m2m_fields={"treatment"})
auditlog.register(Attachment, exclude_fields=["file"])
auditlog.register(Decision, exclude_fields=["recorded_at"])
auditlog.register(FollowUp)
auditlog.register(StandingItem)
auditlog.register(MinutesVersion, exclude_fields=["content"])
