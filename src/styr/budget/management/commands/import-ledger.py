import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from styr.budget.ledger_formats import PROFILES
from styr.budget.ledger_import import Progress, import_ledger
from styr.core.audit import acting
from styr.core.tabular import TableError
from styr.documents.numbers import fmt_number


class Command(BaseCommand):
    help = ("Indlæser posteringer fra økonomisystemet (CSV: dato, funktion, dranst, art, omkostningssted, beloeb; "
            "valgfrit tekst, bilagsnr, gruppering, projekt). Filen erstatter de perioder (måneder), den dækker.")
    # The system checks load every page's module (charts, documents): a second before a file of any
    # size, for nothing the import uses. `styr check`, `migrate` and the server run them.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", help="posteringsfilen fra økonomisystemet")
        parser.add_argument("--period", help="perioden, filen dækker, fx 2022-07; en postering uden for den er en fejl")
        parser.add_argument("--park-unknown", action="store_true",
                            help="parkér posteringer med ukendt omkostningssted i stedet for at afvise filen")
        parser.add_argument("--profile", choices=sorted(PROFILES), default=None,
                            help="kolonneprofil for økonomisystemet (standard: standard)")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Kan ikke læse {path}: filen findes ikke")
        show_progress = options["verbosity"] >= 2 or (options["verbosity"] == 1 and sys.stderr.isatty())
        try:
            with acting(source=f"styr import-ledger {path.name}"):
                result = import_ledger(path, filename=path.name, period=options["period"],
                                       profile=options["profile"], park_unknown=options["park_unknown"],
                                       progress=self.progress if show_progress else None)
        except TableError as exc:
            raise CommandError(f"Filen er afvist, og intet er ændret.\n{exc}") from None
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        except OSError as exc:
            raise CommandError(f"Kan ikke læse {path}: {exc.strerror}") from None
        if show_progress:
            self.stderr.write("")
        self.stdout.write(result.summary())

    def progress(self, progress: Progress) -> None:
        fraction = progress.fraction
        done = f"{fraction:.0%}" if fraction is not None else ""
        self.stderr.write(f"\r{progress.phase}: {fmt_number(progress.rows)} rækker {done}", ending="")
        self.stderr.flush()
