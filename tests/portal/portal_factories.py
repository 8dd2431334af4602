from django.utils import timezone

from styr.portal.models import NewsItem


def make_news(title="Ny lønaftale", *, kind="", unit=None, author=None) -> NewsItem:
    return NewsItem.objects.create(title=title, body="Tekst.", audience_kind=kind, audience_unit=unit,
                                   published_at=timezone.now(), author=author)


def url_sample_news(org) -> NewsItem:
    """A news item for the leaders in B3's subtree only."""
    return NewsItem.objects.filter(title="Kun til Plejecenter Lindholm").first() or make_news(
        "Kun til Plejecenter Lindholm", unit=org.b3)


def small_municipality(org):
    """Budgets and actuals for the schools and the care home, an open July round, goals, a survey,
    news for everybody and for each subtree, and a tool link: enough for every tile of the portal."""
    import datetime

    from styr.followup.services import open_round
    from styr.portal.models import SatisfactionResult, ToolLink
    from tests.budget.budget_factories import make_budget_line, make_posting
    from tests.goals.goal_factories import make_goal, make_indicator

    for cc, amount in (("100100", "1800000"), ("100110", "600000"), ("100300", "2400000"), ("100310", "900000")):
        make_budget_line(cc, amount, year=2022)
        for month in range(1, 8):
            make_posting(cc, str(int(amount) // 12), year=2022, month=month)
    round_ = open_round(year=2022, month=7, scope=org.root, deadline=datetime.date(2022, 8, 10))
    make_indicator(make_goal(org.b1, "Læsning i indskolingen", status="roed", note="Færre læsevejledere."),
                   baseline="60", target="80", direction="op", values=["61", "58"])
    make_goal(org.e1, "Trivsel i indskolingen", status="groen")
    make_goal(org.b3, "Færre fald", status="gul", note="På vej.")
    for unit, question, average in ((org.b1, "Samlet tilfredshed", 4), (org.b3, "Maden", "3.6")):
        SatisfactionResult.objects.create(unit=unit, year=2022, question=question, average=average, responses=40)
    make_news("Budgetopfølgning pr. 31. juli er åben")
    make_news("Nyt til skolerne", unit=org.u1)
    make_news("Nyt til ældreplejen", unit=org.u2)
    ToolLink.objects.create(title="Lønsystemet", url="https://loen.example.dk/", description="Fravær og løn")
    return round_
