"""axe-core (node_modules/axe-core) in headless Chromium: no serious or critical WCAG 2.1 A/AA
violation on Min lederside, the goal pages, the follow-up form and the report pages."""

import json
from pathlib import Path

import pytest
from django.urls import NoReverseMatch, reverse

from styr.goals.models import Goal
from tests.portal.portal_factories import small_municipality

from ..factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache

    cache.clear()

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SERIOUS = {"serious", "critical"}


def violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    assert result["passes"], "axe ran no rule"
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"][:5]]}
            for v in result["violations"] if v["impact"] in SERIOUS]


def optional(name: str, **kwargs) -> str | None:
    """A page another module adds; left out while it does not exist."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


@pytest.fixture
def pages(cast):
    round_ = small_municipality(cast.org)
    forecast = round_.forecasts.get(unit=cast.org.b1, capital=False)
    goal = Goal.objects.get(title="Læsning i indskolingen")
    leader = ["/min-side/", f"/opfoelgning/prognose/{forecast.pk}/", f"/maal/{goal.pk}/",
              f"/maal/runde/{round_.pk}/B1/", "/maal/?aar=2022", "/maal/rapport/aarsrapport/?aar=2022",
              "/min-side/tilfredshed/B1/"]
    finance = ["/maal/rapport/direktion/?aar=2022", "/maal/rapport/kommunalbestyrelse/?aar=2022",
               "/min-side/nyheder/ny/", "/min-side/tilfredshed/indlaes/",
               optional("followup-report", pk=round_.pk, kind="dagsorden"),
               optional("followup-report", pk=round_.pk, kind="maanedsrapport"),
               optional("keyfigures-report")]
    return {"leder_a": leader, "okonomi": [url for url in finance if url]}


def test_no_serious_or_critical_accessibility_violations(cast, pages, page, live_server, log_in):
    found = {}
    for username, urls in pages.items():
        log_in(username, PASSWORD)
        for url in urls:
            response = page.goto(f"{live_server.url}{url}")
            assert response.status == 200, url
            if problems := violations(page):
                found[url] = problems
        page.context.clear_cookies()
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)
