"""The ``reports`` app: confidential reports, their messages, the staff roles and the access log."""

from __future__ import annotations

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """The ``samen.web.reports`` app, labelled ``reports`` (its tables are ``reports_*``)."""

    name = "samen.web.reports"
    label = "reports"
    verbose_name = "samen reports"
    default_auto_field = "django.db.models.BigAutoField"
