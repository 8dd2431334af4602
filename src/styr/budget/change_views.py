"""Budget changes (tillæg, omplaceringer, overførsler, puljeudmøntninger) and the budget upload."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q, Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from styr.core.tabular import TableError
from styr.organisation import access

from .change_forms import BudgetFileForm, ChangeForm, ChangeLineFormSet
from .models import Budget, BudgetChange, ChangeKind
from .services import ChangeLineInput, ChangeRefused, import_budget, record_budget_change


def _visible_changes(user):
    changes = BudgetChange.objects.all()
    if not access.sees_all_units(user):
        units = access.visible_units(user)
        changes = changes.filter(lines__cost_centre__unit__in=units).distinct()
    return changes


def _year(request) -> int:
    try:
        return int(request.GET.get("aar", ""))
    except ValueError:
        latest = BudgetChange.objects.order_by("-year").values_list("year", flat=True).first()
        return latest or timezone.localdate().year


@login_required
@require_GET
def change_list(request):
    year = _year(request)
    kind = request.GET.get("type", "")
    changes = _visible_changes(request.user).filter(year=year)
    if kind in ChangeKind.values:
        changes = changes.filter(kind=kind)
    changes = changes.annotate(
        line_count=Count("lines"),
        net=Sum("lines__amount"),
        added=Sum("lines__amount", filter=Q(lines__amount__gt=0)),
    ).order_by("decided_on", "pk")
    years = sorted(set(BudgetChange.objects.values_list("year", flat=True)) | {year}, reverse=True)
    return render(request, "budget/change_list.html", {
        "changes": changes, "year": year, "years": years, "kind": kind, "kinds": ChangeKind.choices,
    })


@login_required
@require_GET
def change_detail(request, pk: int):
    try:
        change = _visible_changes(request.user).select_related("created_by").get(pk=pk)
    except BudgetChange.DoesNotExist:
        raise Http404("Budgetændringen findes ikke") from None
    lines = change.lines.select_related("cost_centre__unit", "function", "art").order_by("amount")
    return render(request, "budget/change_detail.html", {"change": change, "lines": lines,
                                                          "total": sum(line.amount for line in lines)})


@access.role_required(*access.FINANCE_WRITE_ROLES)
@require_http_methods(["GET", "POST"])
def change_create(request):
    form = ChangeForm(request.POST or None, initial={"decided_on": timezone.localdate()})
    formset = ChangeLineFormSet(request.POST or None, prefix="linje")
    problems: list[str] = []
    if request.method == "POST" and "flere" in request.POST:
        # More lines, without JavaScript: re-show what was typed with two empty rows added.
        data = request.POST.copy()
        data["linje-TOTAL_FORMS"] = str(int(data.get("linje-TOTAL_FORMS", 0)) + 2)
        formset = ChangeLineFormSet(data, prefix="linje")
        form = ChangeForm(data)
        return render(request, "budget/change_form.html", {"form": form, "formset": formset, "problems": []})
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = form.cleaned_data
        lines = [ChangeLineInput(f["cost_centre"], f["function"], f["dranst"], f["art"], f["amount"])
                 for f in formset.cleaned_data if f and f.get("amount") is not None]
        try:
            change = record_budget_change(
                year=data["decided_on"].year, kind=data["kind"], decided_on=data["decided_on"], body=data["body"],
                text=data["text"], financing=data["financing"], meeting_date=data["meeting_date"],
                case_number=data["case_number"], lines=lines, created_by=request.user)
        except ChangeRefused as exc:
            problems = exc.problems
        else:
            messages.success(request, f"{change.get_kind_display()} er registreret.")
            return redirect("budget-change-detail", pk=change.pk)
    return render(request, "budget/change_form.html", {"form": form, "formset": formset, "problems": problems})


@access.role_required(*access.FINANCE_WRITE_ROLES)
@require_http_methods(["GET", "POST"])
def budget_upload(request):
    form = BudgetFileForm(request.POST or None, request.FILES or None)
    problems = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_budget(upload.read(), upload.name, budget_year=form.cleaned_data["year"],
                                   name=form.cleaned_data["name"])
        except TableError as exc:
            problems = exc
        else:
            messages.success(request, result.summary())
            return redirect("budget-budgets")
    return render(request, "budget/budget_upload.html", {"form": form, "problems": problems})


@login_required
@require_GET
def budget_list(request):
    budgets = Budget.objects.annotate(line_count=Count("lines")).order_by("-budget_year")
    totals = {}
    for row in (Budget.objects.values("budget_year", "lines__year").annotate(total=Sum("lines__amount"))
                .order_by("budget_year", "lines__year")):
        if row["lines__year"] is not None:
            totals.setdefault(row["budget_year"], []).append((row["lines__year"], row["total"]))
    return render(request, "budget/budget_list.html", {
        "budgets": [(b, totals.get(b.budget_year, [])) for b in budgets],
        "can_edit": access.can_edit_finance(request.user),
    })
