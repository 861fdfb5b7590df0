"""The site's addresses plus one page that fails, to see what a visitor gets from a bug."""

from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpRequest, HttpResponse
from django.urls import path

from samen.web.urls import urlpatterns as site


def broken(request: HttpRequest) -> HttpResponse:
    """A page with a bug in it."""
    raise ZeroDivisionError("a bug")


urlpatterns = [*site, *i18n_patterns(path("broken/", broken))]
handler400 = "samen.web.views.bad_request"
handler404 = "samen.web.views.not_found"
handler500 = "samen.web.views.server_error"
