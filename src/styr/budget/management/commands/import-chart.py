from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from styr.budget.services import import_chart
from styr.core.audit import acting
from styr.core.tabular import TableError


class Command(BaseCommand):
    help = "Indlæser kontoplanen for et budgetår fra CSV: niveau;kode;navn;klassifikation."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--year", type=int, required=True, help="budgetåret kontoplanen gælder for")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Kan ikke læse {path}: {exc.strerror}") from None
        try:
            with acting(source=f"styr import-chart {path.name}"):
                result = import_chart(data, path.name, year=options["year"])
        except TableError as exc:
            raise CommandError(f"Filen er afvist, og intet er ændret.\n{exc}") from None
        self.stdout.write(f"Kontoplan {options['year']}: {result.summary()}")
