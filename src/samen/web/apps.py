"""The Django application of samen: the web toolkit, and the database the bot keeps its state in."""

from __future__ import annotations

from django.apps import AppConfig


class WebConfig(AppConfig):
    """The ``samen.web`` app, labelled ``web`` (its tables are ``web_*``)."""

    name = "samen.web"
    label = "web"
    verbose_name = "samen"
    default_auto_field = "django.db.models.BigAutoField"
