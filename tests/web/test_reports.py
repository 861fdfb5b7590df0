"""Confidential reports on the web: the form in both languages, the code, the status page, staff's reply
with the pack's hand-off texts, withdrawal, export, retention, keys, the guessing limit, the append-only
access log and the insight's k-anonymity — on the test database (SQLite) with real sealed rows."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.utils import timezone

from samen.content import load_pack
from samen.web.reports import actions, codes, crypto
from samen.web.reports.models import AccessLog, CodeAttempt, Message, Report, ReportTally
from tests.web.reports_helpers import CODE, file_through_page, staff_client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("staffed")]

STORY = "In de werkgroepapp stuurde iemand mij steeds berichten over mijn uiterlijk, ook 's nachts."


@pytest.fixture(autouse=True)
def _fresh_keys(tmp_path: Path, settings: object) -> None:
    """Each test seals with a key of its own data folder."""
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]
    crypto.sealer.cache_clear()
    # Staff passwords are hashed with Django's default (PBKDF2) in production; here a fast hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]
    yield
    crypto.sealer.cache_clear()


def test_the_form_offers_the_pack_routes_that_take_reports(web: Client, lang: str) -> None:
    pack = load_pack()
    html = web.get(f"/{lang}/report/").content.decode()
    offered = set(__import__("re").findall(r'name="route"[^>]*value="([^"]+)"', html))
    assert offered == set(pack.spec.reports.routes)
    names = {r.id: r.name for r in pack.language(lang).support}
    for route in pack.spec.reports.routes:
        assert names[route] in html
    assert 'name="text"' in html and 'name="csrfmiddlewaretoken"' in html


def test_a_report_arrives_and_its_code_opens_it(web: Client, lang: str) -> None:
    code = file_through_page(web, lang, text=STORY)
    assert codes.normalize(code) is not None and len(code) == 24
    report = Report.objects.get()
    assert (report.route, report.status, report.language, report.anonymous) == (
        "confidential-counsellor",
        "received",
        lang,
        True,
    )
    page = web.get(f"/{lang}/report/status/", {"code": code})
    assert page.status_code == 200 and STORY.replace("'", "&#x27;") in page.content.decode()
    # typed by hand: lower case, spaces instead of dashes, O for 0
    typed = code.lower().replace("-", " ").replace("0", "o")
    assert web.get(f"/{lang}/report/status/", {"code": typed}).status_code == 200
    assert page["Cache-Control"].startswith("no-store") or "no-store" in page["Cache-Control"]


def test_the_words_are_not_in_the_database(web: Client) -> None:
    code = file_through_page(web, text=STORY, identity="named", name="Noor Jansen", contact="noor@example.nl")
    report = actions.find_report(code)
    assert report is not None
    actions.reporter_reply(report, "Nog een detail: het was in de Discord van het vak.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM reports_report")
        rows = repr(cursor.fetchall())
        cursor.execute("SELECT * FROM reports_message")
        rows += repr(cursor.fetchall())
    for secret in (
        "uiterlijk",
        "Noor",
        "noor@example.nl",
        "Discord van het vak",
        code,
        codes.normalize(code),
    ):
        assert secret not in rows
    assert report.code_hash in rows  # only the hash of the code


def test_special_categories_need_explicit_consent(web: Client) -> None:
    refused = web.post(
        "/en/report/",
        {"route": "confidential-counsellor", "text": STORY, "identity": "anonymous", "special": ["sexual"]},
    )
    assert refused.status_code == 400 and not CODE.search(refused.content.decode())
    assert "explicit consent" in refused.content.decode()
    assert not Report.objects.exists()
    file_through_page(web, text=STORY, special=["sexual", "health"], consent="on")
    report = Report.objects.get()
    assert report.special_consent
    assert actions.open_case(report, "test").special == ("sexual", "health")


def test_a_route_that_takes_no_reports_is_refused(web: Client) -> None:
    for route in ("group-admin", "campaign-page", "nobody"):
        response = web.post("/en/report/", {"route": route, "text": STORY, "identity": "anonymous"})
        assert response.status_code == 400
    assert not Report.objects.exists()


def test_named_needs_a_name(web: Client) -> None:
    response = web.post(
        "/nl/report/", {"route": "study-adviser", "text": STORY, "identity": "named", "name": ""}
    )
    assert response.status_code == 400 and "Schrijf je naam" in response.content.decode()


def test_staff_reply_reaches_the_reporter_with_a_handoff_in_their_language(web: Client) -> None:
    code = file_through_page(web, "nl", text=STORY)
    report = Report.objects.get()
    counsellor = staff_client("vp", "confidential-counsellor")
    response = counsellor.post(
        f"/staff/case/{report.pk}/",
        {"action": "reply", "reply": "Dank je dat je dit vertelt.", "handoff": ["complaints"]},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    report.refresh_from_db()
    assert report.status == "conversation"
    page = web.get("/nl/report/status/", {"code": code}).content.decode()
    complaints = next(h for h in load_pack().language("nl").handoff if h.id == "complaints")
    assert "Dank je dat je dit vertelt." in page and complaints.title in page
    # the reporter answers, staff reads it
    web.post("/nl/report/status/", {"code": code, "action": "answer", "text": "Mag ik langskomen?"})
    assert "Mag ik langskomen?" in counsellor.get(f"/staff/case/{report.pk}/").content.decode()


def test_a_closed_case_takes_no_answer(web: Client) -> None:
    code = file_through_page(web, text=STORY)
    report = Report.objects.get()
    counsellor = staff_client("vp", "confidential-counsellor")
    counsellor.post(f"/staff/case/{report.pk}/", {"action": "status", "status": "closed"})
    report.refresh_from_db()
    assert report.status == "closed" and report.closed is not None
    response = web.post("/en/report/status/", {"code": code, "action": "answer", "text": "Hello?"})
    assert response.status_code == 400 and "closed" in response.content.decode()
    assert not Message.objects.exists()


def test_withdrawal_leaves_only_a_count(web: Client) -> None:
    code = file_through_page(web, text=STORY)
    report = Report.objects.get()
    staff_client("vp", "confidential-counsellor")
    actions.staff_reply(report, _user("vp"), "Hoi")
    refused = web.post("/en/report/status/", {"code": code, "action": "withdraw"})
    assert refused.status_code == 400 and Report.objects.exists()
    gone = web.post("/en/report/status/", {"code": code, "action": "withdraw", "confirm": "on"})
    assert gone.status_code == 200
    assert not Report.objects.exists() and not Message.objects.exists()
    tally = ReportTally.objects.get()
    assert (tally.route, tally.outcome, tally.n, tally.platform) == (
        "confidential-counsellor",
        "withdrawn",
        1,
        "web",
    )
    assert web.get("/en/report/status/", {"code": code}).status_code == 404
    logged = list(AccessLog.objects.values_list("who", "action"))
    assert (
        ("reporter", "filed") in logged and ("reporter", "withdrawn") in logged and ("vp", "reply") in logged
    )


def _user(username: str) -> object:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def test_export_holds_everything_kept(web: Client) -> None:
    code = file_through_page(web, text=STORY, identity="named", name="Noor", contact="06-12345678")
    report = Report.objects.get()
    staff_client("vp", "confidential-counsellor")
    actions.staff_reply(report, _user("vp"), "Dank je.")
    response = web.post("/en/report/status/", {"code": code, "action": "export"})
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["text"] == STORY and data["name"] == "Noor" and data["contact"] == "06-12345678"
    assert [m["text"] for m in data["messages"]] == ["Dank je."]
    assert data["status"] == "conversation" and data["route"] == "confidential-counsellor"


def test_the_access_log_is_append_only_in_the_database() -> None:
    report, _code = actions.file_report("study-adviser", STORY, language="nl")
    entry = AccessLog.objects.get(case=report.pk)
    for statement in ("UPDATE reports_accesslog SET who = 'someone'", "DELETE FROM reports_accesslog"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    with pytest.raises(PermissionError):
        entry.delete()
    entry.who = "someone"
    with pytest.raises(PermissionError):
        entry.save()
    assert AccessLog.objects.get(pk=entry.pk).who == "reporter"


def test_the_access_log_names_who_opened_which_case_and_never_content(web: Client) -> None:
    file_through_page(web, text=STORY)
    report = Report.objects.get()
    staff_client("vp", "confidential-counsellor").get(f"/staff/case/{report.pk}/")
    staff_client("sa", "study-adviser").get(f"/staff/case/{report.pk}/")
    rows = list(AccessLog.objects.order_by("pk").values_list("who", "case", "action"))
    assert rows == [
        ("reporter", report.pk, "filed"),
        ("vp", report.pk, "open"),
        ("sa", report.pk, "refused"),
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM reports_accesslog")
        assert "uiterlijk" not in repr(cursor.fetchall())


def test_purge_keeps_a_closed_case_for_its_route_retention(settings: object) -> None:
    settings.SAMEN = settings.SAMEN.model_copy(  # type: ignore[attr-defined]
        update={"report_retention": (("*", 90), ("study-adviser", 30))}
    )
    now = timezone.now()
    kept, _ = actions.file_report("confidential-counsellor", STORY, language="nl")
    old, _ = actions.file_report("confidential-counsellor", STORY, language="nl")
    adviser, _ = actions.file_report("study-adviser", STORY, language="en")
    still_open, _ = actions.file_report("programme-chair", STORY, language="en")
    Report.objects.filter(pk=kept.pk).update(status="closed", closed=now - timedelta(days=89))
    Report.objects.filter(pk=old.pk).update(status="closed", closed=now - timedelta(days=91))
    Report.objects.filter(pk=adviser.pk).update(status="closed", closed=now - timedelta(days=31))
    Report.objects.filter(pk=still_open.pk).update(created=now - timedelta(days=400))
    assert actions.purge(now) == 2
    assert set(Report.objects.values_list("pk", flat=True)) == {kept.pk, still_open.pk}
    assert sorted(ReportTally.objects.values_list("route", "outcome", "n")) == [
        ("confidential-counsellor", "purged", 1),
        ("study-adviser", "purged", 1),
    ]
    assert AccessLog.objects.filter(who="retention", action="purged").count() == 2


def test_the_generated_key_is_private_and_rotation_keeps_reports_readable(settings: object) -> None:
    _report, code = actions.file_report("study-adviser", STORY, language="nl")
    key_file = crypto.key_file()
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    old = key_file.read_text().strip()
    new = crypto.new_key()
    settings.SAMEN = settings.SAMEN.model_copy(  # type: ignore[attr-defined]
        update={"report_keys": (_secret(new), _secret(old))}
    )
    crypto.sealer.cache_clear()
    assert actions.rekey() == 1
    settings.SAMEN = settings.SAMEN.model_copy(update={"report_keys": (_secret(new),)})  # type: ignore[attr-defined]
    crypto.sealer.cache_clear()
    found = actions.find_report(code)
    assert found is not None and actions.open_case(found, "test").text == STORY
    # and the old key alone no longer opens it
    settings.SAMEN = settings.SAMEN.model_copy(update={"report_keys": (_secret(old),)})  # type: ignore[attr-defined]
    crypto.sealer.cache_clear()
    from samen.errors import ConfigError

    with pytest.raises(ConfigError):
        actions.open_case(found, "test")


def _secret(value: str) -> object:
    from pydantic import SecretStr

    return SecretStr(value)


def test_a_wrong_key_setting_is_named_not_shown(settings: object) -> None:
    from samen.errors import ConfigError

    settings.SAMEN = settings.SAMEN.model_copy(  # type: ignore[attr-defined]
        update={"report_keys": (_secret("not-a-fernet-key"),)}
    )
    crypto.sealer.cache_clear()
    with pytest.raises(ConfigError) as caught:
        actions.file_report("study-adviser", STORY, language="nl")
    assert "SAMEN_REPORT_KEYS" in str(caught.value) and "not-a-fernet-key" not in str(caught.value)


def test_guessing_codes_is_limited_per_address(web: Client) -> None:
    code = file_through_page(web, text=STORY)
    for _ in range(codes.MAX_FAILURES):
        assert web.get("/en/report/status/", {"code": codes.new_code()}).status_code == 404
    assert web.get("/en/report/status/", {"code": code}).status_code == 429
    other = Client(HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR="192.0.2.7")
    assert other.get("/en/report/status/", {"code": code}).status_code == 200
    # the address is never kept, only a keyed hash of it
    assert "127.0.0.1" not in repr(list(CodeAttempt.objects.values_list("client", flat=True)))
    CodeAttempt.objects.update(at=timezone.now() - codes.WINDOW - timedelta(seconds=1))
    assert web.get("/en/report/status/", {"code": code}).status_code == 200


def test_guessing_staff_passwords_is_limited_too() -> None:
    staff_client("vp", "confidential-counsellor")
    client = Client(HTTP_X_FORWARDED_PROTO="https")
    for _ in range(codes.MAX_FAILURES):
        response = client.post("/staff/login/", {"username": "vp", "password": "wrong"})
        assert response.status_code == 400
    from tests.web.reports_helpers import PASSWORD

    assert client.post("/staff/login/", {"username": "vp", "password": PASSWORD}).status_code == 429


def test_staff_log_in_with_username_and_password() -> None:
    staff_client("vp", "confidential-counsellor")
    from tests.web.reports_helpers import PASSWORD

    client = Client(HTTP_X_FORWARDED_PROTO="https")
    response = client.post("/staff/login/", {"username": "vp", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200


def test_forms_need_the_csrf_token(web: Client) -> None:
    # a browser sends its Origin with a form; Django compares it with the host over HTTPS
    strict = Client(
        enforce_csrf_checks=True,
        HTTP_X_FORWARDED_PROTO="https",
        HTTP_HOST="testserver",
        HTTP_ORIGIN="https://testserver",
    )
    response = strict.post("/en/report/", {"route": "study-adviser", "text": STORY, "identity": "anonymous"})
    assert response.status_code == 403 and not Report.objects.exists()
    form = strict.get("/en/report/")
    token = __import__("re").search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.content.decode())
    assert token
    sent = strict.post(
        "/en/report/",
        {
            "route": "study-adviser",
            "text": STORY,
            "identity": "anonymous",
            "csrfmiddlewaretoken": token.group(1),
        },
    )
    assert sent.status_code == 200 and CODE.search(sent.content.decode())


def test_the_case_list_shows_status_but_no_words(web: Client) -> None:
    file_through_page(web, text=STORY)
    file_through_page(web, route="study-adviser", text="Iets over de studieadviseur")
    page = staff_client("vp", "confidential-counsellor").get("/staff/").content.decode()
    assert page.count("data-case=") == 1 and "uiterlijk" not in page
    assert "Received" in page or "Ontvangen" in page


@pytest.mark.parametrize(
    "roles",
    [
        ("confidential-counsellor",),
        ("study-adviser", "programme-chair"),
        ("campaign",),
        ("campaign", "study-adviser"),
    ],
)
def test_the_staff_menu_offers_insight_exactly_where_it_opens(roles: tuple[str, ...]) -> None:
    client = staff_client("someone", *roles)
    for page in ("/staff/", "/staff/insight/"):
        menu = client.get(page).content.decode().split('class="staff-nav"', 1)[1].split("</nav>", 1)[0]
        opens = client.get("/staff/insight/").status_code == 200
        assert ('href="/staff/insight/"' in menu) == opens, (roles, page)
    assert (client.get("/staff/insight/").status_code == 200) == ("campaign" in roles)


def test_insight_shows_counts_of_five_and_more_only(web: Client) -> None:
    from datetime import date

    from samen.web.models import BotCount

    day = date(2026, 11, 24)  # a Tuesday of ISO week 48
    BotCount.objects.create(platform="matrix", group="!a:x", day=day, kind="nudge", do=1, n=3)
    BotCount.objects.create(platform="discord", group="g", day=day, kind="nudge", do=1, n=3)
    BotCount.objects.create(platform="matrix", group="!a:x", day=day, kind="not_meant", do=1, n=2)
    for _ in range(5):
        actions.file_report("study-adviser", STORY, language="nl")
    actions.file_report("confidential-counsellor", STORY, language="nl")
    campaign = staff_client("team", "campaign")
    page = campaign.get("/staff/insight/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "uiterlijk" not in page and "!a:x" not in page
    answer = campaign.get("/staff/insight.csv", HTTP_ACCEPT_LANGUAGE="en")
    rows = list(csv.reader(io.StringIO(answer.content.decode())))
    do1 = f"1 {load_pack().language('en').do(1).title}"
    # 3 + 3 nudges in two groups on two platforms: summed to 6, shown; 2 "not meant that way": hidden
    assert ["bot", "2026-W48", do1, "nudge sent", "6"] in rows
    assert ["bot", "2026-W48", do1, "“not meant that way”", "<5"] in rows
    names = {r.id: r.name for r in load_pack().language("en").support}
    assert ["reports", names["study-adviser"], "Received", "web", "5"] in rows
    assert ["reports", names["confidential-counsellor"], "Received", "web", "<5"] in rows
    assert len(rows) == 5  # the header and these four
    assert "<svg" in page and "<table" in page


@pytest.mark.parametrize("reporter_lang", ["nl", "en"])
def test_every_handoff_reaches_the_reporter_with_the_phone_and_link_staff_saw(
    web: Client, reporter_lang: str
) -> None:
    import html

    code = file_through_page(web, reporter_lang, text=STORY)
    report = Report.objects.get()
    counsellor = staff_client("vp", "confidential-counsellor")
    handoffs = load_pack().language(reporter_lang).handoff
    assert any(h.phone for h in handoffs) and any(h.link for h in handoffs)
    seen = html.unescape(counsellor.get(f"/staff/case/{report.pk}/").content.decode())
    counsellor.post(f"/staff/case/{report.pk}/", {"action": "reply", "handoff": [h.id for h in handoffs]})
    page = web.post(f"/{reporter_lang}/report/status/", {"code": code}).content.decode()
    for item in handoffs:
        for reach in filter(None, (item.phone, item.link, item.email)):
            assert reach in seen, (item.id, reach)  # what staff saw …
            assert reach in html.unescape(page), (item.id, reach)  # … the reporter gets
        if item.link:
            assert f'href="{html.escape(item.link)}"' in page or f'href="{item.link}"' in page


@pytest.mark.parametrize(("lang", "other"), [("nl", "en"), ("en", "nl")])
def test_the_code_never_goes_into_a_link_and_the_language_switch_keeps_the_report(
    web: Client, lang: str, other: str
) -> None:
    import html

    code = file_through_page(web, lang, text=STORY)
    receipt = web.post(f"/{lang}/report/", {"route": "study-adviser", "text": STORY, "identity": "anonymous"})
    form = web.get(f"/{lang}/report/status/").content.decode()
    assert re.search(r'<form method="post" action="/' + lang + r'/report/status/"', form)
    for page in (receipt.content.decode(), form):
        assert "?code=" not in page
    opened = web.post(f"/{lang}/report/status/", {"code": code})
    assert opened.status_code == 200 and STORY in html.unescape(opened.content.decode())
    # the language switch posts the code to the other language's status page
    switch = re.search(
        r'<form method="post" action="(/' + other + r'/report/status/)">.*?name="code" value="([^"]+)"',
        opened.content.decode(),
    )
    assert switch and switch.group(2) == code
    there = web.post(switch.group(1), {"code": switch.group(2)})
    assert there.status_code == 200 and STORY in html.unescape(there.content.decode())
    assert f'lang="{other}"' in there.content.decode()
    # the stated interface still opens the report, but its language switch drops the code
    by_link = web.get(f"/{lang}/report/status/", {"code": code}).content.decode()
    assert STORY in html.unescape(by_link) and code not in re.sub(r'name="code" value="[^"]+"', "", by_link)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_help_answer_offers_the_report_form_for_routes_that_take_reports(
    web: Client, lang: str
) -> None:
    import html

    from samen.web.reports import report_routes

    local = load_pack().language(lang)
    names = {html.escape(r.name): r.id for r in local.support}
    offered = set()
    for situation in local.situations:
        body = web.get(f"/{lang}/help/", {"what": situation.id}).content.decode()
        answer = body[body.index('id="answer"') : body.index("</section>", body.index('id="answer"'))]
        for contact in answer.split('<li class="contact">')[1:]:
            route = next(rid for name, rid in names.items() if f"<h3>{name}</h3>" in contact)
            link = f'href="/{lang}/report/?route={route}"'
            assert (link in contact) == (route in report_routes()), (situation.id, route)
            if link in contact:
                offered.add(route)
    assert offered == set(report_routes())  # each route that takes reports is reached from some answer
    for route in report_routes():  # the link chooses that route in the form
        form = web.get(f"/{lang}/report/", {"route": route}).content.decode()
        assert re.search(rf'value="{route}"[^>]*checked', form), route
    assert (
        " checked"
        not in web.get(f"/{lang}/report/", {"route": "dean"})
        .content.decode()
        .split('name="route"', 1)[1]
        .split("</fieldset>", 1)[0]
    )


def test_cli_adds_staff_with_a_password_from_stdin() -> None:
    from click.testing import CliRunner

    from samen.cli import samen
    from samen.web.reports.models import StaffRole

    runner = CliRunner()
    result = runner.invoke(
        samen, ["staff", "add", "vp", "--role", "confidential-counsellor"], input="a long passphrase 9\n"
    )
    assert result.exit_code == 0, result.output
    assert list(StaffRole.objects.filter(user__username="vp").values_list("user__username", "role")) == [
        ("vp", "confidential-counsellor")
    ]
    assert _user("vp").check_password("a long passphrase 9")  # type: ignore[attr-defined]
    wrong = runner.invoke(samen, ["staff", "add", "vp", "--role", "dean"], input="a long passphrase 9\n")
    from samen.content import describe_error
    from samen.errors import InputError

    assert isinstance(wrong.exception, InputError)  # main() prints it as one line, exit 2
    assert "Unknown role 'dean'; choose from: confidential-counsellor" in describe_error(
        wrong.exception, "en"
    )


@pytest.mark.parametrize(
    "given",
    [
        "Str0ng-pass-anna!\nStr0ng-pass-anna!\n",  # typed twice, as a confirmation
        "Str0ng-pass-anna!\r\nsomething else",
        "Str0ng-pass\ranna!",  # a line break inside
        "Str0ng-pass-anna!\u2028second",
    ],
)
def test_cli_refuses_more_than_one_password_line(given: str) -> None:
    from click.testing import CliRunner

    from samen.cli import samen
    from samen.content import describe_error
    from samen.errors import InputError

    result = CliRunner(env={"SAMEN_LANG": "en"}).invoke(
        samen, ["staff", "add", "anna", "--role", "confidential-counsellor"], input=given
    )
    assert isinstance(result.exception, InputError)
    assert "exactly one line" in describe_error(result.exception, "en")
    assert "één regel" in describe_error(result.exception, "nl")
    assert not User.objects.filter(username="anna").exists()


def test_cli_takes_the_one_line_with_surrounding_blank_lines() -> None:
    from click.testing import CliRunner

    from samen.cli import samen

    result = CliRunner().invoke(
        samen, ["staff", "add", "anna", "--role", "study-adviser"], input="\nStr0ng-pass-anna!\r\n\n"
    )
    assert result.exit_code == 0, result.output
    assert _user("anna").check_password("Str0ng-pass-anna!")  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("lang", "short", "weak"), [("en", "too short", "too common"), ("nl", "te kort", "te algemeen")]
)
def test_cli_password_refusals_say_why_in_the_cli_language(lang: str, short: str, weak: str) -> None:
    from click.testing import CliRunner

    from samen.cli import samen
    from samen.content import describe_error
    from samen.errors import InputError

    runner = CliRunner(env={"SAMEN_LANG": lang})
    args = ["staff", "add", "anna", "--role", "study-adviser"]
    too_short = runner.invoke(samen, args, input="kort-pw\n").exception
    assert isinstance(too_short, InputError) and short in describe_error(too_short, lang)
    common = runner.invoke(samen, args, input="password1234\n").exception
    assert isinstance(common, InputError)  # main() prints it as one line, exit 2
    assert weak in describe_error(common, lang), describe_error(common, lang)
    assert not User.objects.filter(username="anna").exists()


def test_the_database_is_the_configured_one() -> None:
    """SQLite by default; PostgreSQL when test_reports_postgres runs this module with DATABASE_URL."""
    expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert connection.vendor == expected


def test_cli_purge_deletes_closed_reports_past_retention_and_says_how_many() -> None:
    from click.testing import CliRunner

    from samen.cli import samen

    report, _code = actions.file_report("study-adviser", STORY, language="nl")
    Report.objects.filter(pk=report.pk).update(status="closed", closed=timezone.now() - timedelta(days=91))
    result = CliRunner(env={"SAMEN_LANG": "en"}).invoke(samen, ["reports", "purge"])
    assert result.exit_code == 0, result.output
    assert "1 closed report deleted" in result.output
    assert not Report.objects.exists() and ReportTally.objects.get().outcome == "purged"


def test_the_server_purges_daily_in_a_child_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """``samen serve``'s master (which does not load Django) runs ``samen reports purge`` on a timer."""
    import threading

    from samen.web import server

    ran: list[list[str]] = []
    done = threading.Event()

    def run(command: list[str], **_: object) -> None:
        ran.append(command)
        done.set()

    monkeypatch.setattr(server.subprocess, "run", run)  # the command itself is tested above
    thread = server.purge_daily(every=0.01)
    assert done.wait(5) and thread.daemon
    assert ran[0][1:] == ["-m", "samen", "reports", "purge"]


FORM_CODE = re.compile(r'name="form_code" value="([^"]+)"')


def _form_code(client: Client, lang: str = "en") -> str:
    found = FORM_CODE.search(client.get(f"/{lang}/report/").content.decode())
    assert found, "the report form carries no signed code"
    return found.group(1)


def test_the_same_form_sent_twice_files_one_report_and_shows_the_same_code(web: Client) -> None:
    """A reload of the receipt, or a double click on Send, posts the same form again."""
    data = {"route": "study-adviser", "text": STORY, "identity": "anonymous", "form_code": _form_code(web)}
    first = web.post("/en/report/", data)
    again = web.post("/en/report/", data)
    codes_shown = [CODE.search(r.content.decode()) for r in (first, again)]
    assert first.status_code == again.status_code == 200
    assert codes_shown[0] and codes_shown[1] and codes_shown[0].group(1) == codes_shown[1].group(1)
    assert Report.objects.count() == 1
    assert AccessLog.objects.filter(action="filed").count() == 1
    # the code is kept only as its hash, also when it came from the form
    assert Report.objects.get().code_hash == codes.code_hash(codes_shown[0].group(1))


def test_two_posts_of_one_form_at_once_file_once() -> None:
    """Filing under a code that is taken returns the report filed under it: the unique code hash decides,
    so the second of two requests at once (both past the view's look-up) files nothing."""
    code = codes.new_code()
    first, shown = actions.file_report("study-adviser", STORY, language="en", code=code)
    second, shown_again = actions.file_report("study-adviser", "other words", language="en", code=code)
    assert (second.pk, shown_again) == (first.pk, shown) and Report.objects.count() == 1
    assert actions.open_case(second, "test").text == STORY


@pytest.mark.parametrize("damage", ["missing", "tampered", "expired", "not a code"])
def test_a_form_whose_signed_code_is_damaged_still_files_under_a_fresh_code(
    web: Client, damage: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.core import signing

    signed = _form_code(web)
    value = {
        "missing": "",
        "tampered": signed[:-2] + ("AA" if not signed.endswith("AA") else "BB"),
        "expired": signed,
        "not a code": signing.dumps("hello", salt="samen.web.reports.form-code"),
    }[damage]
    if damage == "expired":
        monkeypatch.setattr(codes, "FORM_CODE_AGE", timedelta(seconds=-1))
    carried = signing.loads(signed, salt="samen.web.reports.form-code")
    data = {"route": "study-adviser", "text": STORY, "identity": "anonymous", "form_code": value}
    first = CODE.search(web.post("/en/report/", data).content.decode())
    second = CODE.search(web.post("/en/report/", data).content.decode())
    assert first and second and first.group(1) != carried
    assert Report.objects.count() == 2  # never lose the words: each post is filed


def test_the_receipts_language_switch_shows_the_same_receipt_in_the_other_language(web: Client) -> None:
    import html

    data = {"route": "study-adviser", "text": STORY, "identity": "anonymous", "form_code": _form_code(web)}
    receipt = web.post("/en/report/", data).content.decode()
    code = CODE.search(receipt)
    switch = re.search(
        r'<form method="post" action="(/nl/report/)">.*?name="form_code" value="([^"]+)"', receipt
    )
    assert code and switch, "the receipt's language switch is not a form that posts the signed code"
    there = web.post(switch.group(1), {"form_code": switch.group(2)})
    body = html.unescape(there.content.decode())
    assert there.status_code == 200 and '<html lang="nl"' in body
    assert CODE.search(body) and CODE.search(body).group(1) == code.group(1)  # type: ignore[union-attr]
    assert "Je melding is aangekomen" in body and Report.objects.count() == 1


@pytest.mark.parametrize("typed", [{"name": "Noor Jansen"}, {"contact": "noor@example.nl"}])
def test_an_anonymous_report_with_a_name_or_contact_is_refused_at_the_field(
    web: Client, typed: dict[str, str]
) -> None:
    import html

    response = web.post(
        "/en/report/", {"route": "study-adviser", "text": STORY, "identity": "anonymous", **typed}
    )
    body = html.unescape(response.content.decode())
    field = next(iter(typed))
    assert response.status_code == 400 and not Report.objects.exists()
    assert "You chose to report anonymously" in body
    assert re.search(rf'id="id_{field}-error"', body)
    assert re.search(rf'aria-describedby="id_{field}_helptext id_{field}-error"', body)
    assert typed[field] in body and STORY in body  # everything typed is shown again
    dutch = web.post(
        "/nl/report/", {"route": "study-adviser", "text": STORY, "identity": "anonymous", **typed}
    )
    assert "Je koos ervoor anoniem te melden" in html.unescape(dutch.content.decode())


def test_wrong_codes_do_not_lock_staff_out_and_wrong_passwords_do_not_lock_students_out(web: Client) -> None:
    from tests.web.reports_helpers import PASSWORD

    code = file_through_page(web, text=STORY)
    staff_client("vp", "confidential-counsellor")
    for _ in range(codes.MAX_FAILURES):
        web.get("/en/report/status/", {"code": codes.new_code()})
    assert web.get("/en/report/status/", {"code": code}).status_code == 429
    login = web.post("/staff/login/", {"username": "vp", "password": PASSWORD})
    assert login.status_code == 302  # the same address logs in: codes and passwords count apart
    web.logout()
    CodeAttempt.objects.all().delete()
    for _ in range(codes.MAX_FAILURES):
        assert web.post("/staff/login/", {"username": "vp", "password": "wrong"}).status_code == 400
    assert web.get("/en/report/status/", {"code": code}).status_code == 200


def test_one_staff_members_wrong_passwords_do_not_lock_out_another() -> None:
    from tests.web.reports_helpers import PASSWORD

    staff_client("vp", "confidential-counsellor")
    staff_client("sa", "study-adviser")
    campus = Client(HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR="192.0.2.10")
    for _ in range(codes.MAX_FAILURES):
        campus.post("/staff/login/", {"username": "vp", "password": "wrong"})
    refused = campus.post(
        "/staff/login/", {"username": "vp", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert refused.status_code == 429 and "for this user name" in refused.content.decode()
    assert "wrong codes" not in refused.content.decode()
    other = Client(HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR="192.0.2.10")
    assert other.post("/staff/login/", {"username": "sa", "password": PASSWORD}).status_code == 302
    # the user name is never kept, only inside a keyed hash
    assert "vp" not in repr(list(CodeAttempt.objects.values_list("client", flat=True)))


@pytest.mark.parametrize(
    ("lang", "words"), [("nl", "Dit formulier is verlopen"), ("en", "This form has expired")]
)
def test_a_form_whose_csrf_cookie_lapsed_says_it_expired_and_nothing_was_sent(lang: str, words: str) -> None:
    import html

    checked = Client(
        enforce_csrf_checks=True,
        HTTP_X_FORWARDED_PROTO="https",
        HTTP_HOST="testserver",
        HTTP_ORIGIN="https://testserver",
    )
    response = checked.post(
        f"/{lang}/report/", {"route": "study-adviser", "text": STORY, "identity": "anonymous"}
    )
    body = html.unescape(response.content.decode())
    assert response.status_code == 403 and not Report.objects.exists()
    assert words in body and f'<html lang="{lang}"' in body
    assert {"nl": "Er is niets verstuurd", "en": "Nothing was sent"}[lang] in body
    assert {"nl": "Terug", "en": "Back"}[lang] in body
    for wrong in ("far too long", "veel te lang", "To the toolkit", "Naar de toolkit", "CSRF"):
        assert wrong not in body


def test_handoffs_come_in_the_packs_order_whatever_order_they_were_sent(web: Client) -> None:
    code = file_through_page(web, text=STORY)
    report = Report.objects.get()
    pack_order = [h.id for h in load_pack().language("en").handoff]
    counsellor = staff_client("vp", "confidential-counsellor")
    counsellor.post(f"/staff/case/{report.pk}/", {"action": "reply", "handoff": list(reversed(pack_order))})
    text = actions.open_case(report, "test").messages[-1].text
    titles = {h.id: h.title for h in load_pack().language("en").handoff}
    positions = [text.index(titles[key]) for key in pack_order]
    assert positions == sorted(positions) and code


def test_an_empty_code_is_an_error_at_the_field(web: Client, lang: str) -> None:
    import html

    response = web.post(f"/{lang}/report/status/", {"code": "  "})
    body = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert {"nl": "Typ je code.", "en": "Type your code."}[lang] in body
    assert 'aria-describedby="code-hint code-error"' in body and 'id="code-error"' in body
    assert web.get(f"/{lang}/report/status/").status_code == 200  # the first visit is not an error


def test_a_wrong_codes_field_names_its_error_message(web: Client) -> None:
    response = web.post("/en/report/status/", {"code": codes.new_code()})
    body = response.content.decode()
    assert response.status_code == 404
    assert 'aria-describedby="code-hint code-error"' in body and 'id="code-error"' in body


@pytest.mark.parametrize(
    ("lang", "page"),
    [
        (
            "nl",
            "https://www.student.universiteitleiden.nl/campagne/student-well-being/sociale-veiligheid-online-leeromgeving",
        ),
        (
            "en",
            "https://www.student.universiteitleiden.nl/en/campaign/student-well-being/dignity-and-respect-in-online-learning-environment",
        ),
    ],
)
def test_the_complaints_handoff_links_to_the_page_in_the_reporters_language(
    web: Client, lang: str, page: str
) -> None:
    """A hand-off link resolves per language (``pages``) as FAQ and route links do."""
    import html

    code = file_through_page(web, lang, text=STORY)
    report = Report.objects.get()
    counsellor = staff_client("vp", "confidential-counsellor")
    counsellor.post(f"/staff/case/{report.pk}/", {"action": "reply", "reply": "…", "handoff": ["complaints"]})
    body = html.unescape(web.post(f"/{lang}/report/status/", {"code": code}).content.decode())
    assert f'href="{page}"' in body
    other = {"nl": "/en/campaign/", "en": "/campagne/"}[lang]
    assert other not in body, "the reporter got the other language's page"


def test_a_handoff_with_one_link_for_every_language_still_gets_it(tmp_path: Path) -> None:
    """Another institution's pack, with a hand-off ``link`` and no ``pages``, keeps working."""
    from samen.content.pack import DEFAULT_PACK

    text = Path(DEFAULT_PACK).read_text(encoding="utf-8")
    start = text.index("  - id: complaints\n")
    end = text.index("\nlanguages:")
    pack_file = tmp_path / "other.yaml"
    pack_file.write_text(
        text[:start] + "  - {id: complaints, link: campaign}\n" + text[end:], encoding="utf-8"
    )
    pack = load_pack(pack_file)
    for code in pack.languages:
        complaints = next(h for h in pack.language(code).handoff if h.id == "complaints")
        assert complaints.link == pack.spec.links["campaign"]


def _without_account(route: str) -> None:
    User.objects.filter(report_roles__role=route).update(is_active=False)


def test_only_routes_with_an_active_account_are_offered_and_accepted(web: Client) -> None:
    _without_account("programme-chair")
    names = {r.id: r.name for r in load_pack().language("en").support}
    form = web.get("/en/report/").content.decode()
    offered = set(re.findall(r'name="route"[^>]*value="([^"]+)"', form))
    assert offered == {"confidential-counsellor", "study-adviser"}
    assert names["programme-chair"] not in form
    refused = web.post("/en/report/", {"route": "programme-chair", "text": STORY, "identity": "anonymous"})
    assert refused.status_code == 400 and not CODE.search(refused.content.decode())
    assert not Report.objects.exists()
    chosen = web.get("/en/report/", {"route": "programme-chair"}).content.decode()
    assert "checked" not in chosen.split('name="route"', 1)[1].split("</fieldset>")[0]
    help_page = web.get("/en/help/", {"what": "lecture"}).content.decode()
    assert "?route=programme-chair" not in help_page and "?route=study-adviser" in help_page


def test_with_no_account_the_report_page_says_so_and_points_to_help(web: Client, lang: str) -> None:
    from samen.web.reports.models import StaffRole

    StaffRole.objects.exclude(role="campaign").delete()
    page = web.get(f"/{lang}/report/")
    body = page.content.decode()
    assert page.status_code == 200 and 'name="route"' not in body and "<textarea" not in body
    assert f'href="/{lang}/help/"' in body
    expected = {"nl": "nog niet ingericht", "en": "not set up here yet"}[lang]
    assert expected in body
    sent = web.post(
        f"/{lang}/report/", {"route": "confidential-counsellor", "text": STORY, "identity": "anonymous"}
    )
    assert sent.status_code == 503 and not Report.objects.exists()
    assert "?route=" not in web.get(f"/{lang}/help/").content.decode()


def test_a_withdrawn_report_is_not_filed_again_when_its_old_receipt_is_reloaded(web: Client) -> None:
    from samen.web.reports.models import WithdrawnCode

    data = {"route": "study-adviser", "text": STORY, "identity": "anonymous", "form_code": _form_code(web)}
    code = CODE.search(web.post("/en/report/", data).content.decode())
    assert code
    web.post("/en/report/status/", {"code": code.group(1), "action": "withdraw", "confirm": "on"})
    assert not Report.objects.exists()
    again = web.post("/en/report/", data)  # the old receipt tab, reloaded
    assert again.status_code == 410 and not CODE.search(again.content.decode())
    assert "Your report has been deleted" in again.content.decode()
    assert not Report.objects.exists() and AccessLog.objects.filter(action="filed").count() == 1
    # only the code's hash, and only for the signed form's day: then the purge forgets it
    kept = WithdrawnCode.objects.get()
    assert kept.code_hash == codes.code_hash(code.group(1))
    assert kept.until <= timezone.now() + codes.FORM_CODE_AGE
    actions.purge(now=kept.until + timedelta(seconds=1))
    assert not WithdrawnCode.objects.exists()


def test_insight_says_fewer_than_five_in_words_and_names_tables_once(web: Client) -> None:
    actions.file_report("confidential-counsellor", STORY, language="nl")
    page = staff_client("team", "campaign").get("/staff/insight/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert '<span aria-hidden="true">&lt;5</span><span class="visually-hidden">minder dan 5</span>' in page
    assert not re.search(r"<span[^>]*aria-label=", page), "aria-label on a plain span (ARIA 1.2)"
    assert "<caption" not in page, "a caption that says the heading again"
    named = re.findall(r'<table class="data-table" aria-labelledby="([^"]+)">', page)
    assert named and all(f'<h2 id="{name}">' in page for name in named)  # each table named by its heading


def test_the_download_explains_itself_in_the_reporters_language_with_local_times(web: Client) -> None:
    code = file_through_page(web, "nl", text=STORY)
    report = Report.objects.get()
    data = json.loads(web.post("/nl/report/status/", {"code": code, "action": "export"}).content)
    assert "Alles wat over je melding" in data["about"]
    assert set(data["fields"]) >= set(data) - {"about", "fields"}
    assert data["fields"]["text"] == "je melding in je eigen woorden"
    names = {r.id: r.name for r in load_pack().language("nl").support}
    assert data["route"] == "confidential-counsellor" and data["route_name"] == names[data["route"]]
    assert data["status"] == "received" and data["status_name"] == "Ontvangen"
    local = timezone.localtime(report.created)
    assert data["created"] == local.isoformat(timespec="seconds")
    assert data["created"].endswith(("+01:00", "+02:00"))  # Dutch time, with its offset
    from datetime import datetime

    assert datetime.fromisoformat(data["created"]) == report.created.replace(microsecond=0)
