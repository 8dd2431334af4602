from django.urls import path

from . import views

urlpatterns = [
    path("", views.overview, name="budget-overview"),
    path("enhed/<str:code>/", views.unit, name="budget-unit"),
    path("enhed/<str:code>/excel/", views.unit_excel, name="budget-unit-excel"),
    path("omkostningssted/<str:code>/", views.cost_centre, name="budget-cost-centre"),
    path("omkostningssted/<str:code>/posteringer/", views.postings, name="budget-postings"),
    path("omkostningssted/<str:code>/posteringer/excel/", views.postings_excel, name="budget-postings-excel"),
]
