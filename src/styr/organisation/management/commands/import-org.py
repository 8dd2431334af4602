from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from styr.core.audit import acting
from styr.core.tabular import TableError
from styr.organisation.org_import import import_org


class Command(BaseCommand):
    help = ("Indlæser organisationen fra en CSV-fil (enhed_id, navn, overordnet_id, leder_email, "
            "omkostningssteder). Filen er hele organisationen: enheder, der mangler, lukkes.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV-filen fra HR-/organisationssystemet")
        parser.add_argument("--dry-run", action="store_true", help="vis hvad der ville ske, men gem intet")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Kan ikke læse {path}: {exc.strerror}") from None
        try:
            with acting(source=f"styr import-org {path.name}"):
                result = import_org(data, path.name, dry_run=options["dry_run"])
        except TableError as exc:
            raise CommandError(f"Filen er afvist, og intet er ændret.\n{exc}") from None
        self.stdout.write(result.summary())
