"""The addresses of the reports: the reporter's under each language, staff's under ``/staff/``."""

from __future__ import annotations

from django.urls import URLPattern, path

from samen.web.reports import views

#: Under ``/<lang>/`` (the site's i18n patterns).
reporter: list[URLPattern] = [
    path("report/", views.report, name="report"),
    path("report/status/", views.report_status, name="report_status"),
]

#: Under ``/staff/``.
staff: list[URLPattern] = [
    path("", views.staff_cases, name="staff_cases"),
    path("login/", views.staff_login, name="staff_login"),
    path("logout/", views.staff_logout, name="staff_logout"),
    path("case/<int:case>/", views.staff_case, name="staff_case"),
    path("insight/", views.staff_insight, name="staff_insight"),
    path("insight.csv", views.staff_insight_csv, name="staff_insight_csv"),
]
