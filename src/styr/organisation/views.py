from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from styr.core.audit import acting
from styr.core.tabular import TableError

from . import access
from .forms import OrgImportForm
from .models import Unit
from .org_import import import_org
from .tree import build_forest

SEARCH_LIMIT = 25


@login_required
@require_GET
def tree(request):
    show_closed = request.GET.get("lukkede") == "1"
    units = access.visible_units(request.user).select_related("leader")
    if not show_closed:
        units = units.open()
    roots = access.top_units(request.user)
    forest = build_forest(list(units), roots)
    return render(request, "organisation/tree.html", {
        "forest": forest, "show_closed": show_closed, "unit_count": sum(n.size for n in forest),
    })


@login_required
@require_GET
def search(request):
    query = request.GET.get("q", "").strip()
    results = []
    if query:
        results = list(
            access.visible_units(request.user).open().filter(name__icontains=query)
            .select_related("parent", "leader").order_by("name")[:SEARCH_LIMIT]
        )
    template = "organisation/search_results_partial.html" if request.htmx else "organisation/search.html"
    return render(request, template, {"query": query, "results": results, "limit": SEARCH_LIMIT})


@login_required
@require_GET
def unit_detail(request, code: str):
    unit = access.get_visible_unit_or_404(request.user, code)
    children = unit.children.select_related("leader").order_by("closed_on", "name")
    history = []
    if access.sees_all_units(request.user):
        history = (LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Unit),
                                           object_pk=str(unit.pk))
                   .select_related("actor").order_by("-timestamp")[:20])
    return render(request, "organisation/unit_detail.html", {
        "unit": unit,
        "ancestors": access.visible_ancestors(request.user, unit),
        "children": children,
        "cost_centres": unit.cost_centres.order_by("closed_on", "code"),
        "deputies": unit.deputies.all(),
        "history": history,
    })


@access.role_required(*access.FINANCE_WRITE_ROLES)
@require_http_methods(["GET", "POST"])
def import_file(request):
    form = OrgImportForm(request.POST or None, request.FILES or None)
    result = problems = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            with acting(request.user, source=f"upload af {upload.name}"):
                result = import_org(upload.read(), upload.name, dry_run=form.cleaned_data["dry_run"])
        except TableError as exc:
            problems = exc
        else:
            if not result.dry_run:
                messages.success(request, f"Organisationen er indlæst fra {upload.name}: {result.summary()}")
                return redirect("organisation-tree")
    return render(request, "organisation/import.html", {"form": form, "result": result, "problems": problems})
