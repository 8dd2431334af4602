"""Budget and actuals, from the user's top units down to the single postings.

Every view opens with the scope guard: a unit or cost centre outside the user's subtree is a 404,
on the pages and on the exports alike.
"""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from styr.documents import excel
from styr.documents.numbers import MONTH_NAMES
from styr.organisation import access
from styr.organisation.models import CostCentre, Unit

from . import overview as ov

PAGE_SIZE = 50
FUNCTION_CODE_MAX, ART_CODE_MAX, QUERY_MAX = 8, 4, 100


def get_visible_cost_centre_or_404(user, code: str) -> CostCentre:
    try:
        return (CostCentre.objects.select_related("unit")
                .filter(unit__in=access.visible_units(user)).get(code=code))
    except CostCentre.DoesNotExist:
        raise Http404("Omkostningsstedet findes ikke") from None


def _int_param(request, name: str, low: int, high: int) -> int | None:
    """A whole number within bounds from the query string; anything else counts as not given."""
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() and low <= int(value) <= high else None


def _period(request) -> dict:
    """The year and month (``aar``, ``maaned``) a page shows, and what the period form needs."""
    first, latest = ov.ledger_bounds()
    today = timezone.localdate()
    year = _int_param(request, "aar", 1990, 2100)
    default_year, default_month = ov.default_period(latest, today, year)
    month = _int_param(request, "maaned", 1, 12) or default_month
    years = sorted({*ov.available_years(first, latest, today), default_year}, reverse=True)
    return {"year": default_year, "month": month, "years": years,
            "month_names": list(enumerate(MONTH_NAMES, start=1)),
            "period_qs": urlencode({"aar": default_year, "maaned": month})}


def _crumbs(user, unit: Unit, period_qs: str, *, last_is_current: bool) -> list[tuple[str, str]]:
    """Budget og regnskab › the unit's ancestors that the user may see › the unit."""
    crumbs = [("Budget og regnskab", f"{reverse('budget-overview')}?{period_qs}")]
    crumbs += [(a.name, f"{reverse('budget-unit', args=[a.code])}?{period_qs}")
               for a in access.visible_ancestors(user, unit)]
    crumbs.append((unit.name, "" if last_is_current else f"{reverse('budget-unit', args=[unit.code])}?{period_qs}"))
    return crumbs


@login_required
@require_GET
def overview(request):
    period = _period(request)
    tops = access.top_units(request.user)
    result = None
    if len(tops) == 1:
        result = ov.unit_overview(tops[0], period["year"], period["month"])
    elif tops:
        result = ov.roots_overview(tops, period["year"], period["month"])
    return render(request, "budget/overview.html", {
        **period, "overview": result, "title": "Budget og regnskab", "node": tops[0] if len(tops) == 1 else None,
        "back": None,
    })


@login_required
@require_GET
def unit(request, code: str):
    node = access.get_visible_unit_or_404(request.user, code)
    period = _period(request)
    crumbs = _crumbs(request.user, node, period["period_qs"], last_is_current=True)
    return render(request, "budget/overview.html", {
        **period, "overview": ov.unit_overview(node, period["year"], period["month"]), "node": node,
        "title": node.name, "breadcrumbs": crumbs, "back": crumbs[-2],
    })


@login_required
@require_GET
def unit_excel(request, code: str):
    node = access.get_visible_unit_or_404(request.user, code)
    period = _period(request)
    result = ov.unit_overview(node, period["year"], period["month"])
    columns = [excel.Column(label, kind) for _, label, kind in ov.TABLE_COLUMNS]
    content = excel.write_table(
        f"Budget og forbrug – {node.name}", columns, ov.table_rows(result), sheet_title="Oversigt",
        subtitle=f"{result.period_label} · beløb i kr. · udgifter positive, indtægter negative · "
                 "afvigelse: + = mindreforbrug")
    return _xlsx(content, f"budget-{node.code}-{period['year']}-{period['month']:02d}.xlsx")


@login_required
@require_GET
def cost_centre(request, code: str):
    centre = get_visible_cost_centre_or_404(request.user, code)
    period = _period(request)
    crumbs = _crumbs(request.user, centre.unit, period["period_qs"], last_is_current=False)
    crumbs.append((f"Omkostningssted {centre}", ""))
    return render(request, "budget/cost_centre.html", {
        **period, "centre": centre, "overview": ov.cost_centre_overview(centre, period["year"], period["month"]),
        "breadcrumbs": crumbs, "back": crumbs[-2],
    })


def _posting_filter(request, period: dict) -> ov.PostingFilter:
    last = period["month"]
    first = min(_int_param(request, "fra", 1, 12) or 1, last)
    sort = request.GET.get("sort", "")
    return ov.PostingFilter(
        year=period["year"], first=first, last=last,
        function=request.GET.get("funktion", "").strip()[:FUNCTION_CODE_MAX],
        dranst=_int_param(request, "dranst", 1, 9),
        art=request.GET.get("art", "").strip()[:ART_CODE_MAX],
        query=request.GET.get("q", "").strip()[:QUERY_MAX],
        sort=sort if sort in ov.POSTING_SORTS else ov.DEFAULT_POSTING_SORT,
    )


def _filter_qs(selection: ov.PostingFilter, **changes) -> str:
    """The query string of the selection, with some parameters changed (for sorting and export links)."""
    params = {"aar": selection.year, "fra": selection.first, "maaned": selection.last,
              "funktion": selection.function, "dranst": selection.dranst or "", "art": selection.art,
              "q": selection.query, "sort": selection.sort, **changes}
    return urlencode({k: v for k, v in params.items() if v not in ("", None)})


SORT_COLUMNS = [("dato", "Dato"), ("bilag", "Bilagsnr."), ("tekst", "Tekst"), ("beloeb", "Beløb (kr.)")]


@login_required
@require_GET
def postings(request, code: str):
    centre = get_visible_cost_centre_or_404(request.user, code)
    period = _period(request)
    selection = _posting_filter(request, period)
    page = Paginator(ov.postings(centre, selection), PAGE_SIZE).get_page(request.GET.get("side"))
    crumbs = _crumbs(request.user, centre.unit, period["period_qs"], last_is_current=False)
    crumbs += [(f"Omkostningssted {centre}", f"{reverse('budget-cost-centre', args=[centre.code])}?"
                                             f"{period['period_qs']}"), ("Posteringer", "")]
    sort_links = []
    for key, label in SORT_COLUMNS:
        current = selection.sort.lstrip("-") == key
        descending = selection.sort.startswith("-")
        next_sort = (key if descending else f"-{key}") if current else (f"-{key}" if key in ("dato", "beloeb")
                                                                         else key)
        sort_links.append({"label": label, "href": "?" + _filter_qs(selection, sort=next_sort),
                           "aria": ("descending" if descending else "ascending") if current else "",
                           "numeric": key == "beloeb"})
    return render(request, "budget/postings.html", {
        **period, "centre": centre, "selection": selection, "page": page, "sort_links": sort_links,
        "accounts": _account_choices(ov.cost_centre_accounts(centre, selection.year)),
        "export_qs": _filter_qs(selection), "breadcrumbs": crumbs, "back": crumbs[-2],
    })


def _account_choices(accounts: list[dict]) -> dict:
    functions = {(a["function__code"], a["function__name"]) for a in accounts}
    arts = {(a["art__code"], a["art__name"]) for a in accounts}
    return {"functions": sorted(functions), "dranster": sorted({a["dranst"] for a in accounts}),
            "arts": sorted(arts)}


@login_required
@require_GET
def postings_excel(request, code: str):
    centre = get_visible_cost_centre_or_404(request.user, code)
    selection = _posting_filter(request, _period(request))
    columns = [excel.Column("Dato", "date"), excel.Column("Bilagsnr."), excel.Column("Tekst"),
               excel.Column("Funktion"), excel.Column("Dranst", "int"), excel.Column("Art"),
               excel.Column("Gruppering"), excel.Column("Projekt"), excel.Column("Beløb (kr.)", "kr_oere")]
    rows = ([p.date, p.voucher, p.text, p.function.code, p.dranst, p.art.code, p.grouping, p.project, p.amount]
            for p in ov.postings(centre, selection).iterator(chunk_size=2000))
    subtitle = selection.period_label + (" · filtreret" if selection.narrowed else "") + \
        " · udgifter positive, indtægter negative"
    content = excel.write_table(f"Posteringer på omkostningssted {centre}", columns, rows, subtitle=subtitle,
                                sheet_title="Posteringer")
    return _xlsx(content, f"posteringer-{centre.code}-{selection.year}-{selection.first:02d}-{selection.last:02d}.xlsx")


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=excel.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
