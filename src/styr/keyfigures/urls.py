from django.urls import path

from . import views

urlpatterns = [
    path("", views.overview, name="keyfigures-overview"),
    path("befolkning/", views.population, name="keyfigures-population"),
    path("likviditet/", views.liquidity, name="keyfigures-liquidity"),
    path("restancer/", views.arrears, name="keyfigures-arrears"),
    path("sygefravaer/", views.absence_start, name="keyfigures-absence"),
    path("sygefravaer/<str:code>/", views.absence_unit, name="keyfigures-absence-unit"),
    path("ansatte/", views.headcount_start, name="keyfigures-headcount"),
    path("ansatte/<str:code>/", views.headcount_unit, name="keyfigures-headcount-unit"),
    path("indlaes/", views.import_file, name="keyfigures-import"),
    path("indlaes/godkend/", views.import_confirm, name="keyfigures-import-confirm"),
    path("rapport/", views.report, name="keyfigures-report"),
    path("rapport/fil/", views.report_file, name="keyfigures-report-file"),
    path("rapport/dagsorden/", views.report_to_meeting, name="keyfigures-report-meeting"),
]
