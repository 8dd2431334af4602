"""The `styr` console script: Django's manage.py under Styr's own name."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styr.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["styr", *sys.argv[1:]])


if __name__ == "__main__":
    main()
