from django.core.management.base import CommandError

from styr.budget.services import import_budget
from styr.core.danish_values import parse_date
from styr.core.import_command import ImportCommand


class Command(ImportCommand):
    help = ("Indlæser det vedtagne budget (budgetår og tre overslagsår) fra CSV eller XLSX: "
            "aar;omkostningssted;funktion;dranst;art;beloeb[;profil]. En genindlæsning erstatter budgettet.")
    file_help = "CSV- eller XLSX-filen med budgettet"

    def add_options(self, parser):
        parser.add_argument("--year", type=int, required=True, help="budgetåret")
        parser.add_argument("--name", default="", help="fx «Budget 2023-2026»")
        parser.add_argument("--adopted", default="", help="vedtagelsesdato, fx 10-10-2022")
        parser.add_argument("--decision", default="", help="fx «Kommunalbestyrelsens møde den 10. oktober 2022»")

    def run(self, data, filename, options):
        try:
            adopted = parse_date(options["adopted"]) if options["adopted"] else None
        except ValueError as exc:
            raise CommandError(f"--adopted: {exc}") from None
        return import_budget(data, filename, budget_year=options["year"], name=options["name"],
                             adopted_on=adopted, decision=options["decision"])
