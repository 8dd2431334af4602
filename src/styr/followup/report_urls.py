"""The reports of a round (agenda item, monthly report) and the annual report: pages and files."""

from django.urls import path, re_path

from . import report_views

urlpatterns = [
    re_path(r"^(?P<pk>[0-9]+)/rapport/(?P<kind>dagsorden|maanedsrapport)/$", report_views.report_page,
            name="followup-report"),
    re_path(r"^(?P<pk>[0-9]+)/rapport/(?P<kind>dagsorden|maanedsrapport)\.(?P<fmt>docx|pdf|xlsx)$",
            report_views.report_file, name="followup-report-file"),
    path("<int:pk>/rapport/dagsorden/indsaet/", report_views.report_insert, name="followup-report-insert"),
    path("aarsrapport/<str:code>/", report_views.annual_page, name="followup-annual"),
    re_path(r"^aarsrapport/(?P<code>[^/]+)\.(?P<fmt>docx|pdf|xlsx)$", report_views.annual_file,
            name="followup-annual-file"),
]
