"""`styr meetings reindex` and `styr meetings document`: the search index and the documents of a meeting."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from styr.meetings import rendering, search
from styr.meetings.content import document_content
from styr.meetings.models import Meeting


class Command(BaseCommand):
    help = "Møder: genopbyg søgeindekset, eller skriv et mødes dagsorden eller referat som PDF og Word."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", title="handlinger", required=True)
        actions.add_parser("reindex", help="genopbyg SQLite-søgeindekset (PostgreSQL søger uden indeks)")
        doc = actions.add_parser("document", help="skriv dagsorden eller referat for et møde")
        doc.add_argument("meeting", type=int, help="mødets nummer (som i adressen /moeder/<nummer>/)")
        doc.add_argument("--kind", choices=("dagsorden", "referat"), default="referat")
        doc.add_argument("--internal", action="store_true", help="den interne udgave med lukkede punkter")
        doc.add_argument("--out", metavar="MAPPE", required=True, help="mappen, filerne skrives i")

    def handle(self, *args, **options):
        if options["action"] == "reindex":
            self.stdout.write(f"{search.rebuild_index()} punkter er indekseret.")
            return
        meeting = Meeting.objects.select_related("body").filter(pk=options["meeting"]).first()
        if meeting is None:
            raise CommandError(f"Mødet {options['meeting']} findes ikke.")
        if options["kind"] == "referat" and not meeting.agenda_published:
            raise CommandError("Mødets dagsorden er ikke offentliggjort; der er intet referat endnu.")
        content = document_content(meeting, options["kind"], public=not options["internal"])
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        for extension, render in (("pdf", rendering.pdf), ("docx", rendering.word)):
            path = out / rendering.filename(content, extension)
            path.write_bytes(render(content))
            self.stdout.write(str(path))
