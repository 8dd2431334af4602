from django.urls import path

from . import views

urlpatterns = [
    path("", views.round_list, name="followup-rounds"),
    path("ny/", views.round_create, name="followup-round-create"),
    path("<int:pk>/", views.round_detail, name="followup-round"),
    path("<int:pk>/paamindelser/", views.round_reminders, name="followup-round-reminders"),
    path("prognose/<int:pk>/", views.forecast_detail, name="followup-forecast"),
    path("prognose/<int:pk>/godkend/", views.forecast_approve, name="followup-forecast-approve"),
    path("prognose/<int:pk>/retur/", views.forecast_return, name="followup-forecast-return"),
    path("risikobillede/<str:code>/", views.risk_picture, name="followup-risks"),
]

from .report_urls import urlpatterns as report_urlpatterns  # noqa: E402  (the reports: report_urls.py)

urlpatterns += report_urlpatterns
