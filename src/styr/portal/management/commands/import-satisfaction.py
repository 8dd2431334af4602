from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from styr.core.audit import acting
from styr.core.tabular import TableError
from styr.portal.services import import_satisfaction


class Command(BaseCommand):
    help = ("Indlæser brugertilfredshed fra en CSV-fil (enhed_id;aar;spoergsmaal;gennemsnit;svar). "
            "Resultaterne for de enheder og år, filen dækker, erstattes; en fil med fejl afvises helt.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV-filen med resultaterne")
        parser.add_argument("--dry-run", action="store_true", help="vis hvad der ville ske, men gem intet")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Kan ikke læse {path}: {exc.strerror}") from None
        try:
            with acting(source=f"styr import-satisfaction {path.name}"):
                result = import_satisfaction(data, path.name, dry_run=options["dry_run"])
        except TableError as exc:
            raise CommandError(f"Filen er afvist, og intet er ændret.\n{exc}") from None
        self.stdout.write(result.summary())
