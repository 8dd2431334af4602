"""``styr keyfigures import|report|export``: the key-figure series and the monthly report."""

import sys
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from styr.core.audit import acting
from styr.core.danish_values import parse_period
from styr.core.tabular import TableError
from styr.keyfigures import outputs
from styr.keyfigures.exports import export_series
from styr.keyfigures.formats import FORMATS
from styr.keyfigures.models import Series
from styr.keyfigures.report import economy_report
from styr.keyfigures.services import import_series

SERIES = list(Series.values)


class Command(BaseCommand):
    help = "Nøgletal: indlæs en serie, dan økonomirapporten for en måned, eller skriv en serie ud i importformatet."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True, title="handlinger",
                                         parser_class=type(parser))
        load = commands.add_parser("import", help="indlæs en fil; den erstatter de måneder, den dækker",
                                   description="Formater: " + "; ".join(f"{s}: {f.description}"
                                                                        for s, f in FORMATS.items()))
        load.add_argument("--series", required=True, choices=SERIES)
        load.add_argument("file", help="CSV-filen")
        report = commands.add_parser("report", help="dan «Orientering om udviklingen i kommunens økonomi»")
        report.add_argument("--month", required=True, help="måneden, fx 2022-09")
        report.add_argument("--format", default="pdf", choices=list(outputs.FORMATS))
        report.add_argument("--out", default=".", help="mappen, filen skrives i (standard: her)")
        export = commands.add_parser("export", help="skriv en serie ud i dens importformat")
        export.add_argument("--series", required=True, choices=SERIES)
        export.add_argument("--out", default=None, help="filen (standard: standard-output)")

    def handle(self, *args, **options):
        {"import": self.load, "report": self.report, "export": self.export}[options["action"]](options)

    def load(self, options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Kan ikke læse {path}: {exc.strerror}") from None
        try:
            with acting(source=f"styr keyfigures import --series {options['series']} {path.name}"):
                result = import_series(options["series"], data, path.name)
        except TableError as exc:
            raise CommandError(f"Filen er afvist, og intet er ændret.\n{exc}") from None
        self.stdout.write(result.summary())

    def report(self, options):
        try:
            year, month = parse_period(options["month"])
        except ValueError as exc:
            raise CommandError(f"--month: {exc}") from None
        fmt = options["format"]
        item = economy_report(date(year, month, 1), with_charts=fmt != "xlsx")
        folder = Path(options["out"])
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / outputs.file_name(item, fmt)
        target.write_bytes(outputs.render(item, fmt))
        self.stdout.write(f"{item.heading}: {target}")

    def export(self, options):
        data = export_series(options["series"])
        if options["out"]:
            Path(options["out"]).write_bytes(data)
            self.stdout.write(f"{Series(options['series']).label}: {options['out']}")
        else:
            sys.stdout.buffer.write(data)
