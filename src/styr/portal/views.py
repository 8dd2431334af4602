"""Min lederside, the news leaders get from the central administration, and user satisfaction."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from styr.core.audit import acting
from styr.core.tabular import TableError
from styr.followup import rules as followup_rules
from styr.organisation import access
from styr.organisation.models import Unit

from . import dashboard, services
from .forms import NewsForm, SatisfactionUploadForm
from .models import NewsItem, NewsReceipt, SatisfactionResult


@login_required
@require_GET
def home(request):
    today = timezone.localdate()

    def content() -> str:
        return render_to_string("portal/home_content_partial.html", {
            "portal": dashboard.build(request.user, today), "today": today,
            "can_publish": services.can_publish_news(request.user),
            "deviation_short": followup_rules.deviation_short()}, request=request)

    return render(request, "portal/home.html", {"content": dashboard.cached_page(request.user, today, content)})


@never_cache
@require_GET
def health(request):
    """For the load balancer and as the load test's baseline: no login, no database."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


def _news_or_404(user, pk: int) -> NewsItem:
    try:
        return dashboard.visible_news(user).select_related("author", "audience_unit").get(pk=pk)
    except NewsItem.DoesNotExist:
        raise Http404("Nyheden findes ikke") from None


@login_required
@require_GET
def news_list(request):
    author = services.can_publish_news(request.user)
    items = (dashboard.visible_news(request.user).select_related("audience_unit")
             .annotate(**dashboard.read_annotation(request.user)).order_by("-published_at", "-pk"))
    return render(request, "portal/news_list.html", {"items": items[:100], "author": author})


@login_required
@require_http_methods(["GET", "POST"])
def news_create(request):
    if not services.can_publish_news(request.user):
        raise Http404("Siden findes ikke")
    form = NewsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            news = services.publish_news(user=request.user, **form.cleaned_data)
        except services.PortalRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"«{news.title}» er sendt til {len(recipients(news))} ledere.")
            return redirect("portal-news-item", pk=news.pk)
    return render(request, "portal/news_form.html", {"form": form})


def recipients(news: NewsItem) -> list:
    """The users the item reaches: leaders and deputies of the open units it targets."""
    from django.contrib.auth import get_user_model

    units = Unit.objects.open()
    if news.audience_kind:
        units = units.filter(kind=news.audience_kind)
    if news.audience_unit_id:
        units = units.filter(path__startswith=news.audience_unit.path)
    ids = set(units.values_list("leader__user", flat=True)) | set(units.values_list("deputies__user", flat=True))
    ids.discard(None)
    return list(get_user_model().objects.filter(pk__in=ids).select_related("person").order_by("first_name",
                                                                                               "last_name"))


@login_required
@require_GET
def news_item(request, pk: int):
    news = _news_or_404(request.user, pk)
    if NewsItem.objects.filter(dashboard.news_q(request.user), pk=news.pk).exists():
        services.mark_news_read(news, request.user)
    context = {"news": news}
    if services.can_publish_news(request.user):
        read = {r.user_id: r.read_at for r in NewsReceipt.objects.filter(news=news)}
        people = recipients(news)
        context.update({"readers": [(u, read.get(u.pk)) for u in people],
                        "read_count": sum(1 for u in people if u.pk in read)})
    return render(request, "portal/news_item.html", context)


@login_required
@require_GET
def satisfaction(request, code: str):
    unit = access.get_visible_unit_or_404(request.user, code)
    results = list(SatisfactionResult.objects.filter(unit__path__startswith=unit.path).select_related("unit")
                   .order_by("-year", "unit__path", "question"))
    years = sorted({r.year for r in results}, reverse=True)[:2]
    table: dict = {}
    for r in results:
        if r.year in years:
            table.setdefault((r.unit.path, r.unit.name, r.question), {})[r.year] = r
    rows = [{"unit": name, "question": question, "years": [cells.get(y) for y in years]}
            for (_, name, question), cells in sorted(table.items())]
    return render(request, "portal/satisfaction.html", {"unit": unit, "years": years, "rows": rows})


@access.role_required(*access.FINANCE_WRITE_ROLES)
@require_http_methods(["GET", "POST"])
def satisfaction_upload(request):
    form = SatisfactionUploadForm(request.POST or None, request.FILES or None)
    problems, result = None, None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            with acting(request.user, source=f"upload {upload.name}"):
                result = services.import_satisfaction(upload.read(), upload.name, user=request.user,
                                                      dry_run=form.cleaned_data["dry_run"])
        except TableError as exc:
            problems = exc
        else:
            messages.success(request, result.summary())
            if not result.dry_run:
                return redirect("portal-satisfaction-upload")
    return render(request, "portal/satisfaction_upload.html", {"form": form, "problems": problems,
                                                               "result": result})

