"""Confidential reports: a student tells the people who can help, follows up with a code, and the campaign
team sees counts without anyone's words.

A Django app of its own (label ``reports``) inside the web toolkit: ``models`` (the tables), ``crypto`` (the
words sealed at rest), ``codes`` (follow-up codes and the guessing limit), ``actions`` (every write),
``access`` (every access check), ``insight`` (k-anonymous counts), ``forms``, ``views``, ``urls``.
See ``docs/reports.md``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path


def open_database() -> None:
    """Set Django up for a command outside the server (``samen staff``, ``samen reports``): the settings,
    the data folder, and the migrations applied."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samen.web.settings")
    import django
    from django.conf import settings
    from django.core.management import call_command

    Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


def report_routes() -> tuple[str, ...]:
    """The support routes whose reports go to staff accounts (the pack's ``reports.routes``)."""
    from samen.web import campaign

    return tuple(campaign.pack().spec.reports.routes)


def staffed_routes(routes: Sequence[str] | None = None, using: str = "default") -> tuple[str, ...]:
    """The report routes that someone can read: those with at least one active staff account of that role,
    in their order (``routes``: the pack's ``reports.routes`` unless given; ``using``: the database alias).

    Only these are offered (the report form, the help page's "report confidentially" links, the bot's
    report dialog) and accepted: a report to a route without an account would promise "only … can read it"
    to nobody.
    """
    from samen.web.reports.models import StaffRole

    routes = report_routes() if routes is None else tuple(routes)
    roles = StaffRole.objects.using(using).filter(role__in=routes, user__is_active=True)
    staffed = set(roles.values_list("role", flat=True))
    return tuple(route for route in routes if route in staffed)
