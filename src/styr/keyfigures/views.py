"""Key-figure pages: an overview, a page per series with its chart and numbers, sick leave and
headcount down the organisation tree, the import, and the monthly report.

Who sees what: the municipality's own figures (population, liquidity, arrears, the report) are for
finance, directors and admins; everyone else gets 404. Sick leave and headcount are per unit: a
leader sees their own subtree (404 outside it). Sick leave of a unit with fewer employees than
settings.STYR_ABSENCE_MIN_EMPLOYEES is shown only to finance staff and admins; others see "–".
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from styr.core.audit import acting
from styr.core.danish_values import parse_period
from styr.core.tabular import TableError
from styr.documents.numbers import fmt_month
from styr.organisation import access
from styr.organisation.models import Unit

from . import figures, meeting_item, outputs, pages
from .formats import FORMATS
from .models import AbsenceMonth, HeadcountMonth, KeyFigureImport, Series
from .report import economy_report
from .rules import first_of_month
from .services import import_series, read_series_file

SEE_ALL = tuple(access.SEE_ALL_ROLES)
FINANCE = tuple(access.FINANCE_WRITE_ROLES)
MAX_UPLOAD_BYTES = 200 * 1024 * 1024
UPLOAD_SESSION_KEY = "keyfigures-upload"


def _month_param(request, default: date | None) -> date:
    """The month a page shows (``?maaned=2022-09``): as asked, else the newest with data, else last month."""
    try:
        year, month = parse_period(request.GET.get("maaned", ""))
        return date(year, month, 1)
    except ValueError:
        pass
    if default is not None:
        return default
    return first_of_month(timezone.localdate().replace(day=1) - timedelta(days=1))


def _first(day: date | None) -> date | None:
    return None if day is None else first_of_month(day)


def _crumbs(*items: tuple[str, str]) -> list[tuple[str, str]]:
    return [("Nøgletal", reverse("keyfigures-overview")), *items]


# ---------------------------------------------------------------------------------------------------
# Overview and the municipality's series


@login_required
@require_GET
def overview(request):
    sees_all = access.sees_all_units(request.user)
    context = {"sees_all": sees_all, "can_import": access.can_edit_finance(request.user),
               "top_units": access.top_units(request.user)}
    if sees_all:
        context["cards"] = pages.overview_cards(figures.latest_month())
    return render(request, "keyfigures/overview.html", context)


@access.role_required(*SEE_ALL)
@require_GET
def population(request):
    return render(request, "keyfigures/series.html", {
        **pages.population_page(), "breadcrumbs": _crumbs(("Befolkning", ""))})


@access.role_required(*SEE_ALL)
@require_GET
def liquidity(request):
    return render(request, "keyfigures/series.html", {
        **pages.liquidity_page(_month_param(request, figures.latest_month())),
        "breadcrumbs": _crumbs(("Likviditet", ""))})


@access.role_required(*SEE_ALL)
@require_GET
def arrears(request):
    return render(request, "keyfigures/series.html", {
        **pages.arrears_page(), "breadcrumbs": _crumbs(("Restancer", ""))})


# ---------------------------------------------------------------------------------------------------
# Sick leave and headcount down the tree


@login_required
@require_GET
def absence_start(request):
    return _tree_start(request, "keyfigures-absence-unit", "Sygefravær")


@login_required
@require_GET
def headcount_start(request):
    return _tree_start(request, "keyfigures-headcount-unit", "Ansatte")


def _tree_start(request, url_name: str, title: str):
    """The user's own top of the tree: the municipality, or a leader's unit(s)."""
    tops = access.top_units(request.user)
    if len(tops) == 1:
        query = f"?{request.GET.urlencode()}" if request.GET else ""
        return redirect(reverse(url_name, args=[tops[0].code]) + query)
    return render(request, "keyfigures/tree_start.html", {
        "title": title, "units": tops, "url_name": url_name, "breadcrumbs": _crumbs((title, ""))})


@login_required
@require_GET
def absence_unit(request, code: str):
    unit = access.get_visible_unit_or_404(request.user, code)
    month = _month_param(request, _first(figures.month_span(AbsenceMonth)[1]))
    page = pages.absence_unit_page(unit, month, full_access=access.can_edit_finance(request.user))
    return render(request, "keyfigures/unit.html", {
        **page, "unit": unit, "url_name": "keyfigures-absence-unit",
        "breadcrumbs": _unit_crumbs(request.user, unit, "Sygefravær", "keyfigures-absence-unit", month)})


@login_required
@require_GET
def headcount_unit(request, code: str):
    unit = access.get_visible_unit_or_404(request.user, code)
    month = _month_param(request, _first(figures.month_span(HeadcountMonth)[1]))
    page = pages.headcount_unit_page(unit, month)
    return render(request, "keyfigures/unit.html", {
        **page, "unit": unit, "url_name": "keyfigures-headcount-unit",
        "breadcrumbs": _unit_crumbs(request.user, unit, "Ansatte", "keyfigures-headcount-unit", month)})


def _unit_crumbs(user, unit: Unit, title: str, url_name: str, month: date) -> list[tuple[str, str]]:
    query = f"?maaned={month:%Y-%m}"
    crumbs = [(title, reverse(url_name.replace("-unit", "")))]
    crumbs += [(a.name, reverse(url_name, args=[a.code]) + query) for a in access.visible_ancestors(user, unit)]
    return _crumbs(*crumbs, (unit.name, ""))


# ---------------------------------------------------------------------------------------------------
# Import: upload → preview of the parsed rows → confirm


class UploadForm(forms.Form):
    series = forms.ChoiceField(label="Serie", choices=Series.choices)
    file = forms.FileField(label="Fil (CSV)", help_text="Semikolon, komma eller tabulator; UTF-8 eller Windows-1252. "
                                                         "Filen erstatter de måneder, den dækker.")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("Filen er større end 200 MB.")
        return upload


def _upload_dir() -> Path:
    folder = Path(settings.MEDIA_ROOT) / "keyfigure-imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@access.role_required(*FINANCE)
@require_http_methods(["GET", "POST"])
def import_file(request):
    form = UploadForm(request.POST or None, request.FILES or None, initial={"series": request.GET.get("serie")})
    parsed = problems = upload_id = None
    if request.method == "POST" and form.is_valid():
        upload, series = form.cleaned_data["file"], form.cleaned_data["series"]
        upload_id = str(uuid.uuid4())
        path = _upload_dir() / f"{upload_id}.csv"
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        file_name = Path(upload.name).name
        try:
            with path.open("rb") as stream:
                parsed = read_series_file(series, stream, file_name)
        except TableError as exc:
            problems = exc
            path.unlink(missing_ok=True)
        else:
            request.session[UPLOAD_SESSION_KEY] = {"id": upload_id, "series": series, "file_name": file_name}
    template = "keyfigures/import_result_partial.html" if request.htmx else "keyfigures/import.html"
    return render(request, template, {
        "form": form, "parsed": parsed, "problems": problems, "formats": FORMATS, "upload_id": upload_id,
        "preview": parsed.preview() if parsed else None,
        "imports": KeyFigureImport.objects.select_related("imported_by")[:20],
        "breadcrumbs": _crumbs(("Indlæs", ""))})


@access.role_required(*FINANCE)
@require_POST
def import_confirm(request):
    pending = request.session.get(UPLOAD_SESSION_KEY)
    if not pending or pending.get("id") != request.POST.get("upload"):
        messages.error(request, "Filen er ikke længere klar til indlæsning. Vælg den igen.")
        return redirect("keyfigures-import")
    path = _upload_dir() / f"{uuid.UUID(pending['id'])}.csv"
    try:
        with path.open("rb") as stream, acting(request.user, source=f"upload af {pending['file_name']}"):
            result = import_series(pending["series"], stream, pending["file_name"], user=request.user)
    except (TableError, OSError) as exc:
        messages.error(request, f"Filen er afvist, og intet er ændret: {exc}")
        return redirect("keyfigures-import")
    finally:
        path.unlink(missing_ok=True)
        request.session.pop(UPLOAD_SESSION_KEY, None)
    messages.success(request, result.summary())
    return redirect(pages.SERIES_PAGES[pending["series"]])


# ---------------------------------------------------------------------------------------------------
# The monthly report


@access.role_required(*SEE_ALL)
@require_GET
def report(request):
    month = _month_param(request, figures.latest_month())
    item = economy_report(month)
    return render(request, "keyfigures/report.html", {
        **outputs.context(item), "month": month, "months": pages.report_months(),
        "meeting_form": meeting_item.form_for(request.user, item),
        "breadcrumbs": _crumbs((f"Økonomirapport {fmt_month(month.year, month.month)}", ""))})


@access.role_required(*SEE_ALL)
@require_GET
def report_file(request):
    month = _month_param(request, figures.latest_month())
    fmt = request.GET.get("format", "html")
    if fmt not in outputs.FORMATS:
        raise Http404("Formatet findes ikke")
    item = economy_report(month, with_charts=fmt != "xlsx")
    content_type, _ = outputs.FORMATS[fmt]
    response = HttpResponse(outputs.render(item, fmt), content_type=content_type)
    disposition = "inline" if fmt in ("pdf", "html") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{outputs.file_name(item, fmt)}"'
    return response


@access.role_required(*SEE_ALL)
@require_POST
def report_to_meeting(request):
    month = _post_month(request)
    item = meeting_item.add_to_meeting(request, month)
    if item is None:
        return redirect(f"{reverse('keyfigures-report')}?maaned={month:%Y-%m}")
    messages.success(request, f"Økonomirapporten for {fmt_month(month.year, month.month)} er indsat som "
                              f"dagsordenspunkt på {item.meeting}.")
    try:
        return redirect("meetings-item", pk=item.pk)
    except NoReverseMatch:  # the meetings module without its pages
        return redirect(f"{reverse('keyfigures-report')}?maaned={month:%Y-%m}")


def _post_month(request) -> date:
    try:
        year, month = parse_period(request.POST.get("maaned", ""))
    except ValueError:
        raise Http404("Måneden findes ikke") from None
    return date(year, month, 1)
