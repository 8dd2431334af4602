"""Every write of the portal goes through one function here; the models are audited (audit.py)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from styr.core.danish_values import parse_amount, parse_int
from styr.core.tabular import ProblemCollector, read_table
from styr.organisation import access
from styr.organisation.models import Unit

from .models import NewsItem, NewsReceipt, SatisfactionImport, SatisfactionResult

SATISFACTION_COLUMNS = ["enhed_id", "aar", "spoergsmaal", "gennemsnit", "svar"]
QUESTION_LENGTH = SatisfactionResult._meta.get_field("question").max_length


class PortalRefused(Exception):
    """An action the rules do not allow; the message says why, in Danish."""


# ---------------------------------------------------------------------------------------------------
# News


def can_publish_news(user) -> bool:
    """Finance staff, and HR staff given the permission «Kan sende nyheder til ledere» in the admin."""
    return access.can_edit_finance(user) or user.has_perm("portal.publish_news")


def publish_news(*, user, title: str, body: str, audience_kind: str = "",
                 audience_unit: Unit | None = None) -> NewsItem:
    """Send a news item to the leaders it targets (see NewsItem)."""
    if not can_publish_news(user):
        raise PortalRefused("Du kan ikke sende nyheder.")
    if not title.strip() or not body.strip():
        raise PortalRefused("En nyhed skal have en overskrift og en tekst.")
    return NewsItem.objects.create(title=title.strip(), body=body.strip(), audience_kind=audience_kind,
                                   audience_unit=audience_unit, published_at=timezone.now(), author=user)


def mark_news_read(news: NewsItem, user) -> NewsReceipt:
    """The leader has opened the news item: a receipt, once (the first opening counts)."""
    receipt, _ = NewsReceipt.objects.get_or_create(news=news, user=user, defaults={"read_at": timezone.now()})
    return receipt


# ---------------------------------------------------------------------------------------------------
# User satisfaction


@dataclass(frozen=True)
class SatisfactionResultSummary:
    rows: int
    units: int
    years: list[int]
    replaced: int
    dry_run: bool

    def summary(self) -> str:
        years = ", ".join(str(y) for y in self.years)
        verb, become = ("Ville indlæse", "ville blive") if self.dry_run else ("Indlæste", "er")
        return (f"{verb} {self.rows} resultater for {self.units} enheder ({years}); "
                f"{self.replaced} tidligere resultater for de samme enheder og år {become} erstattet.")


def _year(text: str) -> int:
    year = parse_int(text)
    if not 2000 <= year <= 2100:
        raise ValueError(f"«{text}» er ikke et år mellem 2000 og 2100")
    return year


def _average(text: str) -> Decimal:
    value = parse_amount(text)
    if value < 0 or value > 100:
        raise ValueError(f"«{text}» er ikke et gennemsnit mellem 0 og 100")
    if value != value.quantize(Decimal("0.01")):
        raise ValueError(f"«{text}» har mere end to decimaler")
    return value


def _responses(text: str) -> int:
    count = parse_int(text)
    if count < 1:
        raise ValueError(f"«{text}»: antallet af svar skal være mindst 1")
    return count


def import_satisfaction(data: bytes, filename: str, *, user=None, dry_run: bool = False) -> SatisfactionResultSummary:
    """Read a survey file (enhed_id;aar;spoergsmaal;gennemsnit;svar) and replace the results of
    the units and years it covers. A file with any error is rejected whole (TableError with file,
    line and column, in Danish), and nothing changes."""
    table = read_table(data, filename=filename, required=SATISFACTION_COLUMNS)
    problems: ProblemCollector = table.problems
    units = {u.code: u for u in Unit.objects.only("id", "code")}
    rows, seen = [], {}
    for row in table.rows:
        values = row.values
        unit = units.get(values["enhed_id"])
        if unit is None:
            problems.add(row.line, "enhed_id", values["enhed_id"], f"enheden «{values['enhed_id']}» findes ikke")
        year = problems.parse(row.line, "aar", values["aar"], _year)
        question = values["spoergsmaal"]
        if not question:
            problems.add(row.line, "spoergsmaal", question, "feltet er tomt; forventet spørgsmålets tekst")
        elif len(question) > QUESTION_LENGTH:
            problems.add(row.line, "spoergsmaal", question[:40], f"spørgsmålet er længere end {QUESTION_LENGTH} tegn")
        average = problems.parse(row.line, "gennemsnit", values["gennemsnit"], _average)
        responses = problems.parse(row.line, "svar", values["svar"], _responses)
        key = (values["enhed_id"], year, question.casefold())
        if key in seen:
            problems.add(row.line, "spoergsmaal", question, f"samme enhed, år og spørgsmål som linje {seen[key]}")
        seen.setdefault(key, row.line)
        rows.append((unit, year, question, average, responses))
    # Reaching here means every row was valid (the rows iterator raises TableError otherwise).
    pairs = {(unit.pk, year) for unit, year, *_ in rows}
    years = sorted({year for _, year in pairs})
    existing = [SatisfactionResult.objects.filter(year=year, unit_id__in={u for u, y in pairs if y == year})
                for year in years]
    replaced = sum(query.count() for query in existing)
    summary = SatisfactionResultSummary(len(rows), len({u for u, _ in pairs}), years, replaced, dry_run)
    if dry_run:
        return summary
    with transaction.atomic():
        source = SatisfactionImport.objects.create(file_name=filename[:255], years=years, row_count=len(rows),
                                                   imported_by=user)
        for query in existing:
            query.delete()
        SatisfactionResult.objects.bulk_create([
            SatisfactionResult(unit=unit, year=year, question=question, average=average, responses=responses,
                               source=source)
            for unit, year, question, average, responses in rows], batch_size=1000)
    return summary
