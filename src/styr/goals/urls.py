from django.urls import path

from . import views

urlpatterns = [
    path("", views.goal_list, name="goals-list"),
    path("<int:pk>/", views.goal_detail, name="goals-goal"),
    path("<int:pk>/status/", views.goal_status, name="goals-goal-status"),
    path("indikator/<int:pk>/maaling/", views.measurement_add, name="goals-measurement"),
    path("pejlemaerke/<int:pk>/", views.guiding_mark_detail, name="goals-guiding-mark"),
    path("indsats/<int:pk>/", views.initiative_detail, name="goals-initiative"),
    path("runde/<int:pk>/<str:code>/", views.round_status, name="goals-round-status"),
    path("rapport/direktion/", views.report_board, name="goals-report-board"),
    path("rapport/kommunalbestyrelse/", views.report_council, name="goals-report-council"),
    path("rapport/aarsrapport/", views.report_annual, name="goals-report-annual"),
]
