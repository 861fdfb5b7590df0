"""The toolkit form: the intro, previews, downloads and the zip; bad input and errors (test client)."""

from __future__ import annotations

import html
import io
import json
import re
import secrets
import subprocess
import sys
import zipfile

import pytest
from django.test import Client
from django.utils import translation

from samen.content import PLATFORMS, load_pack
from samen.render import KITS, build_kit, render_intro
from samen.web import campaign
from samen.web.platforms import PAGES

SCRIPT = '<script>alert("x")</script><b>vet</b>'


def test_the_preview_shows_the_admins_text_without_javascript(web: Client) -> None:
    response = web.post(
        "/nl/toolkit/whatsapp/",
        {"admin_text": "Ik ben Sanne, mentor van groep 4.", "group": "deze mentorgroep"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ik ben Sanne, mentor van groep 4." in body
    assert "deze mentorgroep" in body
    assert "De bestanden bevatten je eigen tekst." in body


@pytest.mark.parametrize("platform", PLATFORMS)
def test_html_in_the_intro_shows_as_text_in_the_page(web: Client, platform: str) -> None:
    body = web.post(f"/en/toolkit/{platform}/", {"admin_text": SCRIPT}).content.decode()
    assert "<script>alert" not in body
    assert "<b>vet</b>" not in body
    assert "&lt;script&gt;alert" in body


def test_html_in_the_intro_shows_as_text_in_the_live_preview(web: Client) -> None:
    result = json.loads(web.post("/en/toolkit/discord/preview", {"admin_text": SCRIPT}).content)
    assert result["ok"] is True
    assert "<script>" not in result["html"] and "&lt;script&gt;" in result["html"]
    assert SCRIPT in result["text"]


@pytest.mark.parametrize("platform", PLATFORMS)
def test_html_in_the_intro_is_text_in_every_file_of_the_zip(web: Client, platform: str) -> None:
    response = web.post(f"/en/toolkit/{platform}/", {"admin_text": SCRIPT, "download": "zip"})
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    assert any(b"alert(" in data for data in files.values()), "the intro is in the kit"
    for name, data in files.items():
        if name.endswith((".html", ".svg", ".json")):
            assert b"<script" not in data, name
        if name.endswith(".html") and b"alert(" in data:
            assert b"&lt;script&gt;" in data, name


def test_the_zip_holds_the_whole_kit_with_the_admins_text(web: Client) -> None:
    response = web.post("/nl/toolkit/whatsapp/", {"admin_text": "Groetjes van Sanne", "download": "zip"})
    assert response["Content-Type"] == "application/zip"
    assert 'filename="samen-whatsapp-nl.zip"' in response["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = archive.namelist()
        assert all(name.startswith("samen-whatsapp-nl/") for name in names)
        texts = [archive.read(n).decode() for n in names if n.endswith(".txt")]
    assert len(names) == len(KITS["whatsapp"]) + 1  # and the read-me
    assert any("Groetjes van Sanne" in text for text in texts)
    local = load_pack().language("nl")
    assert any(all(do.text in text for do in local.dos) for text in texts)


@pytest.mark.parametrize("platform", PLATFORMS)
def test_each_file_downloads_on_its_own(web: Client, platform: str) -> None:
    local = load_pack().language("en")
    materials = build_kit(local, platform, dos_url="https://testserver/en/dos/")
    body = web.get(f"/en/toolkit/{platform}/").content.decode()
    for material in materials:
        assert f'name="download" value="{material.filename}"' in body
        response = web.post(f"/en/toolkit/{platform}/", {"download": material.filename})
        assert response.status_code == 200
        assert response["Content-Type"] == material.media_type
        assert material.filename in response["Content-Disposition"]
        assert response.content == material.data


def test_an_unknown_file_is_not_found(web: Client) -> None:
    assert web.post("/en/toolkit/whatsapp/", {"download": "../../etc/passwd"}).status_code == 404


def test_a_too_long_intro_is_refused_with_a_clear_message(web: Client, lang: str) -> None:
    long_text = "a" * 4990
    response = web.post(f"/{lang}/toolkit/whatsapp/", {"admin_text": long_text, "download": "zip"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    words = "Je tekst is te lang voor WhatsApp" if lang == "nl" else "Your text is too long for WhatsApp"
    assert words in body
    assert 'aria-invalid="true"' in body
    assert 'aria-describedby="id_admin_text_helptext id_admin_text-error"' in body
    assert 'id="id_admin_text-error"' in body


def test_the_dutch_too_long_message_reads_as_dutch(web: Client) -> None:
    """It said "WhatsApp neemt er hoogstens 4096", English word order in Dutch words."""
    body = web.post("/nl/toolkit/whatsapp/", {"admin_text": "a" * 4990}).content.decode()
    assert "en WhatsApp staat er hoogstens 4096 toe." in body
    assert "neemt er" not in body


def test_a_text_beyond_any_limit_is_refused_by_the_form(web: Client) -> None:
    response = web.post("/nl/toolkit/brightspace/", {"admin_text": "b" * 6000})
    assert response.status_code == 400
    assert "Je tekst is 6000 tekens lang; hij mag hoogstens 5000 tekens zijn." in response.content.decode()


def test_the_live_preview_reports_a_too_long_text(web: Client) -> None:
    result = json.loads(web.post("/en/toolkit/whatsapp/preview", {"admin_text": "a" * 4990}).content)
    assert result["ok"] is False
    assert "too long for WhatsApp" in result["errors"][0]
    local = load_pack().language("en")
    assert result["text"] == render_intro(local, "whatsapp").text


def test_a_group_name_on_two_lines_is_refused(web: Client) -> None:
    response = web.post("/en/toolkit/telegram/", {"group": "one\ntwo"})
    assert response.status_code == 400
    assert "Write the name of the group on one line." in response.content.decode()


def test_the_preview_address_answers_only_post(web: Client) -> None:
    assert web.get("/en/toolkit/whatsapp/preview").status_code == 405


def test_a_visitor_never_sees_a_traceback(settings: object, lang: str) -> None:
    settings.ROOT_URLCONF = "tests.web.broken_urls"  # type: ignore[attr-defined]
    client = Client(HTTP_X_FORWARDED_PROTO="https", raise_request_exception=False)
    response = client.get(f"/{lang}/broken/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Traceback" not in body and "ZeroDivisionError" not in body
    assert ("Er ging iets mis" if lang == "nl" else "Something went wrong") in body


def test_check_deploy_is_clean_under_production_settings(tmp_path: object) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "samen.web.manage", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env={
            "PATH": "/usr/bin:/bin",
            "SAMEN_DATA_DIR": str(tmp_path),
            "SAMEN_SECRET_KEY": secrets.token_urlsafe(50),
        },
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(("platform", "has_slide"), [("teams", True), ("kaltura", True), ("whatsapp", False)])
def test_lecture_pages_offer_the_slide_beside_the_dos(web: Client, platform: str, has_slide: bool) -> None:
    body = web.get(f"/nl/toolkit/{platform}/").content.decode()
    assert ("Download de slides (PPTX)" in body) is has_slide
    if has_slide:
        response = web.post(f"/nl/toolkit/{platform}/", {"download": "slide.pptx"})
        assert response.status_code == 200
        assert response.content[:2] == b"PK"


def test_a_request_far_beyond_any_limit_gets_a_translated_page(web: Client, lang: str) -> None:
    response = web.post(f"/{lang}/toolkit/whatsapp/", {"admin_text": "x" * 100_000})
    assert response.status_code == 400
    body = response.content.decode()
    assert ("Dit lukte niet" if lang == "nl" else "This did not work") in body
    assert "Traceback" not in body


@pytest.mark.parametrize("platform", PLATFORMS)
def test_the_groups_name_is_asked_with_its_article_and_named_once(web: Client, platform: str) -> None:
    """ "deze bestuur", "dit werkgroep" and "Welcome to this lecture … apply to this seminar" came from a noun
    dropped into fixed sentences. The name is now asked as it fits "Welkom in …", with its article, and is
    the one name of the group in the welcome, lectures included."""
    page = web.get(f"/nl/toolkit/{platform}/").content.decode()
    assert "met ‘deze’ of ‘dit’ ervoor" in page
    board = web.post(f"/nl/toolkit/{platform}/", {"group": "dit bestuur"}).content.decode()
    assert "dit bestuur." in board and "deze bestuur" not in board
    bare = web.post(f"/nl/toolkit/{platform}/", {"group": "werkgroep"}).content.decode()
    assert "deze werkgroep." in bare and "dit werkgroep" not in bare
    unknown = web.post(f"/nl/toolkit/{platform}/", {"group": "Kwak"})
    assert unknown.status_code == 400
    assert "Schrijf ‘deze’ of ‘dit’ voor de naam" in unknown.content.decode()
    seminar = web.post(f"/en/toolkit/{platform}/", {"group": "seminar"}).content.decode()
    assert "Welcome to this seminar." in seminar
    assert "this lecture" not in seminar.split('id="messages-heading"')[1].split("</section>")[0]


@pytest.mark.parametrize(("field", "value"), [("admin_text", "Hoi\x01allemaal"), ("group", "werk\x0bgroep")])
def test_a_control_character_in_the_form_is_refused(web: Client, lang: str, field: str, value: str) -> None:
    """It ended up in the previews and files; the CLI refuses it too (one definition in samen.content)."""
    response = web.post(f"/{lang}/toolkit/whatsapp/", {field: value, "download": "zip"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    words = "bevat een stuurteken (U+00" if lang == "nl" else "holds a control character (U+00"
    assert words in body
    result = json.loads(web.post(f"/{lang}/toolkit/whatsapp/preview", {field: value}).content)
    assert result["ok"] is False and words in result["errors"][0]
    assert "\x01" not in result["text"] and "\x0b" not in result["text"]


def test_tabs_and_line_breaks_in_the_admins_text_are_fine(web: Client) -> None:
    response = web.post("/en/toolkit/whatsapp/", {"admin_text": "Hi\tall\r\nwelcome\nto the group"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("lang", "says"), [("en", "Copy the texts one by one"), ("nl", "Kopieer de teksten een voor een")]
)
def test_a_platform_with_one_text_does_not_speak_of_each_text_in_the_app(
    web: Client, lang: str, says: str
) -> None:
    # Brightspace takes one announcement, pasted in the editor's source view, not chat messages in an app.
    brightspace = web.get(f"/{lang}/toolkit/brightspace/").content.decode()
    whatsapp = web.get(f"/{lang}/toolkit/whatsapp/").content.decode()
    assert says not in brightspace
    assert says in whatsapp


COPY_BUTTON = re.compile(
    r'<button[^>]*data-copy-target="copy-(?P<id>[a-z]+)"[^>]*data-copied="(?P<said>[^"]*)"'
)


@pytest.mark.parametrize("platform", PLATFORMS)
def test_each_copy_button_says_where_its_text_goes_on_that_platform(
    web: Client, lang: str, platform: str
) -> None:
    """Copying said "Copied. Now paste it in the app." everywhere, also on Brightspace, Teams and Kaltura,
    where nothing is called an app: each button names its own platform's place, in the page's language."""
    body = web.get(f"/{lang}/toolkit/{platform}/").content.decode()
    found = {m["id"]: html.unescape(m["said"]) for m in COPY_BUTTON.finditer(body)}
    assert set(found) == set(PAGES[platform].texts), found
    first = {"nl": "Gekopieerd. Plak het nu in ", "en": "Copied. Now paste it into "}[lang]
    for said in found.values():
        assert said.startswith(first), said
        assert not re.search(r"\b(the|de) app\b", said), said
        assert any(word in said for word in PAGES[platform].name.split()), said
    # Texts that go to different places (a message, the description) say different places.
    with translation.override(lang):
        places = {key: str(place) for key, place in PAGES[platform].paste_into.items()}
    assert all(places[key] in said for key, said in found.items())


@pytest.mark.parametrize("platform", PLATFORMS)
def test_a_platform_with_several_texts_names_who_sees_them_and_no_app(
    web: Client, lang: str, platform: str
) -> None:
    body = web.get(f"/{lang}/toolkit/{platform}/").content.decode()
    assert "in de app" not in body and "in the app" not in body
    if platform in ("teams", "kaltura", "brightspace"):
        assert {"nl": "je studenten", "en": "your students"}[lang] in body


# The report form (and its CSRF cookie) is there only for a route with a staff account.
@pytest.mark.usefixtures("staffed")
def test_the_footer_names_the_cookie_a_form_sets_and_says_none_where_none_is_set(
    web: Client, lang: str
) -> None:
    """The footer said "no cookies" while the report-code form set csrftoken: it now says what is set."""
    for path in ("", "toolkit/whatsapp/", "help/", "faq/"):
        response = web.get(f"/{lang}/{path}")
        assert not response.cookies, (path, response.cookies)
        assert {"nl": "Deze pagina zet geen cookies.", "en": "This page sets no cookies."}[lang] in (
            response.content.decode()
        )
    for path in ("report/", "report/status/"):
        response = web.get(f"/{lang}/{path}")
        body = response.content.decode()
        assert "csrftoken" in response.cookies, path
        cookie = response.cookies["csrftoken"]
        assert not cookie["max-age"] and not cookie["expires"], "gone when the browser closes"
        assert (
            "csrftoken" in body and {"nl": "strikt noodzakelijke", "en": "strictly necessary"}[lang] in body
        )
        assert {"nl": "als je de browser sluit", "en": "when you close the browser"}[lang] in body
        assert {"nl": "Deze pagina zet geen cookies.", "en": "This page sets no cookies."}[lang] not in body
        other_pages = {"nl": "Andere pagina’s zetten geen cookies.", "en": "Other pages set no cookies."}[
            lang
        ]
        assert other_pages in body and {"nl": "geen cookies", "en": "no cookies"}[lang] not in body.replace(
            other_pages, ""
        )


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("platform", PLATFORMS)
def test_the_kits_read_me_names_who_runs_the_group_as_the_setting_does(lang: str, platform: str) -> None:
    """The Brightspace and lecture read-mes sent students to "the admin of this group" by "a private message
    in the group's app": in a course and in a lecture it is the lecturer, reached there.
    Chats keep the admin."""
    local = load_pack().language(lang)
    kit = build_kit(local, platform, dos_url=local.campaign_url)
    readme = next(m.data.decode() for m in kit if m.filename.lower().startswith(("leesmij", "readme")))
    # The first route listed is the one in the group itself.
    routes = next(line for line in readme.splitlines() if line.startswith("- "))
    group_words = {
        "nl": ("beheerder van deze groep", "app van de groep"),
        "en": ("admin of this group", "app"),
    }
    lecturer = {"nl": "De docent", "en": "The lecturer"}[lang]
    if platform in ("teams", "kaltura", "brightspace"):
        assert lecturer in routes
        assert not any(re.search(rf"\b{w}\b", routes) for w in group_words[lang]), routes
    else:
        assert group_words[lang][0] in routes.lower() and lecturer not in routes
    # The same addresses on every platform: only the words change.
    assert all(r.name in readme for r in local.support if not r.in_group)


@pytest.mark.parametrize("platform", PLATFORMS)
def test_a_text_that_repeats_the_dos_folds_its_preview_and_keeps_it(
    web: Client, lang: str, platform: str
) -> None:
    """The WhatsApp page was 6.5 phone screens, the Do's shown twice: a description or topic that repeats
    them shows its preview on request (a <details>, no script needed); a short one stays open."""
    local = load_pack().language(lang)
    body = html.unescape(web.get(f"/{lang}/toolkit/{platform}/").content.decode())
    folded = re.findall(r'<details class="preview-details">(.*?)</details>', body, re.S)
    extra = [t for t in PAGES[platform].texts if t in ("description", "topic")]
    if not extra:
        assert not folded
        return
    shown = re.search(rf'data-preview="{extra[0]}"[^>]*>(.*?)</div>', body, re.S)
    assert shown
    repeats = any(d.title in shown[1] or d.text in shown[1] for d in local.dos)
    assert len(folded) == (1 if repeats else 0), platform
    if repeats:
        assert f'data-preview="{extra[0]}"' in folded[0]


def test_the_staff_pages_name_both_cookies_they_set(web: Client) -> None:
    response = web.get("/staff/login/", follow=True)
    body = response.content.decode()
    assert "sessionid" in body and "csrftoken" in body
    assert "This page sets no cookies." not in body and "Deze pagina zet geen cookies." not in body


@pytest.mark.parametrize("platform", PLATFORMS)
def test_the_group_field_quotes_the_welcome_it_fills(web: Client, lang: str, platform: str) -> None:
    """A lecture's Dutch welcome says "Welkom bij …", a group's "Welkom in …": the field's hint and its
    error quote the sentence the name goes into, not always the group's."""
    local = campaign.localized(lang)
    welcome = render_intro(local, platform).text
    opening = welcome.split(local.group(platform))[0].strip()
    hint = web.get(f"/{lang}/toolkit/{platform}/").content.decode()
    error = web.post(f"/{lang}/toolkit/{platform}/", {"group": "Kwak"}).content.decode()
    for page in (hint, error):
        quoted = re.findall(r"[‘“]([^’”]*) …[’”]", html.unescape(page))
        assert quoted and set(quoted) == {opening}, (quoted, opening)


#: What the welcome form asks per setting, in each language: the name's label, a word of its hint, and a
#: name of that setting with the welcome it makes.
SETTINGS = {
    "group": {
        "nl": (
            "Hoe noem je de groep?",
            "waar de groep voor is",
            "deze werkgroep",
            "Welkom in deze werkgroep.",
        ),
        "en": (
            "What do you call the group?",
            "what the group is for",
            "study group",
            "Welcome to this study group.",
        ),
    },
    "lecture": {
        "nl": (
            "Hoe noem je het college?",
            "waar het college over gaat",
            "dit college",
            "Welkom bij dit college.",
        ),
        "en": (
            "What do you call the lecture?",
            "what the lecture is about",
            "lecture",
            "Welcome to this lecture.",
        ),
    },
    "course": {
        "nl": ("Hoe noem je de cursus?", "waar de cursus over gaat", "deze cursus", "Welkom in deze cursus."),
        "en": (
            "What do you call the course?",
            "what the course is about",
            "course",
            "Welcome to this course.",
        ),
    },
}
SETTING_OF = {"teams": "lecture", "kaltura": "lecture", "brightspace": "course"}


@pytest.mark.parametrize("platform", PLATFORMS)
def test_the_form_speaks_of_the_setting_a_lecture_a_course_or_a_group(
    web: Client, lang: str, platform: str
) -> None:
    """The form on the lecture and course pages asked "what do you call the group?" with a study group and a
    board as examples, under a guide that speaks of a lecture and a course: it now asks in the words of its
    setting, and the name it gives reads naturally in the welcome."""
    setting = SETTING_OF.get(platform, "group")
    label, hint, name, welcome = SETTINGS[setting][lang]
    page = html.unescape(web.get(f"/{lang}/toolkit/{platform}/").content.decode())
    # What the form says, not its markup (the field is named "group" on every page).
    form = re.sub(r"<[^>]+>", " ", page.split('id="intro-heading"')[1].split('class="form-buttons"')[0])
    assert label in form and hint in form
    others = [words[lang] for kind, words in SETTINGS.items() if kind != setting]
    assert not any(other[0] in form or other[1] in form for other in others), form
    if setting != "group":
        # Neither the group's words nor its examples ("deze werkgroep", "this study group", "dit bestuur").
        assert not re.search(r"\b(groep|group|werkgroep|bestuur)\b", form), form
    named = web.post(f"/{lang}/toolkit/{platform}/", {"group": name})
    assert named.status_code == 200
    assert welcome in html.unescape(named.content.decode())
    two_lines = web.post(f"/{lang}/toolkit/{platform}/", {"group": f"{name}\nRecht"})
    one_line = {
        "nl": {"group": "de groep", "lecture": "het college", "course": "de cursus"},
        "en": {"group": "the group", "lecture": "the lecture", "course": "the course"},
    }[lang][setting]
    assert two_lines.status_code == 400
    assert {
        "nl": f"Schrijf de naam van {one_line} op één regel.",
        "en": f"Write the name of {one_line} on one line.",
    }[lang] in html.unescape(two_lines.content.decode())


def test_the_dutch_article_error_gives_an_example_of_the_setting(web: Client) -> None:
    """A name without its article is refused with the pack's name and one of the other article, of the same
    setting: "dit bestuur" is no lecture."""
    examples = {
        "whatsapp": "dit bestuur",
        "teams": "deze les",
        "kaltura": "deze les",
        "brightspace": "dit vak",
    }
    for platform, other in examples.items():
        body = html.unescape(web.post(f"/nl/toolkit/{platform}/", {"group": "Kwak"}).content.decode())
        usual = campaign.localized("nl").group(platform)
        assert f"bijvoorbeeld ‘{usual}’ of ‘{other}’." in body, platform


def test_a_form_sent_in_chunks_without_its_length_gets_the_411_page(web: Client, lang: str) -> None:
    """Django reads a body by its length, so a form sent in chunks without one was read as empty and answered
    with the empty form. It is refused in the address's language, after the 405 check, before the CSRF
    check (whose token is in the unread body: the report form would say it expired)."""
    chunked = {"Transfer-Encoding": "chunked"}
    checked = Client(enforce_csrf_checks=True, HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="testserver")
    for path in (f"/{lang}/toolkit/whatsapp/", f"/{lang}/toolkit/whatsapp/preview", f"/{lang}/report/"):
        response = checked.generic("POST", path, headers=chunked)
        assert response.status_code == 411, path
        body = response.content.decode()
        assert {"nl": "Stuur het opnieuw met zijn lengte", "en": "Send it again with its length"}[
            lang
        ] in body
    assert web.generic("PUT", f"/{lang}/toolkit/whatsapp/", headers=chunked).status_code == 405
    assert web.generic("GET", f"/{lang}/toolkit/whatsapp/", headers=chunked).status_code == 200
    # A length sent beside it (by a proxy that read the chunks) is read as usual.
    sent = web.post(f"/{lang}/toolkit/whatsapp/", {"admin_text": "Hoi 7f3a"}, headers=chunked)
    assert sent.status_code == 200 and "Hoi 7f3a" in sent.content.decode()
