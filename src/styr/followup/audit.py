from auditlog.registry import auditlog

from .models import ActionPlanMeeting, AreaSetting, Forecast, GoalStatus, Pool, Risk, RiskPicture, Round

auditlog.register(Round)
auditlog.register(Forecast, include_fields=["expected", "expected_next_year", "explanation", "status",
                                            "return_comment"])
auditlog.register(AreaSetting)
auditlog.register(Pool)
auditlog.register(RiskPicture)
auditlog.register(Risk)
auditlog.register(ActionPlanMeeting)
auditlog.register(GoalStatus)
