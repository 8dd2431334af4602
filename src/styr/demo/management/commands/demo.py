from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from styr.demo.context import DemoContext
from styr.demo.generator import build_demo
from styr.demo.organisation import DEMO_PASSWORD
from styr.organisation.models import Unit


class Command(BaseCommand):
    help = "Opretter demokommunen «Eksempel Kommune» (deterministisk: samme frø giver samme data)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1,
                            help="størrelse; 1 ≈ 50.000 indbyggere, 20 ≈ en kommune på Københavns størrelse")
        parser.add_argument("--seed", type=int, default=2022, help="frø for tilfældighederne (standard 2022)")
        parser.add_argument("--year", type=int, default=None, help="demoåret (standard: sidste kalenderår)")
        parser.add_argument("--if-empty", action="store_true",
                            help="gør intet, hvis databasen allerede har en organisation")

    def handle(self, *args, **options):
        if not 1 <= options["scale"] <= 50:
            raise CommandError("--scale skal være mellem 1 og 50")
        year = options["year"] or timezone.localdate().year - 1
        if Unit.objects.exists():
            if options["if_empty"]:
                self.stdout.write("Databasen har allerede en organisation; demokommunen oprettes ikke igen.")
                self.print_logins()
                return
            raise CommandError("Databasen har allerede en organisation. Brug en tom database "
                               "(fx slet styr.sqlite3), eller kør med --if-empty.")
        ctx = DemoContext(seed=options["seed"], scale=options["scale"], year=year,
                          out=lambda line: self.stdout.write(line))
        build_demo(ctx)
        self.stdout.write(self.style.SUCCESS(f"Eksempel Kommune er oprettet (skala {ctx.scale}, frø {ctx.seed}, "
                                             f"år {ctx.year})."))
        self.print_logins(ctx)

    def print_logins(self, ctx: DemoContext | None = None):
        from django.contrib.auth import get_user_model

        usernames = ["admin", "oekonomi", "direktion", "leder", "leder2"]
        users = {u.username: u for u in get_user_model().objects.filter(username__in=usernames)}
        descriptions = {login.username: f"{login.role}: {login.description}" for login in (ctx.logins if ctx else [])}
        self.stdout.write("")
        self.stdout.write(f"Demo-logins (adgangskode for alle: {DEMO_PASSWORD})")
        for name in usernames:
            if name in users:
                self.stdout.write(f"  {name:<10} {descriptions.get(name, users[name].get_full_name())}")
