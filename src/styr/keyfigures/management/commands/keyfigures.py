"""``styr keyfigures import|report|export``: the key-figure series and the monthly report."""

import sys
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from styr.core.danish_values import parse_period
from styr.core.import_command import import_file
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
        series = options["series"]
        self.stdout.write(import_file(options["file"], f"styr keyfigures import --series {series}",
                                      lambda data, name: import_series(series, data, name)))

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
