"""The `styr` console script: Django's manage.py under Styr's own name."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styr.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["styr", *sys.argv[1:]])
    except ImproperlyConfigured as exc:
        # A setting is wrong: say which, without a traceback a user cannot act on.
        sys.stderr.write(f"styr: {exc}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
