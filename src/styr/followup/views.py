"""The follow-up workflow: finance opens a round, budget holders answer, finance approves."""

from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from styr.organisation import access
from styr.organisation.models import UnitKind

from . import rules, services
from .forms import ActionPlanMeetingForm, ForecastForm, ReturnForm, RiskForm, RoundForm
from .models import ActionPlanMeeting, Forecast, ForecastStatus, RiskPicture, Round
from .table import lines_for, totals


def _visible_rounds(user):
    rounds = Round.objects.select_related("scope")
    if access.sees_all_units(user):
        return rounds
    return rounds.filter(forecasts__unit__in=access.visible_units(user)).distinct()


def _round_or_404(user, pk: int) -> Round:
    try:
        return _visible_rounds(user).get(pk=pk)
    except Round.DoesNotExist:
        raise Http404("Opfølgningsrunden findes ikke") from None


def _forecast_or_404(user, pk: int) -> Forecast:
    try:
        return (Forecast.objects.select_related("round", "unit__parent", "unit__leader")
                .filter(unit__in=access.visible_units(user)).get(pk=pk))
    except Forecast.DoesNotExist:
        raise Http404("Prognosen findes ikke") from None


@login_required
@require_GET
def round_list(request):
    rounds = list(_visible_rounds(request.user).order_by("-year", "-month"))
    return render(request, "followup/round_list.html", {"rounds": rounds})


@access.role_required(*access.FINANCE_WRITE_ROLES)
@require_http_methods(["GET", "POST"])
def round_create(request):
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = services.open_round(year=data["year"], month=data["month"], scope=data["scope"],
                                         deadline=data["deadline"], created_by=request.user)
        except services.FollowupRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{round_} er åbnet for {round_.forecasts.count()} områder.")
            return redirect("followup-round", pk=round_.pk)
    return render(request, "followup/round_form.html", {"form": form})


def _risk_units(round_: Round, unit_ids: set[int]) -> set[int]:
    return set(RiskPicture.objects.filter(year=round_.year, unit_id__in=unit_ids, risks__isnull=False)
               .values_list("unit_id", flat=True))


@login_required
@require_GET
def round_detail(request, pk: int):
    round_ = _round_or_404(request.user, pk)
    forecasts = list(round_.forecasts.filter(unit__in=access.visible_units(request.user))
                     .select_related("unit__parent", "unit__leader").order_by("unit__parent__name", "unit__name",
                                                                                "capital"))
    lines = lines_for(forecasts, _risk_units(round_, {f.unit_id for f in forecasts}))
    status_filter = request.GET.get("status", "")
    if status_filter in ForecastStatus.values:
        lines = [line for line in lines if line.forecast.status == status_filter]
    operations = [line for line in lines if not line.forecast.capital]
    capital = [line for line in lines if line.forecast.capital]
    counts = {status: sum(1 for f in forecasts if f.status == status) for status in ForecastStatus.values}
    return render(request, "followup/round_detail.html", {
        "round": round_, "operations": operations, "capital": capital,
        "operations_total": totals(operations), "capital_total": totals(capital),
        "deviation_header": rules.deviation_header(), "deviation_short": rules.deviation_short(),
        "counts": counts, "status_filter": status_filter,
        "statuses": ForecastStatus.choices, "threshold": Decimal(settings.STYR_ACTION_PLAN_THRESHOLD),
    })


@login_required
@require_http_methods(["GET", "POST"])
def forecast_detail(request, pk: int):
    forecast = _forecast_or_404(request.user, pk)
    editable = services.can_edit(request.user, forecast)
    initial = {"expected": _danish(forecast.expected), "explanation": forecast.explanation,
               "expected_next_year": _danish(forecast.expected_next_year)}
    form = ForecastForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not editable:
            raise Http404("Prognosen kan ikke ændres")
        if form.is_valid():
            submit = "indsend" in request.POST
            try:
                services.save_forecast(forecast, user=request.user, expected=form.cleaned_data["expected"],
                                       explanation=form.cleaned_data["explanation"],
                                       expected_next_year=form.cleaned_data["expected_next_year"], submit=submit)
            except services.FollowupRefused as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Prognosen er indsendt til Økonomi." if submit else "Prognosen er gemt.")
                return redirect("followup-forecast", pk=forecast.pk)
    line = lines_for([forecast], _risk_units(forecast.round, {forecast.unit_id}))[0]
    return render(request, "followup/forecast_detail.html", {
        "forecast": forecast, "line": line, "form": form, "editable": editable,
        "return_form": ReturnForm(), "can_approve": access.can_edit_finance(request.user)
        and forecast.status == ForecastStatus.SUBMITTED,
        "deviation_header": rules.deviation_header(),
        "history": Forecast.objects.filter(
            unit=forecast.unit, capital=forecast.capital, round__year=forecast.round.year,
            round__month__lte=forecast.round.month).select_related("round").order_by("round__month"),
    })


def _danish(value: Decimal | None) -> str:
    from styr.documents.numbers import fmt_number

    return "" if value is None else fmt_number(value, 0 if value == value.to_integral() else 2)


@access.role_required(*access.FINANCE_WRITE_ROLES)
@require_POST
def forecast_approve(request, pk: int):
    forecast = _forecast_or_404(request.user, pk)
    try:
        services.approve_forecast(forecast, user=request.user)
    except services.FollowupRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Prognosen for {forecast.unit} er godkendt.")
    return redirect(_after_action(request, forecast))


@access.role_required(*access.FINANCE_WRITE_ROLES)
@require_POST
def forecast_return(request, pk: int):
    forecast = _forecast_or_404(request.user, pk)
    form = ReturnForm(request.POST)
    try:
        if not form.is_valid():
            raise services.FollowupRefused("Skriv en bemærkning til den budgetansvarlige.")
        services.return_forecast(forecast, user=request.user, comment=form.cleaned_data["comment"])
    except services.FollowupRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Prognosen for {forecast.unit} er sendt retur.")
    return redirect(_after_action(request, forecast))


def _after_action(request, forecast: Forecast) -> str:
    if request.POST.get("tilbage") == "runde":
        return reverse("followup-round", args=[forecast.round_id])
    return reverse("followup-forecast", args=[forecast.pk])


@access.role_required(*access.FINANCE_WRITE_ROLES)
@require_http_methods(["GET", "POST"])
def round_reminders(request, pk: int):
    round_ = _round_or_404(request.user, pk)
    if request.method == "POST":
        sent = services.send_reminders(round_)
        messages.success(request, f"{sent} påmindelse{'r' if sent != 1 else ''} er sendt.")
        return redirect("followup-round-reminders", pk=round_.pk)
    return render(request, "followup/round_reminders.html", {"round": round_,
                                                              "missing": services.missing_forecasts(round_)})


@login_required
@require_http_methods(["GET", "POST"])
def risk_picture(request, code: str):
    unit = access.get_visible_unit_or_404(request.user, code)
    if unit.kind != UnitKind.BUDGET_HOLDER:
        raise Http404("Risikobilleder føres for bevillingsområder")
    aar = request.GET.get("aar", "")
    year = int(aar) if aar.isdigit() and 2000 <= int(aar) <= 2100 else timezone.localdate().year
    picture = RiskPicture.objects.filter(unit=unit, year=year).first()
    risks = list(picture.risks.all()) if picture else []
    form = RiskForm(request.POST or None)
    meeting_form = ActionPlanMeetingForm(request.POST or None, prefix="moede")
    if request.method == "POST":
        if "moede-held_on" in request.POST:
            if meeting_form.is_valid():
                services.record_action_plan_meeting(unit, **meeting_form.cleaned_data)
                messages.success(request, "Handleplansmødet er registreret.")
                return redirect(f"{reverse('followup-risks', args=[unit.code])}?aar={year}")
        elif form.is_valid():
            try:
                services.save_risk(unit, year, user=request.user, **form.cleaned_data)
            except services.FollowupRefused as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "Risikoen er tilføjet risikobilledet.")
                return redirect(f"{reverse('followup-risks', args=[unit.code])}?aar={year}")
    pairs = [(r.likelihood, r.consequence) for r in risks]
    bands = [Decimal(b) for b in settings.STYR_RISK_BANDS]
    return render(request, "followup/risk_picture.html", {
        "unit": unit, "year": year, "picture": picture, "risks": risks, "form": form, "meeting_form": meeting_form,
        "expected_value": rules.risk_expected_value(pairs), "grid": rules.heat_map(pairs, bands),
        "band_labels": _band_labels(bands),
        "meetings": ActionPlanMeeting.objects.filter(unit=unit, held_on__year=year),
    })


def _band_labels(bands: list[Decimal]) -> list[str]:
    from styr.documents.numbers import fmt_mio

    labels = [f"under {fmt_mio(bands[0], 2)}"]
    labels += [f"{fmt_mio(low, 2, unit=False)}–{fmt_mio(high, 2)}" for low, high in zip(bands, bands[1:], strict=False)]
    labels.append(f"over {fmt_mio(bands[-1], 2)}")
    return labels

