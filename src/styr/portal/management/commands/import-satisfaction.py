from styr.core.import_command import ImportCommand
from styr.portal.services import import_satisfaction


class Command(ImportCommand):
    help = ("Indlæser brugertilfredshed fra en CSV-fil (enhed_id;aar;spoergsmaal;gennemsnit;svar). "
            "Resultaterne for de enheder og år, filen dækker, erstattes; en fil med fejl afvises helt.")
    file_help = "CSV-filen med resultaterne"

    def add_options(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="vis hvad der ville ske, men gem intet")

    def run(self, data, filename, options):
        return import_satisfaction(data, filename, dry_run=options["dry_run"])
