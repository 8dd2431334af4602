from styr.core.import_command import ImportCommand
from styr.organisation.org_import import import_org


class Command(ImportCommand):
    help = ("Indlæser organisationen fra en CSV-fil (enhed_id, navn, overordnet_id, leder_email, "
            "omkostningssteder). Filen er hele organisationen: enheder, der mangler, lukkes.")
    file_help = "CSV-filen fra HR-/organisationssystemet"

    def add_options(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="vis hvad der ville ske, men gem intet")

    def run(self, data, filename, options):
        return import_org(data, filename, dry_run=options["dry_run"])
