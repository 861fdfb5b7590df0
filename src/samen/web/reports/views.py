"""The pages of the reports: the report form and the reporter's status page (``/<lang>/report/…``), and
staff's log-in, case list, case and insight (``/staff/…``).

Every page here is personal: never cached (``no-store``), never kept by :class:`samen.web.wsgi.KeptPages`
(each sets or needs a cookie or a code), and every access check is in :mod:`samen.web.reports.access`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.http import content_disposition_header
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache

from samen.content import Localized, describe_error
from samen.errors import InputError
from samen.web import campaign
from samen.web.methods import allow
from samen.web.reports import access, actions, codes, insight, staffed_routes
from samen.web.reports.forms import AnswerForm, ReplyForm, ReportForm, StatusForm, WithdrawForm
from samen.web.reports.models import STATUSES, Report

#: Cases per page of the staff list.
PAGE_SIZE = 50


@dataclass(frozen=True, slots=True)
class CaseRow:
    """A case as the staff list shows it: no words, only where it stands."""

    pk: int
    url: str
    route: str
    status: str
    status_label: str
    platform: str
    reporter: str
    created: str
    updated: str


def _local() -> Localized:
    return campaign.localized(translation.get_language() or campaign.pack().default_language)


def _route_names(local: Localized) -> dict[str, str]:
    return {route.id: route.name for route in local.support}


def _private(response: HttpResponseBase) -> HttpResponseBase:
    """Nothing here may be kept by a browser, a proxy or a search engine."""
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


# -- the reporter ---------------------------------------------------------------------------------------


#: The report form's hidden field with the code it files under, signed (:func:`codes.sign_code`).
FORM_CODE_FIELD = "form_code"


def _receipt(request: HttpRequest, filed: Report, code: str) -> HttpResponseBase:
    """The receipt: the code, and the form code again, so that the language switch shows it once more."""
    context = {
        "code": code,
        "route": _route_names(_local()).get(filed.route, filed.route),
        "report": filed,
        "form_code": codes.sign_code(code),
    }
    return _private(render(request, "web/report_sent.html", context))


@never_cache
@allow("GET", "HEAD", "POST")
def report(request: HttpRequest) -> HttpResponseBase:
    """The report form; after sending, the receipt with the follow-up code (``data-report-code``).

    Only the routes with a staff account are offered and accepted (:func:`staffed_routes`); with none, the
    page says reports are not set up here and points to the help page. ``?route=<id>`` (one of those
    routes) chooses that route beforehand, as the help page's "report it confidentially" links do; any
    other value is ignored.

    The form carries the code it will file under, signed: the same form sent again (a reload of the
    receipt, a double click, the receipt's language switch) shows the receipt of the report it filed the
    first time, or, once that report is withdrawn, says it was deleted and files nothing. A missing,
    altered or expired signature files under a fresh code: never lose the words.
    """
    local = _local()
    carried = codes.signed_code(request.POST.get(FORM_CODE_FIELD, "")) if request.method == "POST" else None
    if carried is not None:
        filed = actions.find_report(carried)
        if filed is not None:
            return _receipt(request, filed, carried)
        if actions.was_withdrawn(carried):  # the old receipt reloaded after a withdrawal: file nothing
            return _private(render(request, "web/report_withdrawn.html", {}, status=410))
    routes = staffed_routes()
    if not routes:  # nobody could read a report: say so, and where to go instead
        status = 503 if request.method == "POST" else 200
        return _private(render(request, "web/report_unavailable.html", {}, status=status))
    asked = request.GET.get("route", "")
    form = ReportForm(
        request.POST if request.method == "POST" else None,
        initial={"route": asked} if asked in routes else None,
        local=local,
        routes=routes,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            filed, code = actions.file_report(
                data["route"],
                data["text"],
                language=local.code,
                name=data["name"],
                contact=data["contact"],
                special=data["special"],
                consent=data["consent"],
                code=carried,
            )
        except InputError as exc:
            form.add_error(None, describe_error(exc, local.code))
        else:  # committed: the code may be shown
            return _receipt(request, filed, code)
    form.describe_errors()
    status = 400 if form.errors else 200
    context = {
        "form": form,
        "routes": [(r, form.route_help.get(r, "")) for r in routes],
        "form_code": codes.sign_code(carried or codes.new_code()),
    }
    return _private(render(request, "web/report_form.html", context, status=status))


#: What each key of the download means, for the reporter who opens the file (``fields`` in it).
EXPORT_FIELDS: dict[str, Any] = {
    "route": _lazy("who receives your report (the id of the route)"),
    "route_name": _lazy("who receives your report"),
    "platform": _lazy("where you reported it: web is this website, the others are chat apps"),
    "language": _lazy("the language of your report"),
    "status": _lazy("where your case stands (its id)"),
    "status_name": _lazy("where your case stands"),
    "created": _lazy("when you sent your report"),
    "updated": _lazy("when something last happened in your case"),
    "closed": _lazy("when your case was closed (empty: it is open)"),
    "anonymous": _lazy("true: you reported without your name"),
    "name": _lazy("your name, if you gave it"),
    "contact": _lazy("how to reach you, if you gave it"),
    "special_categories": _lazy("sexual behaviour or health, if you ticked them"),
    "special_categories_consent": _lazy("true: you gave your explicit consent for those"),
    "link": _lazy("the link to the chat message your report is about, if you sent one"),
    "relayed_to_group": _lazy("the group whose admins received your report through the bot, if any"),
    "text": _lazy("your report in your own words"),
    "messages": _lazy("the conversation: from reporter is you, from staff is the person who helps you"),
}


def export_document(report: Report) -> dict[str, Any]:
    """Everything kept about a report (:func:`actions.export`) as a file a student can read: first a short
    explanation and the meaning of each key in the page's language, the route and status by name; the
    data's own keys and values stay as they are, so that a program reads it too."""
    local = _local()
    data = actions.export(report)
    statuses = {key: str(label) for key, label in STATUSES}
    named = {  # after the key it names
        "route": ("route_name", _route_names(local).get(report.route, report.route)),
        "status": ("status_name", statuses.get(report.status, report.status)),
    }
    about = _(
        "Everything kept about your report, as it was when you downloaded it. Times are Dutch time, "
        "written year-month-day, then the hour, and the difference from UTC (+01:00 in winter, +02:00 in "
        "summer). Under “fields” each key is explained; the data follows it."
    )
    document: dict[str, Any] = {
        "about": about,
        "fields": {key: str(text) for key, text in EXPORT_FIELDS.items()},
    }
    for key, value in data.items():
        document[key] = value
        if key in named:
            name_key, name = named[key]
            document[name_key] = name
    return document


def _status_page(
    request: HttpRequest, report: Report, code: str, status: int = 200, **extra: Any
) -> HttpResponseBase:
    local = _local()
    case = actions.open_case(report, actions.REPORTER)
    context = {
        "case": case,
        "code": code,
        "route": _route_names(local).get(report.route, report.route),
        "statuses": STATUSES,
        "answer_form": extra.pop("answer_form", None) or AnswerForm(),
        "withdraw_form": extra.pop("withdraw_form", None) or WithdrawForm(),
        **extra,
    }
    return _private(render(request, "web/report_status.html", context, status=status))


@never_cache
@allow("GET", "HEAD", "POST")
def report_status(request: HttpRequest) -> HttpResponseBase:
    """Read the status and replies with the code; answer, export or withdraw (delete) the report.

    The code comes in a POST (the code form, the receipt and the language switch all post it); a GET with
    ``?code=`` still opens the report, but no page of the site links to one.
    """
    code = (request.POST if request.method == "POST" else request.GET).get("code", "")[:64].strip()
    if not code:  # a POST without a code is the code form sent empty: say so at the field
        empty = request.method == "POST"
        return _private(
            render(request, "web/report_code.html", {"empty": empty}, status=400 if empty else 200)
        )
    if codes.refused(request, "code"):
        return _private(render(request, "web/report_code.html", {"refused": True}, status=429))
    found = actions.find_report(code)
    if found is None:
        codes.failed(request, "code")
        return _private(render(request, "web/report_code.html", {"wrong": True, "code": code}, status=404))
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if not action:  # the code form posts the code, so it stays out of the address bar and the history
        return _status_page(request, found, code)
    if action == "answer":
        answer = AnswerForm(request.POST)
        if answer.is_valid():
            try:
                actions.reporter_reply(found, answer.cleaned_data["text"])
            except InputError as exc:
                answer.add_error("text", describe_error(exc, _local().code))
            else:
                return _status_page(request, found, code, answered=True)
        answer.describe_errors()
        return _status_page(request, found, code, status=400, answer_form=answer)
    if action == "withdraw":
        withdraw = WithdrawForm(request.POST)
        if withdraw.is_valid():
            actions.withdraw(found)
            return _private(render(request, "web/report_withdrawn.html", {}))
        withdraw.describe_errors()
        return _status_page(request, found, code, status=400, withdraw_form=withdraw)
    if action == "export":
        data = json.dumps(export_document(found), ensure_ascii=False, indent=2)
        response = HttpResponse(data, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(
            True, f"report-{found.created:%Y%m%d}.json"
        )
        return _private(response)
    return _status_page(request, found, code, status=400)


# -- staff ----------------------------------------------------------------------------------------------


def _login_name(request: HttpRequest) -> str:
    return str(request.POST.get("username", ""))[:150]


class StaffLogin(auth_views.LoginView):
    """Django's log-in, with a guessing limit of its own: wrong passwords count per user name and address,
    apart from wrong follow-up codes, so that nobody's mistakes lock out anyone else."""

    template_name = "web/staff_login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """Refuse a user name from an address after too many wrong passwords; count a wrong one."""
        if codes.refused(request, "login", _login_name(request)):
            return render(
                request, "web/staff_login.html", {"form": self.get_form(), "refused": True}, status=429
            )
        response: HttpResponse = super().post(request, *args, **kwargs)
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        """A wrong password counts towards the limit."""
        codes.failed(self.request, "login", _login_name(self.request))
        response: HttpResponse = super().form_invalid(form)
        response.status_code = 400
        return response


staff_login = allow("GET", "HEAD", "POST")(never_cache(StaffLogin.as_view()))
staff_logout = allow("POST")(auth_views.LogoutView.as_view(next_page="/staff/login/"))


def _refused(request: HttpRequest) -> HttpResponseBase:
    return _private(render(request, "web/staff_refused.html", {}, status=403))


@never_cache
@login_required
@allow("GET", "HEAD")
def staff_cases(request: HttpRequest) -> HttpResponseBase:
    """The cases of the routes this account handles, newest activity first, 50 a page; no words here."""
    routes = access.case_routes(request.user)
    if not routes:
        if access.may_see_insight(request.user):
            return _private(render(request, "web/staff_home.html", {}))
        return _refused(request)
    cases = Report.objects.filter(route__in=routes).order_by("-updated", "-pk")
    wanted = request.GET.get("status", "")
    if wanted in dict(STATUSES):
        cases = cases.filter(status=wanted)
    page = Paginator(
        cases.only("pk", "route", "status", "platform", "created", "updated", "anonymous"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    names = _route_names(_local())
    statuses = {key: str(label) for key, label in STATUSES}
    who = {True: _("anonymous"), False: _("named")}
    context = {
        "page": page,
        # Drawn here rather than in the template: 50 rows of lookups and filters cost more there.
        "rows": [
            CaseRow(
                pk=case.pk,
                url=reverse("staff_case", args=[case.pk]),
                route=names.get(case.route, case.route),
                status=case.status,
                status_label=statuses.get(case.status, case.status),
                platform=case.platform,
                reporter=who[case.anonymous],
                created=date_format(localtime(case.created), "j M Y"),
                updated=date_format(localtime(case.updated), "j M Y, H:i"),
            )
            for case in page.object_list
        ],
        "statuses": STATUSES,
        "wanted": wanted,
        "routes": [names.get(r, r) for r in sorted(routes)],
        "insight": access.may_see_insight(request.user),
    }
    return _private(render(request, "web/staff_cases.html", context))


@never_cache
@login_required
@allow("GET", "HEAD", "POST")
def staff_case(request: HttpRequest, case: int) -> HttpResponseBase:
    """One case: the report, the conversation, a reply (with hand-off texts) and its status."""
    found = Report.objects.filter(pk=case).first()
    if found is None or not access.may_open(request.user, found):
        if found is not None:
            actions.log(request.user.get_username(), found.pk, "refused")
        raise Http404("case")
    local = _local()
    # Hand-off texts go to the reporter, so they are in the reporter's language.
    theirs = campaign.pack().language(
        found.language if found.language in campaign.pack().languages else campaign.pack().default_language
    )
    reply = ReplyForm(local=theirs)
    status_form = StatusForm(initial={"status": found.status})
    code = 200
    done = ""
    if request.method == "POST":
        if request.POST.get("action") == "status":
            status_form = StatusForm(request.POST)
            if status_form.is_valid():
                actions.set_status(found, request.user, status_form.cleaned_data["status"])
                done = "status"
            else:
                code = 400
        else:
            reply = ReplyForm(request.POST, local=theirs)
            if reply.is_valid():
                actions.staff_reply(found, request.user, reply.cleaned_data["message"])
                reply = ReplyForm(local=theirs)
                status_form = StatusForm(initial={"status": found.status})
                done = "reply"
            else:
                reply.describe_errors()
                code = 400
    opened = actions.open_case(found, request.user.get_username())
    context = {
        "case": opened,
        "route": _route_names(local).get(found.route, found.route),
        "reply_form": reply,
        "status_form": status_form,
        "handoff": theirs.handoff,
        "done": done,
    }
    return _private(render(request, "web/staff_case.html", context, status=code))


@never_cache
@login_required
@allow("GET", "HEAD")
def staff_insight(request: HttpRequest) -> HttpResponseBase:
    """Counts for the campaign team: nudges per week, Do and kind; reports per route, status, platform."""
    if not access.may_see_insight(request.user):
        return _refused(request)
    local = _local()
    tables = insight.tables(local)
    return _private(render(request, "web/staff_insight.html", {"tables": tables, "k": insight.K}))


@never_cache
@login_required
@allow("GET", "HEAD")
def staff_insight_csv(request: HttpRequest) -> HttpResponseBase:
    """The same counts as CSV, with the same suppression of small counts."""
    if not access.may_see_insight(request.user):
        return _refused(request)
    response = HttpResponse(insight.csv_text(_local()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, "samen-insight.csv")
    return _private(response)
