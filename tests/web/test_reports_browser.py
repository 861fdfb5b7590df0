"""The report and staff pages in a real Chromium: axe-core finds nothing on any of them in both languages
at phone and desktop widths, the report is sent by keyboard alone, and nothing breaks the site's policy."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.web.conftest import Server, load, start_server, stop_server
from tests.web.test_browser import AXE_TAGS

pytestmark = pytest.mark.browser

PASSWORD = "lang en geheim wachtwoord 42"
STORY = "In de groepsapp werd ik steeds buitengesloten en uitgelachen."


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``samen serve`` with a counsellor, a study adviser and a campaign account."""
    data = tmp_path_factory.mktemp("reports-browser")
    running = start_server(data)
    env = {**os.environ, "SAMEN_DATA_DIR": str(data)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    for account, role in (("vp", "confidential-counsellor"), ("sa", "study-adviser"), ("team", "campaign")):
        subprocess.run(
            [sys.executable, "-m", "samen", "staff", "add", account, "--role", role],
            input=PASSWORD,
            text=True,
            env=env,
            check=True,
            capture_output=True,
        )
    yield running
    stop_server(running)


def _page(browser: Browser, server: Server, lang: str, width: int = 390) -> Page:
    context = browser.new_context(base_url=server.url, viewport={"width": width, "height": 900}, locale=lang)
    return context.new_page()


def _axe(page: Page, found: dict[str, list[str]], name: str) -> None:
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        for v in results.response["violations"]:
            found.setdefault(f"{name}@{width}", []).append(
                f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
            )


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_report_and_staff_page_passes_axe(browser: Browser, server: Server, lang: str) -> None:
    page = _page(browser, server, lang)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    found: dict[str, list[str]] = {}

    page.goto(f"/{lang}/report/")
    _axe(page, found, "form")
    load(page, page.locator("form.report-form button[type=submit]").click)  # empty: the error summary
    _axe(page, found, "form with errors")

    # the whole report by keyboard
    page.goto(f"/{lang}/report/")
    page.locator("input[name=route]").first.focus()
    page.keyboard.press("ArrowDown")  # the second route
    page.keyboard.press("Tab")
    page.keyboard.type(STORY)
    page.keyboard.press("Tab")
    checked = page.locator("input[name=route]:checked").get_attribute("value")
    page.locator("form.report-form button[type=submit]").focus()
    load(page, lambda: page.keyboard.press("Enter"))
    code = page.locator("[data-report-code]").get_attribute("data-report-code")
    assert code and re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){4}", code)
    assert checked == "study-adviser"
    _axe(page, found, "receipt")

    page.goto(f"/{lang}/report/status/")
    _axe(page, found, "code form")
    page.goto(f"/{lang}/report/status/?code=ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ")
    _axe(page, found, "wrong code")
    page.goto(f"/{lang}/report/status/?code={code}")
    expect(page.locator(".conversation")).to_contain_text(STORY)
    _axe(page, found, "status")

    page.goto("/staff/login/")
    _axe(page, found, "login")
    page.fill("#id_username", "vp")
    page.fill("#id_password", PASSWORD)
    load(page, page.locator("form.report-form button[type=submit]").click)
    page.goto(f"/{lang}/report/")  # one to the counsellor, as the staff account is logged in too
    page.locator("input[value=confidential-counsellor]").check()
    page.fill("textarea[name=text]", STORY)
    load(page, page.locator("form.report-form button[type=submit]").click)
    page.goto("/staff/")
    _axe(page, found, "cases")
    load(page, page.locator("[data-case] a").first.click)
    expect(page.locator(".conversation")).to_contain_text(STORY)
    _axe(page, found, "case")
    load(page, page.locator("form.report-form button[type=submit]").first.click)  # an empty reply: the error
    _axe(page, found, "case with error")
    load(page, page.locator("form.staff-nav button, .staff-nav button").first.click)  # log out

    page.goto("/staff/login/")
    page.fill("#id_username", "team")
    page.fill("#id_password", PASSWORD)
    load(page, page.locator("form.report-form button[type=submit]").click)
    page.goto("/staff/insight/")
    _axe(page, found, "insight")
    assert STORY not in page.content()
    assert not found, found
    # a refused form answers 400 and a wrong code 404, as they should; a policy violation would show here
    assert [m for m in errors if not re.search(r"status of (400|404)\b", m)] == [], errors


LONG_URL = (
    "https://example.org/" + "/".join(["een-heel-lang-pad-zonder-spaties"] * 4) + "?met=parameters&nog=meer"
)
#: The width of a small phone: nothing may be wider, and no menu item may stand alone on a row.
PHONE = 390


def _fits(page: Page, name: str, problems: list[str]) -> None:
    for width in (PHONE, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        wide = page.evaluate("document.documentElement.scrollWidth")
        if wide > width:
            problems.append(f"{name}@{width}: {wide} px wide")
        rows = page.evaluate(
            "[...document.querySelectorAll('.main-nav li')].reduce((r, l) => "
            "(r[l.offsetTop] = (r[l.offsetTop] || 0) + 1, r), {})"
        )
        if len(rows) > 1 and min(rows.values()) == 1:
            problems.append(f"{name}@{width}: a menu item alone on a row {rows}")
        steps = page.locator(".steps-status li")
        for i in range(1, steps.count()):  # each step on its own line: no number against the last word
            if steps.nth(i).bounding_box()["y"] <= steps.nth(i - 1).bounding_box()["y"]:  # type: ignore[index]
                problems.append(f"{name}@{width}: status steps run together")
                break


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_report_and_staff_pages_fit_a_phone_with_long_addresses(
    browser: Browser, server: Server, lang: str
) -> None:
    page = _page(browser, server, lang)
    problems: list[str] = []
    for path in ("", "dos/", "toolkit/", "faq/", "help/", "report/", "report/status/"):
        page.goto(f"/{lang}/{path}")
        _fits(page, path or "home", problems)
    page.goto(f"/{lang}/report/")
    page.locator("input[value=confidential-counsellor]").check()
    page.fill("textarea[name=text]", f"Hij stuurde steeds {LONG_URL} rond.")
    load(page, page.locator("form.report-form button[type=submit]").click)
    load(page, page.locator("main form button[type=submit]").first.click)  # "Go to my report" posts the code
    expect(page.locator(".conversation")).to_contain_text(LONG_URL)
    assert "code=" not in page.url
    _fits(page, "status", problems)
    load(page, page.locator(".language-switch button").click)  # the other language, the code posted again
    expect(page.locator(".conversation")).to_contain_text(LONG_URL)
    assert page.locator("html").get_attribute("lang") != lang and "code=" not in page.url
    page.goto("/staff/login/")
    page.fill("#id_username", "vp")
    page.fill("#id_password", PASSWORD)
    load(page, page.locator("form.report-form button[type=submit]").click)
    page.goto("/staff/")
    load(page, page.locator("[data-case] a").first.click)
    _fits(page, "case", problems)  # the hand-off hints hold the pack's long links
    for box in page.locator("input[name=handoff]").all():
        box.check()
    load(page, page.locator("form.report-form button[type=submit]").first.click)
    _fits(page, "case replied", problems)
    load(page, page.locator(".staff-nav button").first.click)  # log out
    assert not problems, problems


def test_name_and_contact_show_only_when_named_and_unsent_text_warns_before_leaving(
    browser: Browser, server: Server
) -> None:
    """With the script: the name and contact hide (and are not sent) while "anonymously" is chosen, leaving
    the form with typed text asks first, sending does not, and the receipt's language switch keeps the
    code."""
    page = _page(browser, server, "en")
    page.goto("/en/report/")
    details = page.locator("[data-shown-when]")
    expect(details).to_be_hidden()
    page.locator("#id_identity_1").check()
    expect(details).to_be_visible()
    page.fill("#id_name", "Noor Jansen")
    page.fill("#id_contact", "noor@example.nl")
    page.locator("#id_identity_0").check()
    expect(details).to_be_hidden()
    expect(page.locator("#id_contact")).to_be_disabled()
    page.locator("input[name=route]").first.check()
    page.locator("textarea[name=text]").click()
    page.keyboard.type(STORY)
    asked: list[str] = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.locator(".language-switch a").first.click(no_wait_after=True)
    page.wait_for_timeout(1000)
    assert asked == ["beforeunload"] and page.url.endswith("/en/report/")
    expect(page.locator("textarea[name=text]")).to_have_value(STORY)
    load(page, page.locator("form.report-form button[type=submit]").click)
    assert asked == ["beforeunload"]  # sending is not leaving
    code = page.locator("[data-report-code]").get_attribute("data-report-code")
    assert code  # a receipt: the hidden name and contact were not sent (anonymous with them is refused)
    load(page, page.locator(".language-switch button").first.click)
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("[data-report-code]").get_attribute("data-report-code") == code
