"""The follow-up reports on the web: the agenda item, the monthly report and the annual report, each as
a page and as Word, PDF and Excel.

A round's reports cover every area of the round (or of a committee), so they are for finance,
directors and admins; anyone else gets 404, as for any page they may not see. The annual report
covers one unit and what lies below it, so it follows the unit's own access.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from styr.budget.overview import available_years, ledger_bounds
from styr.organisation import access

from . import report, report_render
from .models import Round

KINDS = {"dagsorden": "agenda", "maanedsrapport": "monthly"}
DOWNLOADS = (("Word", "docx"), ("PDF", "pdf"), ("Excel", "xlsx"))
GENERATED_BY = "budgetopfølgning"


def _round_or_404(user, pk) -> Round:
    if not access.sees_all_units(user):
        raise Http404("Rapporten findes ikke")
    round_ = Round.objects.select_related("scope").filter(pk=int(pk)).first()
    if round_ is None:
        raise Http404("Opfølgningsrunden findes ikke")
    return round_


def _report_or_404(request, pk) -> report.RoundReport:
    round_ = _round_or_404(request.user, pk)
    try:
        scope = report.report_scope(round_, request.GET.get("omfang") or request.POST.get("omfang"))
    except report.ReportRefused:
        raise Http404("Udvalget findes ikke i runden") from None
    return report.round_report(round_, scope)


def _query(rep: report.RoundReport) -> str:
    return "" if rep.scope.pk == rep.round.scope_id else f"?omfang={rep.scope.code}"


def _file_response(rendered: report_render.RenderedFile) -> HttpResponse:
    response = HttpResponse(rendered.data, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response


class InsertForm(forms.Form):
    meeting = forms.ModelChoiceField(label="Møde", queryset=None, empty_label=None,
                                     widget=forms.Select(attrs={"class": "form-select"}))
    case_number = forms.CharField(label="Sagsnummer", max_length=40, help_text="Fx 22-002837.",
                                  widget=forms.TextInput(attrs={"class": "form-input input-width-s",
                                                                "aria-describedby": "id_case_number-hint"}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = upcoming_meetings(user)
        if not self.is_bound:
            self.fields["case_number"].initial = last_case_number()

    def clean_case_number(self) -> str:
        from styr.meetings.services import validate_case

        number = self.cleaned_data["case_number"].strip()
        problems = validate_case(number)
        if problems:
            raise forms.ValidationError(" ".join(problems))
        return number


def upcoming_meetings(user):
    """Meetings still to come whose agenda the user may prepare (for finance: not yet published)."""
    from styr.meetings.models import Meeting, MeetingStatus
    from styr.meetings.permissions import meeting_access

    candidates = (Meeting.objects.filter(starts_at__gte=timezone.now(), cancelled=False)
                  .exclude(status=MeetingStatus.MINUTES).select_related("body").order_by("starts_at")[:50])
    allowed = [m.pk for m in candidates if meeting_access(user, m).prepare]
    return Meeting.objects.filter(pk__in=allowed).select_related("body").order_by("starts_at")


def last_case_number() -> str:
    """The case of the last generated follow-up item: the year's follow-ups usually share one case."""
    from styr.meetings.models import AgendaItem

    item = (AgendaItem.objects.filter(generated_by=GENERATED_BY, case__isnull=False).select_related("case")
            .order_by("-created_at").first())
    return item.case.number if item else ""


def _page_context(request, rep: report.RoundReport, kind: str) -> dict:
    round_ = rep.round
    query = _query(rep)
    page = {"dagsorden": "Dagsordenspunkt", "maanedsrapport": "Månedsrapport"}[kind]
    context = (report_render.agenda_context if kind == "dagsorden" else report_render.monthly_context)(rep)
    context.update({
        "scopes": [round_.scope, *report.committees_of(round_, round_.scope)],
        "downloads": [(label, reverse("followup-report-file", args=[round_.pk, kind, fmt]) + query)
                      for label, fmt in DOWNLOADS],
        "monthly_url": reverse("followup-report", args=[round_.pk, "maanedsrapport"]) + query,
        "agenda_url": reverse("followup-report", args=[round_.pk, "dagsorden"]) + query,
        "breadcrumbs": [("Budgetopfølgning", reverse("followup-rounds")),
                        (str(round_), reverse("followup-round", args=[round_.pk])), (page, "")],
    })
    return context


@login_required
@require_GET
def report_page(request, pk, kind: str):
    rep = _report_or_404(request, pk)
    context = _page_context(request, rep, kind)
    if kind == "dagsorden" and access.can_edit_finance(request.user):
        context["insert_form"] = InsertForm(user=request.user)
        context["meetings_url"] = _meetings_url()
    template = "followup/report_agenda.html" if kind == "dagsorden" else "followup/report_monthly.html"
    return render(request, template, context)


@login_required
@require_GET
def report_file(request, pk, kind: str, fmt: str):
    rep = _report_or_404(request, pk)
    return _file_response(report_render.render_round(KINDS[kind], rep, fmt))


@access.role_required(*access.FINANCE_WRITE_ROLES)
@require_POST
def report_insert(request, pk):
    """"Indsæt som dagsordenspunkt": the generated text on a meeting's agenda, the monthly report as
    its PDF appendix, through the meetings module's one write path for generated items."""
    from styr.meetings.services import MeetingError

    rep = _report_or_404(request, pk)
    form = InsertForm(request.POST, user=request.user)
    if form.is_valid():
        meeting = form.cleaned_data["meeting"]
        try:
            item = report_render.insert_agenda_item(rep, meeting, case_number=form.cleaned_data["case_number"])
        except MeetingError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"«{item.title}» er sat på dagsordenen for {meeting}.")
            try:
                return redirect(reverse("meetings-item", args=[item.pk]))
            except NoReverseMatch:
                return redirect(reverse("followup-report", args=[rep.round.pk, "dagsorden"]) + _query(rep))
    context = _page_context(request, rep, "dagsorden")
    context["insert_form"] = form
    context["meetings_url"] = _meetings_url()
    return render(request, "followup/report_agenda.html", context, status=400)


def _meetings_url() -> str:
    try:
        return reverse("meetings-list")
    except NoReverseMatch:
        return ""


def _annual_or_404(request, code: str) -> tuple[report.AnnualReport, list[int]]:
    unit = access.get_visible_unit_or_404(request.user, code)
    first, last = ledger_bounds()
    years = available_years(first, last, timezone.localdate())
    aar = request.GET.get("aar", "")
    if aar.isdigit() and 2000 <= int(aar) <= 2100:
        year = int(aar)
    else:
        year = last // 100 if last else timezone.localdate().year
    return report.annual_report(unit, year), years


@login_required
@require_GET
def annual_page(request, code: str):
    annual, years = _annual_or_404(request, code)
    query = f"?aar={annual.year}"
    context = report_render.annual_context(annual)
    context.update({
        "years": years,
        "downloads": [(label, reverse("followup-annual-file", args=[annual.unit.code, fmt]) + query)
                      for label, fmt in DOWNLOADS],
        "breadcrumbs": [("Budgetopfølgning", reverse("followup-rounds")), (annual.title, "")],
    })
    return render(request, "followup/report_annual.html", context)


@login_required
@require_GET
def annual_file(request, code: str, fmt: str):
    annual, _ = _annual_or_404(request, code)
    return _file_response(report_render.render_annual(annual, fmt))
