"""`styr followup report`: write a round's agenda item or monthly report, or a unit's annual report."""

import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from styr.followup import report, report_render
from styr.followup.models import Round
from styr.organisation.models import Unit, UnitKind

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
KINDS = ("agenda", "monthly", "annual")


class Command(BaseCommand):
    help = "Budgetopfølgningens rapporter. Se «styr followup report --help»."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", title="handlinger", required=True)
        rep = actions.add_parser(
            "report", help="skriv dagsordenspunkt, månedsrapport eller årsrapport",
            description=(
                "Skriver dagsordenspunktet (agenda) eller månedsrapporten (monthly) for opfølgningsrunden for "
                "måneden, for hele runden eller et udvalg i den (--scope), eller årsrapportens afsnit om "
                "budgetafvigelser (annual) for en enhed og et år. Filerne lægges i --out med navne som "
                "budgetopfoelgning-2022-07-oekonomiudvalget.pdf."),
        )
        rep.add_argument("--month", metavar="ÅÅÅÅ-MM", help="rundens måned, fx 2022-07 (agenda og monthly)")
        rep.add_argument("--year", type=int, metavar="ÅÅÅÅ",
                         help="regnskabsåret (annual; standard: årstallet i --month)")
        rep.add_argument("--scope", metavar="KODE",
                         help="et udvalg i runden (agenda, monthly) eller enheden (annual; standard: kommunen)")
        rep.add_argument("--kind", choices=KINDS, required=True)
        rep.add_argument("--format", action="append", choices=report_render.FORMATS, dest="formats",
                         help="html, docx, pdf eller xlsx; kan gentages (standard: alle fire)")
        rep.add_argument("--out", metavar="MAPPE", required=True, help="mappen, filerne skrives i")

    def handle(self, *args, **options):
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        formats = options["formats"] or list(report_render.FORMATS)
        if options["kind"] == "annual":
            annual = report.annual_report(self.unit(options["scope"]), self.year(options))
            files = [report_render.render_annual(annual, fmt) for fmt in formats]
        else:
            year, month = self.month(options["month"])
            round_ = self.round(year, month, options["scope"])
            try:
                scope = report.report_scope(round_, options["scope"])
            except report.ReportRefused as exc:
                raise CommandError(str(exc)) from None
            data = report.round_report(round_, scope)
            files = [report_render.render_round(options["kind"], data, fmt) for fmt in formats]
        for rendered in files:
            (out / rendered.filename).write_bytes(rendered.data)
            self.stdout.write(str(out / rendered.filename))

    def month(self, value: str | None) -> tuple[int, int]:
        match = MONTH.match(value or "")
        if not match or not 1 <= int(match[2]) <= 12:
            raise CommandError(f"--month {value}: forventede en måned som 2022-07")
        return int(match[1]), int(match[2])

    def year(self, options) -> int:
        if options["year"]:
            return options["year"]
        if options["month"]:
            return self.month(options["month"])[0]
        raise CommandError("Årsrapporten skal have et år: --year 2022")

    def unit(self, code: str | None) -> Unit:
        if code:
            unit = Unit.objects.filter(code=code).first()
            if unit is None:
                raise CommandError(f"Enheden {code} findes ikke")
            return unit
        root = Unit.objects.filter(kind=UnitKind.MUNICIPALITY).first()
        if root is None:
            raise CommandError("Der er ingen kommune i organisationen; angiv --scope KODE")
        return root

    def round(self, year: int, month: int, code: str | None) -> Round:
        """The round of the month; with several (the municipality's and a committee's own), the one
        that is the scope, else the one that contains it."""
        rounds = list(Round.objects.filter(year=year, month=month).select_related("scope"))
        if not rounds:
            raise CommandError(f"Der er ingen opfølgningsrunde for {month:02d}-{year}")
        if code:
            exact = [r for r in rounds if r.scope.code == code]
            unit = Unit.objects.filter(code=code).first()
            containing = [r for r in rounds if unit is not None and unit.path.startswith(r.scope.path)]
            if exact or containing:
                return (exact or containing)[0]
            raise CommandError(f"Ingen runde for {month:02d}-{year} omfatter {code}")
        whole = [r for r in rounds if r.scope.kind == UnitKind.MUNICIPALITY]
        return (whole or rounds)[0]
