"""The pages: home, the Do's, the toolkit per platform, FAQ, help, and the error pages.

Every campaign text comes from the pack (:mod:`samen.web.campaign`); the product's own words are in the
templates and go through Django's translations. Nothing a visitor types is stored or logged: the intro is
rendered for the answer and then forgotten.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache, wraps
from typing import Any

from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control, cache_page
from django.views.decorators.csrf import csrf_exempt

from samen.content import PLATFORMS, Localized, SupportRoute
from samen.content.search import search_faq, search_ids
from samen.errors import LimitError
from samen.render import (
    Material,
    Message,
    brightspace_html,
    build_kit,
    illustration_alt,
    kit_contents,
    render_description,
    render_dos,
    render_intro,
    render_topic,
    scene_alt,
    whatsapp_share_link,
    zip_kit,
)
from samen.web import campaign
from samen.web.context import direction
from samen.web.forms import IntroForm
from samen.web.language import browser_language
from samen.web.methods import View, allow, require_safe
from samen.web.platforms import PAGES
from samen.web.preview import preview_html
from samen.web.reports import staffed_routes

log = logging.getLogger(__name__)

#: How long a page drawn from the pack is kept (per worker) and may be kept by browsers.
PAGE_SECONDS = 300

POSTER_LAYOUTS = ("portrait", "landscape")
POSTER_TYPES = {"png": "image/png", "svg": "image/svg+xml"}


def paragraphs(text: str) -> list[str]:
    """A pack text split into its paragraphs (blank lines between them)."""
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


@dataclass(frozen=True)
class Block:
    """A paragraph or a list in an answer: ``kind`` is ``p`` or ``ul``."""

    kind: str
    text: str = ""
    items: tuple[str, ...] = ()


def blocks(text: str) -> list[Block]:
    """A pack answer as paragraphs and lists (lines starting with ``- `` are list items)."""
    found: list[Block] = []
    for paragraph in paragraphs(text):
        lines = [line.strip() for line in paragraph.splitlines()]
        if all(line.startswith("- ") for line in lines):
            found.append(Block("ul", items=tuple(line[2:].strip() for line in lines)))
        else:
            found.append(Block("p", text=" ".join(lines)))
    return found


def cached(view: View) -> View:
    """Keep a page that depends on the pack alone (a GET without a query) for :data:`PAGE_SECONDS`.

    What a visitor sends (a search, a form) is never part of a cache key: those answers are drawn anew.
    """
    kept = cache_page(PAGE_SECONDS)(view)

    @wraps(view)
    def answer(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        """The kept page for a plain GET; the view itself for anything else."""
        if request.method in ("GET", "HEAD") and not request.GET:
            return kept(request, *args, **kwargs)
        return view(request, *args, **kwargs)

    return answer


@require_safe
def root(request: HttpRequest) -> HttpResponseBase:
    """``/``: to the home page in the browser's language (:func:`samen.web.language.browser_language`)."""
    response = HttpResponseRedirect(f"/{browser_language(request)}/")
    response["Vary"] = "Accept-Language, Cookie"
    return response


@cached
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The campaign and who may use the materials (the seed's first section)."""
    local = _local()
    guide = local.text.guide
    return render(
        request,
        "web/home.html",
        {
            "about": paragraphs(guide.about),
            "who_heading": guide.who_heading,
            "who": paragraphs(guide.who),
            "goal": paragraphs(guide.goal),
            "contact": guide.contact,
            "dos": local.dos,
            "scene_alt": scene_alt(local),
        },
    )


@cached
@require_safe
def dos(request: HttpRequest) -> HttpResponse:
    """The eight Do's, each at ``#do-N``, with the illustration and its alt text; printable."""
    local = _local()
    return render(
        request,
        "web/dos.html",
        {
            "dos": local.dos,
            "heading": local.text.dos_heading,
            "alt": illustration_alt(local),
            "support_text": local.dos[-1].text,
        },
    )


@require_safe
@cache_control(public=True, max_age=3600)
def poster(request: HttpRequest, layout: str, fmt: str) -> HttpResponse:
    """The illustration as an image: ``illustration-portrait.png`` and the like."""
    if layout not in POSTER_LAYOUTS or fmt not in POSTER_TYPES:
        raise Http404(layout)
    lang = translation.get_language()
    data = campaign.poster(lang, campaign.dos_url(request, lang), layout, fmt)
    return HttpResponse(data, content_type=POSTER_TYPES[fmt])


@require_safe
@cache_control(public=True, max_age=3600)
def scene(request: HttpRequest) -> HttpResponse:
    """The picture of students together online (the poster's), on its own, with its alt text as title."""
    return HttpResponse(campaign.scene(translation.get_language()), content_type=POSTER_TYPES["svg"])


@cached
@require_safe
def toolkit(request: HttpRequest) -> HttpResponse:
    """Choose a setting."""
    local = _local()
    choices = [(key, PAGES[key], local.group(key)) for key in PLATFORMS if key in PAGES]
    return render(
        request, "web/toolkit.html", {"choices": choices, "about": paragraphs(local.text.guide.who)}
    )


@dataclass(frozen=True)
class Text:
    """One text on a platform page that the admin copies: the message, how it will look, what its copy
    button says once it has copied (where this platform's text goes next), and whether its preview is
    folded away (it repeats the Do's of the message above)."""

    id: str
    label: str
    text: str
    html: str
    copy_label: str
    copied: str
    folded: bool = False


def too_long(exc: LimitError) -> str:
    """Why an intro is refused, in the page's language, with the numbers."""
    return _(
        "Your text is too long for %(platform)s: the message would be %(length)s characters and "
        "%(platform)s takes at most %(limit)s. Make it %(over)s characters shorter."
    ) % {
        "platform": PAGES[exc.platform].name if exc.platform in PAGES else exc.platform,
        "length": exc.length,
        "limit": exc.limit,
        "over": exc.length - exc.limit,
    }


def _intro(local: Localized, platform: str, form: IntroForm) -> tuple[Message, str, str]:
    """The intro for the form's values, or the default one with the form's error added.

    Returns:
        The intro, and the admin text and group kind it was made with.
    """
    if form.is_bound and form.is_valid():
        admin_text, group = form.cleaned_data["admin_text"], form.cleaned_data["group"]
        try:
            return (
                render_intro(local, platform, admin_text=admin_text, group=group),
                admin_text,
                group,
            )
        except LimitError as exc:
            form.add_error("admin_text", too_long(exc))
    return render_intro(local, platform), "", ""


def _texts(
    local: Localized, platform: str, intro: Message, dos_url: str, admin_text: str, group: str
) -> list[Text]:
    made: dict[str, tuple[str, str]] = {
        "intro": (_("Message 1: the welcome"), intro.text),
        "dos": (_("Message 2: the Do’s"), render_dos(local, platform, dos_url=dos_url).text),
    }
    if "description" in PAGES[platform].texts:
        made["description"] = (
            _("The group description"),
            render_description(local, platform, dos_url=dos_url),
        )
    if "topic" in PAGES[platform].texts:
        made["topic"] = (_("The channel topic"), render_topic(local, platform, dos_url=dos_url))
    if "announcement" in PAGES[platform].texts:
        announcement = brightspace_html(local, dos_url=dos_url, admin_text=admin_text, group=group)
        made["announcement"] = (_("The announcement (HTML)"), announcement)
    copy_labels = {
        "intro": _("Copy message 1"),
        "dos": _("Copy message 2"),
        "description": _("Copy the description"),
        "topic": _("Copy the topic"),
        "announcement": _("Copy the HTML"),
    }
    return [
        # The announcement is our own HTML (the admin's text escaped in it): it is its own preview.
        Text(
            key,
            label,
            text,
            mark_safe(text) if key == "announcement" else preview_html(platform, text),
            copy_labels[key],
            _("Copied. Now paste it into %(place)s.") % {"place": PAGES[platform].paste_into[key]},
            # A description or topic that repeats the Do's shown just above shows its preview on request.
            key in ("description", "topic") and any(d.title in text or d.text in text for d in local.dos),
        )
        for key in PAGES[platform].texts
        for label, text in [made[key]]
    ]


@dataclass(frozen=True)
class FileEntry:
    """A file of the kit as the page lists it."""

    filename: str
    title: str


@cache
def kit_files(lang: str, platform: str) -> tuple[FileEntry, ...]:
    """The files of a platform's kit, listed once per language and platform (the files are made on demand)."""
    return tuple(FileEntry(name, title) for name, title in kit_contents(campaign.localized(lang), platform))


def _kit(local: Localized, platform: str, admin_text: str, group: str, dos_url: str) -> list[Material]:
    return build_kit(
        local,
        platform,
        dos_url=dos_url,
        admin_text=admin_text,
        group=group,
    )


def _download(material: Material) -> HttpResponse:
    return HttpResponse(
        material.data,
        content_type=material.media_type,
        headers={"Content-Disposition": content_disposition_header(True, material.filename)},
    )


# No cookies, no log-in, nothing changes on the server: a forged POST could only show a visitor a preview,
# so the form works without the CSRF cookie (which plain-HTTP try-outs on loopback could not keep).
@csrf_exempt
@cached
@allow("GET", "HEAD", "POST")
def platform(request: HttpRequest, platform: str) -> HttpResponseBase:
    """The toolkit for one setting: the seed's instructions, the intro form, previews, copy and downloads."""
    if platform not in PAGES:
        raise Http404(platform)
    local = _local()
    form = IntroForm(request.POST if request.method == "POST" else None, local=local, platform=platform)
    intro, admin_text, group = _intro(local, platform, form)
    wanted = request.POST.get("download", "") if request.method == "POST" else ""
    if wanted and not form.errors:
        return _answer_download(
            local, platform, wanted, admin_text, group, campaign.dos_url(request, local.code)
        )
    page = PAGES[platform]
    guide = local.guide_on(platform)  # a lecture's or course's words where the pack gives them
    files = kit_files(local.code, platform)
    context = {
        "platform": platform,
        "page": page,
        "group": local.group(platform),
        "guide": [paragraphs(getattr(guide, part)) for part in page.guide],
        "incidents": paragraphs(guide.incidents),
        "form": form,
        "texts": _texts(local, platform, intro, campaign.dos_url(request, local.code), admin_text, group),
        "materials": files,
        "slide": next((f for f in files if f.filename.endswith(".pptx")), None),
        "share": whatsapp_share_link(intro.text) if page.share else None,
        "poster_alt": illustration_alt(local),
        "poster_file": f"dos-{page.poster}.png",
        "edited": bool(admin_text or group),
    }
    form.describe_errors()
    status = 400 if form.errors else 200
    return render(request, "web/platform.html", context, status=status)


def _answer_download(
    local: Localized, platform: str, wanted: str, admin_text: str, group: str, dos_url: str
) -> HttpResponse:
    kit = _kit(local, platform, admin_text, group, dos_url)
    if wanted == "zip":
        folder = f"samen-{platform}-{local.code}"
        data = zip_kit((folder, material) for material in kit)
        response = HttpResponse(data, content_type="application/zip")
        response["Content-Disposition"] = content_disposition_header(True, f"{folder}.zip")
        return response
    for material in kit:
        if material.filename == wanted:
            return _download(material)
    raise Http404(wanted)


@csrf_exempt
@allow("POST")
def platform_preview(request: HttpRequest, platform: str) -> JsonResponse:
    """The live preview: the intro for what the admin typed so far, as JSON for the page's script."""
    if platform not in PAGES:
        raise Http404(platform)
    local = _local()
    form = IntroForm(request.POST, local=local, platform=platform)
    intro, admin_text, group = _intro(local, platform, form)
    errors = [str(e) for field in form.errors.values() for e in field]
    return JsonResponse(
        {
            "ok": not errors,
            "errors": errors,
            "text": intro.text,
            "html": str(preview_html(platform, intro.text)),
            "share": whatsapp_share_link(intro.text) if PAGES[platform].share else None,
            "announcement": (
                brightspace_html(
                    local, dos_url=campaign.dos_url(request, local.code), admin_text=admin_text, group=group
                )
                if "announcement" in PAGES[platform].texts
                else None
            ),
        },
        status=200,
    )


#: The longest search the FAQ reads.
QUERY_MAX = 100
#: Control characters (C0, DEL, C1), tabs and line breaks included: a search is one line of plain text.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _search_words(request: HttpRequest) -> str:
    """The FAQ search as typed, as one line of plain text: each control character (a NUL, an escape) is a
    space, so that nothing but text reaches the page or the search; at most :data:`QUERY_MAX` characters."""
    return " ".join(_CONTROL.sub(" ", request.GET.get("q", "")[:QUERY_MAX]).split())


@cached
@require_safe
def faq(request: HttpRequest) -> HttpResponse:
    """Every question with an anchor; ``?q=`` searches without JavaScript, the script asks
    :func:`faq_search` as you type: one search (:func:`samen.content.search.search_faq`) for both."""
    local = _local()
    query = _search_words(request)
    found = {entry.id for entry in search_faq(local, query)}
    entries = [
        {"entry": entry, "blocks": blocks(entry.answer), "shown": entry.id in found} for entry in local.faq
    ]
    count = sum(1 for e in entries if e["shown"])
    # Nothing here, but the words are another language's ("bullying" on the Dutch page): say where.
    elsewhere = (
        [
            code
            for code in campaign.pack().languages
            if code != local.code and search_faq(campaign.localized(code), query)
        ]
        if query and not count
        else []
    )
    return render(
        request,
        "web/faq.html",
        {"entries": entries, "query": query, "count": count, "elsewhere": elsewhere},
    )


@require_safe
def faq_search(request: HttpRequest) -> JsonResponse:
    """The ids of the questions a search finds, for the FAQ page's script (``{"ids": [...]}``)."""
    query = _search_words(request)
    return JsonResponse({"ids": search_ids(_local(), query)})


#: The product's words for the pack's help situations (``situations`` in the pack says which routes each
#: leads to); a pack that names another situation gives its label itself.
SITUATION_LABELS: dict[str, str | Promise] = {
    "group": gettext_lazy("Something happened in an online group or chat"),
    "unwanted": gettext_lazy(
        "I experienced unacceptable behaviour, such as bullying, discrimination, threats or sexual harassment"
    ),
    "lecture": gettext_lazy("It is about a lecture, the teaching or a lecturer"),
    "advice": gettext_lazy("I need advice and don’t know where to start"),
    "learn": gettext_lazy("Our group or association wants to learn more, or take a training"),
    "campaign": gettext_lazy("I have a question about this campaign"),
}


@require_safe
def help_page(request: HttpRequest) -> HttpResponse:
    """Where to go for what: choose what happened, and the page ends at the right contact.

    Not kept (:func:`cached`): its "report confidentially" links follow the staff accounts, which change
    without the pack changing, and every worker keeps its own copy.
    """
    local = _local()
    labels = {s.id: str(s.label or SITUATION_LABELS.get(s.id, s.id)) for s in local.situations}
    chosen = request.GET.get("what", "")
    routes = {route.id: route for route in local.support}
    situation = next((s for s in local.situations if s.id == chosen), None)
    answer = [_reach(route, routes) for route in situation.routes] if situation else []
    situations = list(labels.items())
    return render(
        request,
        "web/help.html",
        {
            "situations": situations,
            "chosen": chosen if situation else "",
            "chosen_label": labels[situation.id] if situation else "",
            "answer": answer,
            "routes": [_reach(route, routes) for route in local.support],
            "unknown": bool(chosen) and situation is None,
            # The routes whose staff take reports here: their contact offers the confidential report form.
            "reportable": set(staffed_routes()),
        },
    )


def _reach(route: SupportRoute, routes: dict[str, SupportRoute]) -> tuple[SupportRoute, SupportRoute | None]:
    """A route with the route it is reached through (when it has no address of its own), for the page."""
    return route, routes.get(route.via) if route.via else None


@require_safe
@cache_control(public=True, max_age=3600)
def theme(request: HttpRequest) -> HttpResponse:
    """The pack's colours as CSS custom properties (a file, since the policy allows no inline style)."""
    colours = campaign.pack().spec.colours
    css = (
        ":root{"
        f"--primary:{colours.primary};--accent:{colours.accent};"
        f"--background:{colours.background};--text:{colours.text};"
        "}\n"
    )
    return HttpResponse(css, content_type="text/css; charset=utf-8")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A 400 page (a form far beyond any limit, a damaged request) in the visitor's language."""
    return render(request, "web/400.html", status=400)


def too_large(status: int) -> str:
    """The page for a request that gunicorn refuses before Django sees it (:mod:`samen.web.worker`): an
    address too long for it (414), or headers too large (431, mostly cookies).

    Nothing of the request was read, not even the language in its address, so the page says it in every
    language of the site, the pack's default language first (it is the page's language).

    Args:
        status: 414 or 431.

    Returns:
        The page's HTML.
    """
    current = campaign.pack()
    first = current.default_language
    codes = [first, *(code for code in current.languages if code != first)]
    with translation.override(first):
        return render_to_string(
            "web/too_large.html",
            {"status": status, "blocks": [(code, direction(code)) for code in codes]},
            request=HttpRequest(),  # none was read: the page of no address (the switch leads to home pages)
        )


def refused(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form whose CSRF check failed (``CSRF_FAILURE_VIEW``): nearly always one whose cookie lapsed (the
    browser was closed, or the page was open for long), so the page says the form expired, that nothing
    was sent, and to go back and send it again."""
    return render(request, "web/form_expired.html", status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A 404 page in the language of the address (or of the browser)."""
    return render(request, "web/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """A 500 page that says sorry in the visitor's language, never a traceback; the detail is in the log."""
    try:
        return render(request, "web/500.html", status=500)
    except Exception:  # the error page itself must not fail
        log.exception("The error page could not be drawn")
        return HttpResponse(
            "Er ging iets mis. / Something went wrong.", status=500, content_type="text/plain"
        )


def _local() -> Localized:
    return campaign.localized(translation.get_language())
