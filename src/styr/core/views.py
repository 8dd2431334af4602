from auditlog.models import LogEntry
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from styr.organisation import access
from styr.organisation.models import Unit, UnitKind

from .navigation import modules_for

AUDIT_PAGE_SIZE = 50


@login_required
@require_GET
def home(request):
    units = access.visible_units(request.user).open()
    return render(request, "core/home.html", {
        "modules": [m for m in modules_for(request.user) if m.url_name != "core-home"],
        "top_units": access.top_units(request.user),
        "unit_count": units.count(),
        "budget_holder_count": units.filter(kind=UnitKind.BUDGET_HOLDER).count(),
        "led_units": Unit.objects.open().filter(leader__user=request.user).order_by("name"),
        "sees_all": access.sees_all_units(request.user),
    })


@access.role_required(access.Role.ADMIN)
@require_GET
def audit(request):
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp")
    model = request.GET.get("model", "")
    if model:
        entries = entries.filter(content_type__model=model)
    query = request.GET.get("q", "").strip()
    if query:
        entries = entries.filter(object_repr__icontains=query)
    page = Paginator(entries, AUDIT_PAGE_SIZE).get_page(request.GET.get("side"))
    models = (LogEntry.objects.values_list("content_type__model", "content_type__app_label")
              .distinct().order_by("content_type__model"))
    return render(request, "core/audit.html", {"page": page, "model": model, "query": query,
                                               "models": [m for m, _ in models]})


@require_GET
def accessibility(request):
    return render(request, "core/accessibility.html")


@require_GET
def about(request):
    return render(request, "core/about.html")
