"""Goals, guiding marks and initiatives, and the three goal reports."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from styr.followup.models import GoalStatus, Round, RoundStatus
from styr.organisation import access
from styr.organisation.models import Unit

from . import report as reports
from . import rules, services
from .forms import GoalStatusForm, MeasurementForm
from .models import Goal, GuidingMark, Indicator, Initiative

PAGE_SIZE = 50


def _year(request) -> int:
    aar = request.GET.get("aar", "")
    if aar.isdigit() and 2000 <= int(aar) <= 2100:
        return int(aar)
    return Goal.objects.aggregate(year=Max("year"))["year"] or timezone.localdate().year


def _visible_goal_or_404(user, pk: int) -> Goal:
    try:
        return (Goal.objects.select_related("unit", "guiding_mark", "initiative", "status_updated_by")
                .filter(unit__in=access.visible_units(user)).get(pk=pk))
    except Goal.DoesNotExist:
        raise Http404("Målet findes ikke") from None


def _scope(request) -> list[Unit]:
    code = request.GET.get("enhed", "")
    if code:
        return [access.get_visible_unit_or_404(request.user, code)]
    return access.top_units(request.user)


def _mark_statuses(year: int) -> dict[int, rules.Aggregate]:
    colours: dict[int, list[str]] = {}
    for mark_id, status in Goal.objects.filter(year=year, guiding_mark__isnull=False).values_list(
            "guiding_mark_id", "status"):
        colours.setdefault(mark_id, []).append(status)
    return {mark_id: rules.aggregate(statuses) for mark_id, statuses in colours.items()}


@login_required
@require_GET
def goal_list(request):
    year, scope = _year(request), _scope(request)
    goals = (Goal.objects.filter(year=year, unit__in=Unit.objects.subtree_of(*scope))
             .select_related("unit", "guiding_mark").order_by("unit__path", "title"))
    statuses = rules.aggregate(goals.values_list("status", flat=True))
    marks = list(GuidingMark.objects.filter(first_year__lte=year, last_year__gte=year).select_related("committee"))
    aggregates = _mark_statuses(year)
    return render(request, "goals/goal_list.html", {
        "year": year, "scope": scope, "page": Paginator(goals, PAGE_SIZE).get_page(request.GET.get("side")),
        "statuses": statuses, "marks": [(m, aggregates.get(m.pk, rules.aggregate([]))) for m in marks],
        "years": sorted(set(Goal.objects.values_list("year", flat=True).distinct()) | {year}, reverse=True),
        "enhed": request.GET.get("enhed", ""),
    })


@login_required
@require_GET
def goal_detail(request, pk: int):
    goal = _visible_goal_or_404(request.user, pk)
    indicators = []
    for indicator in goal.indicators.prefetch_related("measurements"):
        measurements = list(indicator.measurements.all())
        latest = measurements[-1].value if measurements else None
        status = rules.indicator_status(baseline=indicator.baseline, target=indicator.target,
                                        direction=indicator.direction, latest=latest)
        indicators.append({"indicator": indicator, "measurements": measurements[-12:], "latest": latest,
                           "status": status, "count": len(measurements),
                           "progress": rules.progress(baseline=indicator.baseline, target=indicator.target,
                                                      latest=latest)})
    editable = services.can_update(request.user, goal.unit)
    return render(request, "goals/goal_detail.html", {
        "goal": goal, "indicators": indicators, "editable": editable,
        "suggested": rules.worst(i["status"] for i in indicators),
        "status_form": GoalStatusForm(initial={"colour": goal.status, "note": goal.progress_note}),
        "measurement_form": MeasurementForm(initial={"measured_on": timezone.localdate().strftime("%d-%m-%Y")}),
        "ancestors": access.visible_ancestors(request.user, goal.unit),
    })


@login_required
@require_POST
def goal_status(request, pk: int):
    goal = _visible_goal_or_404(request.user, pk)
    if not services.can_update(request.user, goal.unit):
        raise Http404("Målet kan ikke ændres")
    form = GoalStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Vælg grøn, gul eller rød.")
    else:
        try:
            services.set_goal_status(goal, user=request.user, colour=form.cleaned_data["colour"],
                                     note=form.cleaned_data["note"])
        except services.GoalRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Status er opdateret.")
    return redirect("goals-goal", pk=goal.pk)


@login_required
@require_POST
def measurement_add(request, pk: int):
    indicator = get_object_or_404(Indicator.objects.select_related("goal__unit"), pk=pk,
                                  goal__unit__in=access.visible_units(request.user))
    if not services.can_update(request.user, indicator.goal.unit):
        raise Http404("Indikatoren kan ikke ændres")
    form = MeasurementForm(request.POST)
    if form.is_valid():
        services.record_measurement(indicator, user=request.user, **form.cleaned_data)
        messages.success(request, f"Målingen af «{indicator.name}» er gemt.")
    else:
        errors = "; ".join(f"{form.fields[name].label}: {' '.join(errs)}" for name, errs in form.errors.items())
        messages.error(request, f"Målingen er ikke gemt. {errors}")
    return redirect("goals-goal", pk=indicator.goal_id)


@login_required
@require_GET
def guiding_mark_detail(request, pk: int):
    """Guiding marks are the council's, public in its minutes: every user sees them and their
    overall status; only the goals of the user's own units are listed."""
    mark = get_object_or_404(GuidingMark.objects.select_related("committee"), pk=pk)
    year = min(max(_year(request), mark.first_year), mark.last_year)
    visible = Goal.objects.filter(guiding_mark=mark, year=year, unit__in=access.visible_units(request.user))
    return render(request, "goals/guiding_mark_detail.html", {
        "mark": mark, "year": year,
        "aggregate": rules.aggregate(mark.goals.filter(year=year).values_list("status", flat=True)),
        "initiatives": mark.initiatives.select_related("unit").prefetch_related("guiding_marks"),
        "goals": visible.select_related("unit").order_by("unit__path", "title"),
    })


@login_required
@require_GET
def initiative_detail(request, pk: int):
    initiative = get_object_or_404(Initiative.objects.select_related("unit"), pk=pk)
    return render(request, "goals/initiative_detail.html", {
        "initiative": initiative, "marks": initiative.guiding_marks.select_related("committee"),
        "goals": initiative.goals.filter(unit__in=access.visible_units(request.user)).select_related("unit"),
    })


@login_required
@require_http_methods(["GET", "POST"])
def round_status(request, pk: int, code: str):
    """The budget holder gives the round's status on the area's goals (followup.GoalStatus)."""
    area = access.get_visible_unit_or_404(request.user, code)
    round_ = get_object_or_404(Round, pk=pk, forecasts__unit=area, forecasts__capital=False)
    goals = list(services.area_goals(area, round_.year))
    editable = round_.status == RoundStatus.OPEN and services.can_update(request.user, area)
    given = {s.goal: s for s in GoalStatus.objects.filter(round=round_, unit=area)}
    rows = []
    for goal in goals:
        earlier = given.get(services.goal_text(goal, area))
        initial = {"colour": earlier.colour if earlier else goal.status, "note": earlier.note if earlier
                   else goal.progress_note}
        rows.append({"goal": goal, "given": earlier,
                     "form": GoalStatusForm(request.POST if request.method == "POST" else None, initial=initial,
                                            prefix=f"maal{goal.pk}")})
    if request.method == "POST":
        if not editable:
            raise Http404("Målstatus kan ikke ændres")
        statuses = [services.StatusInput(row["goal"], row["form"].cleaned_data["colour"],
                                         row["form"].cleaned_data["note"]) for row in rows if row["form"].is_valid()]
        try:
            if len(statuses) != len(rows):
                raise services.GoalRefused("Giv alle mål en status.")
            count = services.record_goal_statuses_for_round(round_, area=area, statuses=statuses, user=request.user)
        except services.GoalRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Status på {count} mål er givet for {round_}.")
            return redirect("goals-round-status", pk=round_.pk, code=area.code)
    return render(request, "goals/round_status.html", {"round": round_, "area": area, "rows": rows,
                                                        "editable": editable})


# ---------------------------------------------------------------------------------------------------
# Reports


def _respond(request, report: reports.Report, context: dict):
    fmt = request.GET.get("format", "")
    if fmt == "word":
        response = HttpResponse(reports.to_word(report), content_type=reports.DOCX)
        response["Content-Disposition"] = f'attachment; filename="{report.filename}.docx"'
        return response
    if fmt == "pdf":
        response = HttpResponse(reports.to_pdf(report, settings.MUNICIPALITY_NAME), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{report.filename}.pdf"'
        return response
    query = request.GET.copy()
    query.pop("format", None)
    return render(request, "goals/report.html", {
        "report": report, **context,
        "downloads": [(label, f"{request.path}?{_with(query, 'format', fmt_)}") for label, fmt_ in
                      (("Word", "word"), ("PDF", "pdf"))],
    })


def _with(query, key: str, value: str) -> str:
    query = query.copy()
    query[key] = value
    return query.urlencode()


@access.role_required(*access.SEE_ALL_ROLES)
@require_GET
def report_board(request):
    year = _year(request)
    half = 2 if request.GET.get("halvaar") == "2" else 1
    return _respond(request, reports.board_report(year, half), {"year": year, "half": half})


@access.role_required(*access.SEE_ALL_ROLES)
@require_GET
def report_council(request):
    year = _year(request)
    return _respond(request, reports.council_report(year), {"year": year})


@login_required
@require_GET
def report_annual(request):
    year, scope = _year(request), _scope(request)
    if not scope:
        raise Http404("Du har ingen enheder")
    return _respond(request, reports.annual_appendix(year, scope), {"year": year, "scope": scope})

