"""/moeder/ for the pages (login), /oparl/v1/ for the anonymous OParl API."""

from django.urls import include, path, re_path

from . import views

meeting_patterns = [
    path("", views.meeting_list, name="meetings-list"),
    path("nyt/", views.meeting_create, name="meetings-meeting-create"),
    path("soeg/", views.search, name="meetings-search"),
    path("<int:pk>/", views.meeting_detail, name="meetings-meeting"),
    path("<int:pk>/offentliggoer/", views.meeting_publish, name="meetings-meeting-publish"),
    path("<int:pk>/punkt/nyt/", views.item_create, name="meetings-item-create"),
    re_path(r"^(?P<pk>[0-9]+)/(?P<kind>dagsorden|referat)\.(?P<fmt>pdf|docx)$", views.meeting_document,
            name="meetings-document"),
    path("punkt/<int:pk>/", views.item_detail, name="meetings-item"),
    path("punkt/<int:pk>/ret/", views.item_edit, name="meetings-item-edit"),
    path("punkt/<int:pk>/flyt/", views.item_move, name="meetings-item-move"),
    path("punkt/<int:pk>/slet/", views.item_delete, name="meetings-item-delete"),
    path("punkt/<int:pk>/bilag/", views.item_attach, name="meetings-item-attach"),
    path("punkt/<int:pk>/beslutning/", views.item_decision, name="meetings-item-decision"),
    path("punkt/<int:pk>/rettelse/", views.item_correct, name="meetings-item-correct"),
    path("bilag/<int:pk>/", views.attachment_download, name="meetings-attachment"),
    path("sag/<int:pk>/", views.case_detail, name="meetings-case"),
]

urlpatterns = [
    path("moeder/", include(meeting_patterns)),
    path("oparl/v1/", include("styr.meetings.oparl_urls")),
]
