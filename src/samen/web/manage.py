"""Django's management commands for samen: ``python -m samen.web.manage check --deploy``."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a Django management command with samen's settings.

    Args:
        argv: the command line, ``sys.argv`` by default.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samen.web.settings")
    from django.conf import settings
    from django.core.management import execute_from_command_line

    from samen.web.catalogue import compile_catalogues

    compile_catalogues(settings.LOCALE_PATHS[0], [code for code, _ in settings.LANGUAGES])

    execute_from_command_line(argv if argv is not None else sys.argv)


if __name__ == "__main__":
    main()
