import csv
import io
import re
from decimal import Decimal
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from styr.budget import overview as ov
from styr.documents import excel, numbers
from styr.organisation.models import Unit

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class Command(BaseCommand):
    help = (
        "Skriver budget og forbrug for en enhed (standard: hele kommunen) fra januar til og med en måned, "
        "med en linje pr. underenhed og eget omkostningssted og del (drift, heraf service, anlæg), og "
        "til sidst i alt. Linjen «service» er en del af drift-linjen over den, ikke et tillæg. "
        "CSV: semikolon, UTF-8 med BOM (så Excel læser æ, ø og å), og tal som maskinlæsbare tal med punktum "
        "som decimaltegn og uden tusindtalsadskiller (-2093.80); med --danish i dansk format (-2.093,80). "
        "Fortegn: udgifter positive, indtægter negative; afvigelse = KB − forbrug (+ = mindreforbrug)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--unit", metavar="KODE", help="enheds-id (standard: kommunen)")
        parser.add_argument("--month", metavar="ÅÅÅÅ-MM",
                            help="til og med denne måned, fx 2022-07 (standard: seneste måned med posteringer)")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv", help="csv (standard) eller xlsx")
        parser.add_argument("--out", metavar="FIL", help="skriv til filen (påkrævet for xlsx; CSV ellers til stdout)")
        parser.add_argument("--danish", action="store_true", help="CSV med danske tal (1.406.800,00)")

    def handle(self, *args, **options):
        year, month = self.parse_month(options["month"])
        overview = self.build(options["unit"], year, month)
        title = f"Budget og forbrug – {overview.node.name if overview.node else 'hele kommunen'}"
        if options["format"] == "xlsx":
            if not options["out"]:
                raise CommandError("Excel skrives til en fil: angiv --out FIL.xlsx")
            columns = [excel.Column(label, kind) for _, label, kind in ov.TABLE_COLUMNS]
            subtitle = (f"{overview.period_label} · beløb i kr. · udgifter positive, indtægter negative · "
                        "afvigelse: + = mindreforbrug")
            Path(options["out"]).write_bytes(excel.write_table(title, columns, ov.table_rows(overview),
                                                               subtitle=subtitle, sheet_title="Oversigt"))
            return
        text = self.as_csv(overview, danish=options["danish"])
        if options["out"]:
            Path(options["out"]).write_text(text, encoding="utf-8", newline="")
        else:
            self.stdout.write(text, ending="")

    def parse_month(self, value: str | None) -> tuple[int, int]:
        if value is None:
            _, latest = ov.ledger_bounds()
            if latest is None:
                raise CommandError("Der er ingen posteringer endnu; angiv --month ÅÅÅÅ-MM")
            return latest // 100, latest % 100
        match = MONTH.match(value)
        if not match or not 1 <= int(match[2]) <= 12:
            raise CommandError(f"--month {value}: forventede en måned som 2022-07")
        return int(match[1]), int(match[2])

    def build(self, code: str | None, year: int, month: int) -> ov.Overview:
        if code:
            try:
                return ov.unit_overview(Unit.objects.get(code=code), year, month)
            except Unit.DoesNotExist:
                raise CommandError(f"Enheden {code} findes ikke") from None
        roots = list(Unit.objects.filter(parent__isnull=True))
        if len(roots) == 1:
            return ov.unit_overview(roots[0], year, month)
        return ov.roots_overview(roots, year, month)

    def as_csv(self, overview: ov.Overview, *, danish: bool) -> str:
        out = io.StringIO()
        out.write("\ufeff")
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow([name for name, _, _ in ov.TABLE_COLUMNS])
        for line in ov.table_rows(overview):
            writer.writerow([self.cell(value, danish) for value in line])
        return out.getvalue()

    @staticmethod
    def cell(value, danish: bool) -> str:
        if value is None:
            return ""
        if isinstance(value, Decimal):
            return numbers.fmt_number(value, 2) if danish else f"{value:.2f}"
        return str(value)
