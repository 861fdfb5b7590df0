"""The site's addresses: every page under ``/nl/`` and ``/en/``."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
