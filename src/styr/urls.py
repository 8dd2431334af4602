from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Styr – administration"
admin.site.site_title = "Styr"
admin.site.index_title = "Referencedata"

urlpatterns = [
    path("", include("styr.core.urls")),
    path("organisation/", include("styr.organisation.urls")),
    path("budget/bogfoering/", include("styr.budget.ledger_urls")),
    path("budget/", include("styr.budget.urls")),
    path("budget/aendringer/", include("styr.budget.change_urls")),
    path("opfoelgning/", include("styr.followup.urls")),
    path("noegletal/", include("styr.keyfigures.urls")),
    path("", include("styr.meetings.urls")),  # /moeder/ and the anonymous OParl API at /oparl/v1/
    path("maal/", include("styr.goals.urls")),
    path("", include("styr.portal.urls")),  # /min-side/ and /sundhed/
    path("admin/", admin.site.urls),
]
