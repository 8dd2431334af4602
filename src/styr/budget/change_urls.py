from django.urls import path

from . import change_views

urlpatterns = [
    path("", change_views.change_list, name="budget-changes"),
    path("ny/", change_views.change_create, name="budget-change-create"),
    path("<int:pk>/", change_views.change_detail, name="budget-change-detail"),
    path("vedtagne/", change_views.budget_list, name="budget-budgets"),
    path("vedtagne/indlaes/", change_views.budget_upload, name="budget-upload"),
]
