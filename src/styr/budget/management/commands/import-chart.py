from styr.budget.services import import_chart
from styr.core.import_command import ImportCommand


class Command(ImportCommand):
    help = "Indlæser kontoplanen for et budgetår fra CSV: niveau;kode;navn;klassifikation."
    file_help = "CSV-filen med kontoplanen"

    def add_options(self, parser):
        parser.add_argument("--year", type=int, required=True, help="budgetåret kontoplanen gælder for")

    def run(self, data, filename, options):
        return import_chart(data, filename, year=options["year"])
