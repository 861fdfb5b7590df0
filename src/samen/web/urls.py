"""The site's addresses: ``/`` chooses a language; every page lives under ``/nl/`` and ``/en/``."""

from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.urls import URLPattern, URLResolver, include, path

from samen.web import views
from samen.web.reports import urls as reports

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.root, name="root"),
    path("theme.css", views.theme, name="theme"),
    path("staff/", include(reports.staff)),
    *i18n_patterns(
        path("", views.home, name="home"),
        path("dos/", views.dos, name="dos"),
        path("dos/illustration-<str:layout>.<str:fmt>", views.poster, name="poster"),
        path("dos/students-online.svg", views.scene, name="scene"),
        path("toolkit/", views.toolkit, name="toolkit"),
        path("toolkit/<str:platform>/", views.platform, name="platform"),
        path("toolkit/<str:platform>/preview", views.platform_preview, name="preview"),
        path("faq/", views.faq, name="faq"),
        path("faq/search", views.faq_search, name="faq-search"),
        path("help/", views.help_page, name="help"),
        *reports.reporter,
        prefix_default_language=True,
    ),
]

handler400 = "samen.web.views.bad_request"
handler404 = "samen.web.views.not_found"
handler500 = "samen.web.views.server_error"
