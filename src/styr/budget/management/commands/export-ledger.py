import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from styr.budget.ledger_export import export_ledger


class Command(BaseCommand):
    help = ("Skriver en periodes posteringer i det format, import-ledger læser (semikolon, UTF-8, danske beløb "
            "og datoer), så eksport og import giver de samme posteringer.")

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, help="perioden, fx 2022-07")
        parser.add_argument("--out", help="filen, der skrives (standard: standardoutput)")

    def handle(self, *args, **options):
        try:
            if options["out"]:
                path = Path(options["out"])
                with path.open("w", encoding="utf-8", newline="") as out:
                    count = export_ledger(options["period"], out)
                self.stderr.write(f"{count} posteringer er skrevet til {path}.")
            else:
                sys.stdout.reconfigure(newline="")  # csv writes its own line endings
                count = export_ledger(options["period"], sys.stdout)
                sys.stdout.flush()
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        except OSError as exc:
            raise CommandError(f"Kan ikke skrive {options['out']}: {exc.strerror}") from None
