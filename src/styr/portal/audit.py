from auditlog.registry import auditlog

from .models import AbsenceTarget, NewsItem, SatisfactionImport, ToolLink

auditlog.register(AbsenceTarget)
auditlog.register(SatisfactionImport)
auditlog.register(NewsItem)
auditlog.register(ToolLink)
