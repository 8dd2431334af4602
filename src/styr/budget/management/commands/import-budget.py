import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from styr.budget.services import import_budget
from styr.core.audit import acting
from styr.core.danish_values import parse_date
from styr.core.tabular import TableError


class Command(BaseCommand):
    help = ("Indlæser det vedtagne budget (budgetår og tre overslagsår) fra CSV eller XLSX: "
            "aar;omkostningssted;funktion;dranst;art;beloeb[;profil]. En genindlæsning erstatter budgettet.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--year", type=int, required=True, help="budgetåret")
        parser.add_argument("--name", default="", help="fx «Budget 2023-2026»")
        parser.add_argument("--adopted", default="", help="vedtagelsesdato, fx 10-10-2022")
        parser.add_argument("--decision", default="", help="fx «Kommunalbestyrelsens møde den 10. oktober 2022»")

    def handle(self, *args, **options):
        path = Path(options["file"])
        adopted: datetime.date | None = None
        if options["adopted"]:
            try:
                adopted = parse_date(options["adopted"])
            except ValueError as exc:
                raise CommandError(f"--adopted: {exc}") from None
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Kan ikke læse {path}: {exc.strerror}") from None
        try:
            with acting(source=f"styr import-budget {path.name}"):
                result = import_budget(data, path.name, budget_year=options["year"], name=options["name"],
                                       adopted_on=adopted, decision=options["decision"])
        except TableError as exc:
            raise CommandError(f"Filen er afvist, og intet er ændret.\n{exc}") from None
        self.stdout.write(result.summary())
