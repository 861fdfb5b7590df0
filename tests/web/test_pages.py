"""Every page in both languages, with the pack's own content (Django's test client)."""

from __future__ import annotations

import dataclasses
import html
import re

import pytest
from django.test import Client
from django.utils import translation

from samen.content import PLATFORMS, Localized, SupportRoute
from samen.render import illustration_alt, render_dos
from samen.web import campaign
from samen.web.platforms import PAGES

PAGES_OF_SITE = ["", "dos/", "toolkit/", "faq/", "help/", *[f"toolkit/{p}/" for p in PLATFORMS]]

# The help page asks the database which report routes have a staff account.
pytestmark = pytest.mark.django_db


def text_of(response: object) -> str:
    """The page as text: tags dropped, entities decoded, white space collapsed."""
    body = response.content.decode()  # type: ignore[attr-defined]
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r"</?(a|span|strong|em)\b[^>]*>", "", body)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("path", PAGES_OF_SITE)
def test_every_page_answers_in_its_language(web: Client, lang: str, path: str) -> None:
    response = web.get(f"/{lang}/{path}")
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.content.decode()
    assert response["Content-Language"] == lang


@pytest.mark.parametrize("path", PAGES_OF_SITE)
def test_no_inline_script_or_style_and_a_strict_policy(web: Client, path: str) -> None:
    response = web.get(f"/nl/{path}")
    body = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body), "inline script"
    assert "<style" not in body and " style=" not in body and " on" + "click=" not in body
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize(
    ("accept", "lang"),
    [
        ("nl-NL,nl;q=0.9,en;q=0.8", "nl"),
        ("en-GB,en;q=0.9", "en"),
        ("de", "en"),
        ("fr-FR,fr;q=0.9", "en"),
        ("zh-CN,zh;q=0.9", "en"),
        ("de-DE,de;q=0.9,nl;q=0.5", "nl"),
        ("", "en"),
    ],
)
@pytest.mark.parametrize(
    "path", ["", "help/", "help/?what=unwanted", "faq/?q=bullying", "dos/", "toolkit/teams/"]
)
def test_an_address_without_a_language_goes_to_the_browsers_language(
    web: Client, accept: str, lang: str, path: str
) -> None:
    """The home page and every deep link (a QR code's /dos/, a shared /help/) choose the language the same
    way: a French or Chinese browser gets English, not the pack's Dutch (issue 11)."""
    response = web.get(f"/{path}", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == f"/{lang}/{path}"
    assert "Accept-Language" in response["Vary"]


def test_home_holds_the_campaign_and_who_may_use_it(web: Client, local: Localized) -> None:
    page = text_of(web.get(f"/{local.code}/"))
    assert local.campaign in page
    assert local.text.guide.who_heading in page
    for paragraph in local.text.guide.who.split("\n\n"):
        assert squash(paragraph) in page


def test_dos_page_has_every_do_verbatim_at_its_anchor(web: Client, local: Localized) -> None:
    response = web.get(f"/{local.code}/dos/")
    body = response.content.decode()
    page = text_of(response)
    for do in local.dos:
        assert f'id="do-{do.number}"' in body
        assert do.text in page
        assert do.title in page
    assert len(local.dos) == 8
    alt = html.escape(illustration_alt(local), quote=True)
    assert f'alt="{alt}"' in body


@pytest.mark.parametrize(
    ("layout", "fmt", "magic"), [("portrait", "png", b"\x89PNG"), ("landscape", "svg", b"<")]
)
def test_the_illustration_is_served(web: Client, layout: str, fmt: str, magic: bytes) -> None:
    response = web.get(f"/en/dos/illustration-{layout}.{fmt}")
    assert response.status_code == 200
    assert response.content.lstrip().startswith(magic)
    assert response["Content-Type"].startswith("image/")


def test_an_unknown_illustration_is_not_found(web: Client) -> None:
    assert web.get("/en/dos/illustration-square.gif").status_code == 404


def test_toolkit_lists_every_setting(web: Client, local: Localized) -> None:
    body = web.get(f"/{local.code}/toolkit/").content.decode()
    for platform in PLATFORMS:
        assert f'href="/{local.code}/toolkit/{platform}/"' in body
        assert PAGES[platform].name in body


@pytest.mark.parametrize("platform", PLATFORMS)
def test_platform_page_has_the_seeds_instructions_and_the_dos(
    web: Client, local: Localized, platform: str
) -> None:
    page = text_of(web.get(f"/{local.code}/toolkit/{platform}/"))
    guide = local.guide_on(platform)
    for part in (*PAGES[platform].guide, "incidents"):
        for paragraph in getattr(guide, part).split("\n\n"):
            assert squash(paragraph) in page, part
    if platform in ("teams", "kaltura", "brightspace"):  # a lecture or a course has no group and no admin
        assert "groepsbeheerder" not in page and "as the admin" not in page
    dos_message = render_dos(local, platform, dos_url=f"http://testserver/{local.code}/dos/").text
    for do in local.dos:
        assert do.text in page
        assert do.text in dos_message


def test_whatsapp_page_puts_each_messages_buttons_beside_it_and_shares_the_dos_only_with_the_image(
    web: Client,
) -> None:
    """ "Open WhatsApp met bericht 1" sat under message 2, and message 2 had a share link that sent the Do's
    without the illustration, against the campaign's own order."""
    body = web.get("/nl/toolkit/whatsapp/").content.decode()
    first, second = body.index('id="text-intro-heading"'), body.index('id="text-dos-heading"')
    assert first < second
    message_1, message_2 = body[first:second], body[second : body.index("</article>", second)]
    assert message_1.count('href="https://wa.me/?text=') == 1 and "Versturen in WhatsApp" in message_1
    assert "Kopieer bericht 1" in message_1 and "Kopieer bericht 2" in message_2
    assert "wa.me" not in message_2 and body.count("wa.me/?text=") == 1
    assert "data-share-image=" in message_2 and "Deel de illustratie met het bijschrift" in message_2
    assert 'download="dos-portrait.png"' in message_2


@pytest.mark.parametrize("platform", ["whatsapp", "discord", "teams", "brightspace"])
def test_each_platform_page_gives_that_apps_own_steps(web: Client, platform: str) -> None:
    body = text_of(web.get(f"/en/toolkit/{platform}/"))
    own = {
        "whatsapp": "Open the group’s info, tap its description",
        "discord": "Rules Screening",
        "teams": "Post to a chat when a webhook request is received",
        "brightspace": "HTML source view",
    }[platform]
    assert own in body
    if platform == "brightspace":
        assert "second message" not in body and "group description" not in body
        assert "Copy the HTML" in body


def test_brightspace_gets_the_announcement_html_to_copy_with_its_preview(web: Client) -> None:
    response = web.post("/en/toolkit/brightspace/", {"admin_text": "<b>Hi</b> all"})
    body = response.content.decode()
    source = body[body.index('id="copy-announcement"') :]
    source = source[: source.index("</textarea>")]
    assert "&lt;section lang=&quot;en&quot;" in source and "&amp;lt;b&amp;gt;Hi" in source
    preview = body[body.index('data-preview="announcement"') :]
    assert '<section lang="en"' in preview[:200] and "&lt;b&gt;Hi" in preview


def test_an_unknown_platform_is_not_found_in_the_right_language(web: Client) -> None:
    response = web.get("/en/toolkit/myspace/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_faq_has_every_question_with_an_anchor(web: Client, local: Localized) -> None:
    response = web.get(f"/{local.code}/faq/")
    body = response.content.decode()
    page = text_of(response)
    assert len(local.faq) >= 10
    for entry in local.faq:
        assert f'id="{entry.id}"' in body
        assert entry.question in page
        first = entry.answer.split("\n\n")[0]
        assert squash(first) in page


def test_faq_search_filters_without_javascript(web: Client) -> None:
    body = web.get("/nl/faq/", {"q": "racisme"}).content.decode()
    shown = re.findall(r'<section class="faq-entry" id="([^"]+)"[^>]*?(hidden)?>', body)
    visible = {entry for entry, hidden in shown if not hidden}
    assert "racism" in visible
    assert "sexism" not in visible
    assert "vragen gevonden" in body or "vraag gevonden" in body


@pytest.mark.parametrize("query", ["rácisme", "RACISME", "Racïsme"])
def test_faq_search_without_javascript_ignores_accents_as_the_script_does(web: Client, query: str) -> None:
    """Typing finds "rácisme" (the script folds accents); sent without JavaScript it found nothing."""
    body = web.get("/nl/faq/", {"q": query}).content.decode()
    shown = re.findall(r'<section class="faq-entry" id="([^"]+)"[^>]*?(hidden)?>', body)
    assert {entry for entry, hidden in shown if not hidden} == {"racism", "discrimination"}


@pytest.mark.parametrize(("lang", "query"), [("nl", "seksuele intimidatie"), ("en", "sexual harassment")])
def test_faq_search_finds_the_question_in_the_words_people_use(web: Client, lang: str, query: str) -> None:
    """ "seksuele intimidatie" found nothing: the question says "seksueel ongewenst gedrag"."""
    body = web.get(f"/{lang}/faq/", {"q": query}).content.decode()
    shown = re.findall(r'<section class="faq-entry" id="([^"]+)"[^>]*?(hidden)?>', body)
    assert "sexual-harassment" in {entry for entry, hidden in shown if not hidden}


def test_faq_search_that_finds_nothing_says_so(web: Client) -> None:
    body = web.get("/en/faq/", {"q": "zzzqqq"}).content.decode()
    assert "No question found" in body


@pytest.mark.parametrize(
    ("what", "route"),
    [
        ("unwanted", "confidential-counsellor"),
        ("lecture", "programme-chair"),
        ("group", "group-admin"),
        ("learn", "diversity-office"),
        ("campaign", "student-wellbeing"),
    ],
)
def test_help_ends_at_the_right_contact(web: Client, local: Localized, what: str, route: str) -> None:
    response = web.get(f"/{local.code}/help/", {"what": what})
    body = response.content.decode()
    answer = body[body.index('id="answer"') : body.index("</section>", body.index('id="answer"'))]
    expected = next(r for r in local.support if r.id == route)
    assert html.escape(expected.name) in answer
    if expected.email:
        assert f"mailto:{expected.email}" in answer


@pytest.mark.parametrize("what", ["group", "unwanted", "lecture", "advice", "learn", "campaign"])
def test_every_contact_in_a_help_answer_says_how_to_reach_them(
    web: Client, local: Localized, what: str
) -> None:
    """ "I experienced unwanted behaviour" ended at "The confidential counsellor" and "Your study adviser",
    with neither an address nor a page: a student in distress was told whom, not how. Now every contact in
    an answer has a page, an e-mail address or a phone number (its own, or the route's it is reached
    through), or is the group's admin, reached in the group."""
    body = web.get(f"/{local.code}/help/", {"what": what}).content.decode()
    answer = body[body.index('id="answer"') : body.index("</section>", body.index('id="answer"'))]
    contacts = answer.split('<li class="contact">')[1:]
    assert contacts
    by_name = {html.escape(r.name): r for r in local.support}
    for contact in contacts:
        route = next(r for name, r in by_name.items() if f"<h3>{name}</h3>" in contact)
        if route.in_group:
            assert route.reach and html.escape(route.reach) in contact
            continue
        assert re.search(r'href="(https://|mailto:|tel:)', contact), route.id
        if route.link:
            assert f'href="{route.link}"' in contact


def test_the_confidential_counsellor_is_reached_at_the_universitys_page_in_the_readers_language(
    web: Client,
) -> None:
    for lang, page in (
        (
            "nl",
            "https://www.student.universiteitleiden.nl/ondersteuning-en-welzijn/sociale-veiligheid--integriteit/ongewenst-gedrag",
        ),
        (
            "en",
            "https://www.student.universiteitleiden.nl/en/support-and-well-being/dignity-respect--integrity/unacceptable-behaviour",
        ),
    ):
        body = web.get(f"/{lang}/help/", {"what": "unwanted"}).content.decode()
        answer = body[body.index('id="answer"') : body.index("</section>", body.index('id="answer"'))]
        assert f'href="{page}"' in answer
        assert "?cf=" not in body and "&amp;cd=" not in body


def test_a_route_without_an_address_shows_the_one_it_is_reached_through(web: Client) -> None:
    body = web.get("/en/help/", {"what": "lecture"}).content.decode()
    answer = body[body.index('id="answer"') : body.index("</section>", body.index('id="answer"'))]
    chair = answer.split('<li class="contact">')[1]
    assert "The programme chair" in chair
    assert "Your study adviser knows who chairs your programme" in chair
    assert "study-guidance-and-advisors/study-advisors" in chair


def test_help_with_an_unknown_choice_asks_again(web: Client) -> None:
    body = web.get("/nl/help/", {"what": "<script>"}).content.decode()
    assert "Kies een van de antwoorden hieronder." in body
    assert "<script>" not in body.split("</head>")[1]


@pytest.mark.parametrize("path", ["", "dos/", "toolkit/whatsapp/", "faq/", "help/"])
def test_language_switch_keeps_the_page(web: Client, path: str) -> None:
    nl = web.get(f"/nl/{path}").content.decode()
    en = web.get(f"/en/{path}").content.decode()
    assert f'href="/en/{path}" hreflang="en" lang="en"' in nl
    assert f'href="/nl/{path}" hreflang="nl" lang="nl"' in en


@pytest.mark.parametrize(
    ("path", "words"), [("/nl/bestaat-niet/", "Pagina niet gevonden"), ("/en/missing/", "Page not found")]
)
def test_not_found_in_the_language_of_the_address(web: Client, path: str, words: str) -> None:
    response = web.get(path)
    assert response.status_code == 404
    assert words in response.content.decode()
    assert 'href="/nl/"' in response.content.decode() or 'href="/en/"' in response.content.decode()


def test_plain_http_is_redirected_except_on_loopback() -> None:
    remote = Client(HTTP_HOST="localhost:8000").get("/nl/dos/")
    assert remote.status_code == 200
    proxied = Client(HTTP_HOST="127.0.0.1").get("/nl/dos/")
    assert proxied.status_code == 200
    public = Client().get("/nl/dos/")
    assert public.status_code == 301
    assert public["Location"].startswith("https://")


def test_theme_holds_the_packs_colours(web: Client) -> None:
    css = web.get("/theme.css").content.decode()
    colours = campaign.pack().spec.colours
    assert f"--primary:{colours.primary}" in css


def test_language_switch_keeps_the_choice(web: Client) -> None:
    body = web.get("/nl/help/", {"what": "lecture"}).content.decode()
    assert 'href="/en/help/?what=lecture" hreflang="en"' in body


@pytest.mark.parametrize("path", ["/nl/", "/en/dos/", "/nl/toolkit/", "/en/faq/", "/nl/help/", "/theme.css"])
def test_head_is_answered_like_get(web: Client, path: str) -> None:
    """Link checkers and chat apps' link previews ask HEAD first; a 405 looks like a dead link."""
    response = web.head(path)
    assert response.status_code == 200
    assert response.content == b""


def test_head_of_the_illustration_is_answered(web: Client) -> None:
    assert web.head("/nl/dos/illustration-portrait.png").status_code == 200


GET_ONLY = [
    "",
    "dos/",
    "faq/",
    "help/",
    "toolkit/",
    "dos/illustration-portrait.png",
    "dos/students-online.svg",
]


@pytest.mark.parametrize("method", ["post", "put", "delete"])
@pytest.mark.parametrize("path", GET_ONLY)
def test_a_method_a_page_does_not_take_is_405_before_the_csrf_check(
    lang: str, method: str, path: str
) -> None:
    """The method is checked before the CSRF token: a form sent to a page without one is "not this way"
    (405 with ``Allow``), not "forbidden" (403), on the site's own page in the address's language."""
    checked = Client(enforce_csrf_checks=True, HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="testserver")
    response = getattr(checked, method)(f"/{lang}/{path}", {"q": "x"} if method == "post" else None)
    assert response.status_code == 405, (method, path)
    assert response["Allow"] == "GET, HEAD"
    body = response.content.decode()
    assert f'<html lang="{lang}"' in body and "CSRF" not in body and "<style" not in body
    assert ("kan zo niet" if lang == "nl" else "cannot be used this way") in text_of(response)


def _views(patterns: list[object], prefix: str = "") -> list[tuple[str, object]]:
    from django.urls import URLPattern, URLResolver

    found: list[tuple[str, object]] = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            found += _views(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            found.append((prefix + str(pattern.pattern), pattern.callback))
    return found


def test_every_view_declares_its_methods() -> None:
    """The method check comes first for every page only if every view declares its methods (``allow``)."""
    from django.urls import get_resolver

    from samen.web.methods import ALLOWED

    views = _views(get_resolver().url_patterns)
    assert len(views) > 15
    undeclared = [path for path, view in views if not getattr(view, ALLOWED, None)]
    assert undeclared == []


def test_a_put_on_the_staff_pages_and_the_report_form_is_405() -> None:
    checked = Client(enforce_csrf_checks=True, HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="testserver")
    for path, allowed in [
        ("/en/report/", "GET, HEAD, POST"),
        ("/staff/login/", "GET, HEAD, POST"),
        ("/staff/logout/", "POST"),
        ("/", "GET, HEAD"),
    ]:
        response = checked.put(path)
        assert (response.status_code, response["Allow"]) == (405, allowed), path


def test_faq_search_finds_word_forms_and_offers_help_when_nothing_is_found(web: Client) -> None:
    found = web.get("/nl/faq/", {"q": "discrimineren"}).content.decode()
    assert 'id="discrimination"' in found.split("hidden")[0] or 'data-faq-entry="discrimination">' in found
    assert web.get("/en/faq/search", {"q": "bullying"}).json()["ids"]
    nothing = web.get("/en/faq/", {"q": "zzzqqq"}).content.decode()
    help_link = nothing[nothing.index("data-faq-none") :][:200]
    assert "hidden" not in help_link.split(">")[0] and 'href="/en/help/"' in help_link


def test_the_language_switch_carries_a_search_only_where_it_finds_something(web: Client) -> None:
    english_word = web.get("/nl/faq/", {"q": "bullying"}).content.decode()
    assert 'href="/en/faq/?q=bullying"' in english_word
    dutch_word = web.get("/en/faq/", {"q": "pesten"}).content.decode()
    assert 'href="/nl/faq/?q=pesten"' in dutch_word
    nowhere = web.get("/en/faq/", {"q": "gezelligheid"}).content.decode()
    assert 'href="/nl/faq/" hreflang="nl"' in nowhere


def test_served_pages_point_to_the_sites_own_dos_page(web: Client) -> None:
    """Without SAMEN_BASE_URL the Do's link in message 2 led to the Dutch campaign page, also in English."""
    body = web.get("/en/toolkit/whatsapp/").content.decode()
    assert "https://testserver/en/dos/" in body
    assert "?cf=" not in body and "&amp;cd=" not in body


def test_a_search_in_the_other_language_says_where_it_finds_something(web: Client) -> None:
    body = web.get("/en/faq/", {"q": "pesten"}).content.decode()
    assert 'href="/nl/faq/?q=pesten"' in body and "This search finds questions in Dutch." in body
    dutch = web.get("/nl/faq/", {"q": "bullying"}).content.decode()
    assert "Deze zoekopdracht vindt wel vragen in het Engels." in dutch
    assert "vindt wel vragen" not in web.get("/nl/faq/", {"q": "zzzqqq"}).content.decode()


def _ways(route: SupportRoute, by_id: dict[str, SupportRoute]) -> list[str]:
    """How a student reaches a route: its own link, e-mail, phone and hours, or those of its ``via``."""
    through = by_id.get(route.via) if route.via and not route.has_contact else None
    return [x for r in (route, through) if r for x in (r.link, r.email, r.phone, r.hours) if x]


def test_web_help_the_bots_help_and_the_kits_read_me_give_the_same_contacts(
    web: Client, local: Localized
) -> None:
    from samen.bot.compose import help_text
    from samen.render import build_kit

    page = html.unescape(web.get(f"/{local.code}/help/").content.decode())
    bot = help_text(local, "matrix", "!").text
    kit = build_kit(local, "whatsapp", dos_url=local.campaign_url)
    readme = next(
        m.data.decode() for m in kit if m.filename.endswith(".txt") and b"http" in m.data and m.title
    )
    readme = next(
        (
            m.data.decode()
            for m in kit
            if any(r.name in m.data.decode(errors="ignore") for r in local.support)
        ),
        readme,
    )
    by_id = {r.id: r for r in local.support}
    for route in local.support:
        ways = _ways(route, by_id)
        assert ways or route.in_group, f"{route.id} has no way to reach it"
        for way in ways:
            assert way in page, (route.id, way, "web")
            assert way in bot, (route.id, way, "bot")
            assert way in readme, (route.id, way, "kit")


def test_a_route_reached_through_another_shows_all_of_its_ways(local: Localized) -> None:
    """The web showed only the link and e-mail of the route one is sent through, where the bot and the kit
    give its phone and hours too: the help page shows every way the pack knows."""
    from django.template.loader import render_to_string

    by_id = {r.id: r for r in local.support}
    chair = next(r for r in local.support if r.via and not r.has_contact)
    via = dataclasses.replace(
        by_id[chair.via or ""], email="advice@example.org", phone="+31 71 000 0000", hours="Mon–Fri 9–17"
    )
    with translation.override(local.code):
        shown = render_to_string(
            "web/_contact.html", {"route": chair, "via": via, "reportable": set(), "campaign": local}
        )
    for way in _ways(chair, {**by_id, via.id: via}):
        assert html.escape(way) in shown or way in shown, way
    assert 'href="tel:' in shown


@pytest.mark.parametrize(
    ("lang", "query"),
    [
        ("nl", "ik word gepest"),
        ("nl", "racisme"),
        ("en", "someone threatens me"),
        ("en", "bullying"),
        ("en", ""),
    ],
)
def test_the_faq_leads_to_a_contact_whatever_a_search_finds(web: Client, lang: str, query: str) -> None:
    """A student who searches "someone threatens me" and finds an explanation must still see, before it,
    the way to who can help: not only when the search finds nothing (issue 11: help ends in a contact)."""
    body = web.get(f"/{lang}/faq/", {"q": query}).content.decode()
    main = body[body.index("<main") :]
    before_answers = main[: main.index('class="faq-entry"')]
    link = re.search(rf'<p[^>]*>(?:(?!</p>).)*href="/{lang}/help/"', before_answers, flags=re.S)
    assert link is not None and "hidden" not in link.group(0).split(">")[0], before_answers[-600:]


@pytest.mark.parametrize(
    ("lang", "named"),
    [("nl", ["pesten", "discriminatie", "bedreiging"]), ("en", ["bullying", "discrimination", "threats"])],
)
def test_the_help_choices_name_what_happened_in_the_students_words(
    web: Client, lang: str, named: list[str]
) -> None:
    """A student who was bullied, discriminated against or threatened finds their word among the choices,
    and no choice says a word twice ("intimidatie, discriminatie of seksuele intimidatie", issue 11)."""
    body = web.get(f"/{lang}/help/").content.decode()
    labels = [html.unescape(t) for t in re.findall(r'<label for="what-[^"]+">([^<]*)', body)]
    assert labels
    said = " ".join(labels).casefold()
    assert [word for word in named if word not in said] == []
    for label in labels:
        words = [w.casefold() for w in re.findall(r"\w{5,}", label)]
        assert len(words) == len(set(words)), label


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("ab\x00cd", "ab cd"), ("ab\x1b[31mcd", "ab [31mcd"), ("ab\x7fcd", "ab cd"), ("ab\x85cd", "ab cd")],
)
def test_the_faq_search_never_echoes_a_control_character(web: Client, typed: str, shown: str) -> None:
    body = web.get("/en/faq/", {"q": typed}).content.decode()
    for control in "\x00\x1b\x7f\x85":
        assert control not in body
    assert f'name="q" value="{shown}"' in body  # each one is a space: the words stay
    assert web.get("/en/faq/search", {"q": typed}).status_code == 200
