from auditlog.registry import auditlog

from .models import Goal, GuidingMark, Indicator, Initiative, Measurement

auditlog.register(GuidingMark)
auditlog.register(Initiative, m2m_fields={"guiding_marks"})
auditlog.register(Goal)
auditlog.register(Indicator)
auditlog.register(Measurement)
