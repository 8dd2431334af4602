"""The shape every ``styr import-…`` command shares: read the file, run the one import function
under the audit trail's actor, and turn a rejected file into a Danish message and a non-zero exit."""

from collections.abc import Callable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from .audit import acting
from .tabular import TableError


def import_file(file: str, source: str, run: Callable[[bytes, str], object]) -> str:
    """Read ``file`` and give its bytes and name to ``run`` under the actor ``source`` (the command
    line as the audit trail shows it, without the file's name); the result's summary. An unreadable
    file or a rejected one is a ``CommandError`` with the Danish message, and nothing is changed."""
    path = Path(file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CommandError(f"Kan ikke læse {path}: {exc.strerror}") from None
    try:
        with acting(source=f"{source} {path.name}"):
            result = run(data, path.name)
    except TableError as exc:
        raise CommandError(f"Filen er afvist, og intet er ændret.\n{exc}") from None
    return result.summary()


class ImportCommand(BaseCommand):
    """Subclasses set ``help`` and implement ``run(data, filename, options)`` returning a result
    with ``summary()``; ``add_options`` adds their own arguments after the file."""

    file_help = "filen, der skal indlæses"

    def add_arguments(self, parser):
        parser.add_argument("file", help=self.file_help)
        self.add_options(parser)

    def add_options(self, parser) -> None:
        pass

    def run(self, data: bytes, filename: str, options: dict):
        raise NotImplementedError

    def handle(self, *args, **options):
        summary = import_file(options["file"], f"styr {self._command_name()}",
                              lambda data, name: self.run(data, name, options))
        self.stdout.write(summary)

    def _command_name(self) -> str:
        return self.__module__.rsplit(".", 1)[-1]
