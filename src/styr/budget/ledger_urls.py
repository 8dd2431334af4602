from django.urls import path

from . import ledger_views

urlpatterns = [
    path("", ledger_views.import_list, name="budget-ledger-imports"),
    path("indlaes/", ledger_views.upload, name="budget-ledger-upload"),
    path("indlaes/start/", ledger_views.start, name="budget-ledger-start"),
    path("indlaes/status/", ledger_views.status, name="budget-ledger-status"),
    path("parkerede/", ledger_views.suspense, name="budget-ledger-suspense"),
]
