"""The OParl API at /oparl/v1/: anonymous and read-only (see oparl.py for why that is safe)."""

from django.urls import path, re_path

from . import oparl

urlpatterns = [
    path("", oparl.system, name="oparl-system"),
    path("openapi.json", oparl.openapi, name="oparl-openapi"),
    path("body/", oparl.body_list, name="oparl-body-list"),
    path("body/<str:key>/", oparl.body, name="oparl-body"),
    path("organization/", oparl.organization_list, name="oparl-organization-list"),
    path("organization/<int:pk>/", oparl.organization, name="oparl-organization"),
    path("organization/<int:pk>/kalender.ics", oparl.calendar, name="oparl-calendar"),
    path("person/", oparl.person_list, name="oparl-person-list"),
    path("person/<int:pk>/", oparl.person, name="oparl-person"),
    path("meeting/", oparl.meeting_list, name="oparl-meeting-list"),
    path("meeting/<int:pk>/", oparl.meeting, name="oparl-meeting"),
    path("meeting/<int:pk>/sted/", oparl.location, name="oparl-location"),
    re_path(r"^meeting/(?P<pk>[0-9]+)/fil/(?P<kind>dagsorden|referat)/$", oparl.meeting_file,
            name="oparl-meeting-file"),
    re_path(r"^meeting/(?P<pk>[0-9]+)/(?P<kind>dagsorden|referat)\.pdf$", oparl.meeting_document,
            name="oparl-meeting-document"),
    path("agendaitem/", oparl.agenda_item_list, name="oparl-agendaitem-list"),
    path("agendaitem/<int:pk>/", oparl.agenda_item, name="oparl-agendaitem"),
    path("paper/", oparl.paper_list, name="oparl-paper-list"),
    path("paper/<int:pk>/", oparl.paper, name="oparl-paper"),
    path("consultation/", oparl.consultation_list, name="oparl-consultation-list"),
    path("consultation/<int:pk>/", oparl.consultation, name="oparl-consultation"),
    path("file/", oparl.file_list, name="oparl-file-list"),
    path("file/<int:pk>/", oparl.file, name="oparl-file"),
    path("file/<int:pk>/hent/", oparl.file_download, name="oparl-file-download"),
]
