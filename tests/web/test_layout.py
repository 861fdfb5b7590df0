"""The layout in a real Chromium at 320, 390 and 1280 px and at 200 % zoom, in both languages, compared by
what a reader meets rather than by pixels (fonts differ between machines, so pixel goldens would flake):
nothing scrolls sideways, no two controls overlap, headings and controls stay inside the window, no text is
cut off, every tap target is 24 × 24 CSS px or spaced as WCAG 2.2 (2.5.8) allows, and every in-page link
lands on what it names. The screenshots are kept in ``var/screenshots/`` for people to look at."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from samen.content import PLATFORMS
from tests.web.conftest import load
from tests.web.test_browser import PATHS

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
#: name → (width, height, device scale): 200 % zoom of a 1280 px window is a 640 px viewport at 2×.
WIDTHS = {
    "320": (320, 700, 1),
    "390": (390, 844, 1),
    "zoom200": (640, 450, 2),
    "1280": (1280, 900, 1),
}
#: The pages compared: every page of the toolkit and help, the code form (a form with a cookie note).
LAYOUT_PATHS = [*PATHS, "faq/?q=pesten", "help/?what=lecture", "report/", "report/status/"]

#: Run in the page: what a reader would call broken. Elements meant to be out of sight (the skip link before
#: it is focused, ``.visually-hidden`` text for screen readers, closed ``<details>``) are left out.
PROBLEMS_JS = """
() => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  const shown = (el) => {
    if (el.closest('.visually-hidden, .skip-link, [hidden]')) return false;
    // Inside a closed <details>, only its summary is on the screen (Chromium still lays the rest out).
    for (let d = el.closest('details'); d; d = d.parentElement && d.parentElement.closest('details')) {
      if (!d.open && !(el.closest('summary') && el.closest('summary').parentElement === d)) return false;
    }
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return false;
    const style = getComputedStyle(el);
    return style.visibility !== 'hidden' && style.display !== 'none';
  };
  const name = (el) => (el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' +
    (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40) + '"');
  const overflow = document.documentElement.scrollWidth - window.innerWidth;
  if (overflow > 0) problems.push('the page scrolls sideways by ' + overflow + ' px');
  const controls = [...document.querySelectorAll('a[href], button, input, select, textarea, summary')]
    .filter(shown);
  // 2.5.8: a target is at least 24 × 24, or a link inside a sentence, or so far from the others that a
  // 24 px circle on its centre meets no other target (nor another small one's circle).
  const inSentence = (el) => el.tagName === 'A' && getComputedStyle(el).display === 'inline' &&
    el.parentElement.textContent.trim().length > el.textContent.trim().length + 2;
  const boxes = controls.map((el) => el.getBoundingClientRect());
  const small = controls.map((el, i) => !inSentence(el) && (boxes[i].width < 24 || boxes[i].height < 24));
  const centre = (b) => [b.left + b.width / 2, b.top + b.height / 2];
  controls.forEach((el, i) => {
    const box = boxes[i];
    if (box.left < -1 || box.right > width + 1) problems.push(name(el) + ' runs out of the window');
    if (!small[i]) return;
    const [x, y] = centre(box);
    const crowded = controls.some((other, j) => {
      if (j === i || other.contains(el) || el.contains(other)) return false;
      const b = boxes[j];
      if (small[j]) { const [u, v] = centre(b); return Math.hypot(x - u, y - v) < 24; }
      const dx = Math.max(b.left - x, 0, x - b.right);
      const dy = Math.max(b.top - y, 0, y - b.bottom);
      return Math.hypot(dx, dy) < 12;
    });
    if (crowded) {
      const size = Math.round(box.width) + '×' + Math.round(box.height);
      problems.push(name(el) + ' is a small target (' + size + ') close to another');
    }
  });
  for (let i = 0; i < controls.length; i++) {
    const a = controls[i].getBoundingClientRect();
    for (let j = i + 1; j < controls.length; j++) {
      if (controls[i].contains(controls[j]) || controls[j].contains(controls[i])) continue;
      const b = controls[j].getBoundingClientRect();
      const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (x > 2 && y > 2) problems.push(name(controls[i]) + ' overlaps ' + name(controls[j]));
    }
  }
  for (const el of document.querySelectorAll('h1, h2, h3, h4, .lead')) {
    if (!shown(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.left < -1 || box.right > width + 1) problems.push(name(el) + ' runs out of the window');
  }
  // Text cut off: a box that hides what does not fit, while its text is wider or taller than the box,
  // unless a visible button shows the rest ("Show the whole message", aria-expanded="false").
  const folded = new Set([...document.querySelectorAll('[aria-controls][aria-expanded=false]')]
    .filter(shown).map((b) => b.getAttribute('aria-controls')));
  for (const el of document.querySelectorAll('body *')) {
    if (!shown(el) || !el.textContent.trim() || folded.has(el.id)) continue;
    const style = getComputedStyle(el);
    const hides = (v) => v === 'hidden' || v === 'clip';
    if ((hides(style.overflowX) && el.scrollWidth > el.clientWidth + 1) ||
        (hides(style.overflowY) && el.scrollHeight > el.clientHeight + 1) ||
        style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1) {
      problems.push(name(el) + ' cuts off its text');
    }
  }
  return problems;
}
"""


def _slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("width", list(WIDTHS))
def test_every_page_reads_well_at_each_width(
    browser: Browser, live_server_url: str, lang: str, width: str
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    w, h, scale = WIDTHS[width]
    context = browser.new_context(
        base_url=live_server_url, viewport={"width": w, "height": h}, device_scale_factor=scale
    )
    found: dict[str, list[str]] = {}
    try:
        page = context.new_page()
        for path in LAYOUT_PATHS:
            page.goto(f"/{lang}/{path}")
            page.wait_for_load_state("networkidle")
            problems = page.evaluate(PROBLEMS_JS)
            if problems:
                found[path] = problems
            target = SCREENSHOTS / f"{lang}-{_slug(path)}-{width}.png"
            page.screenshot(path=str(target), full_page=True)
            assert target.stat().st_size > 10_000
    finally:
        context.close()
    report = SCREENSHOTS / f"problems-{lang}-{width}.json"
    report.write_text(json.dumps(found, indent=1, ensure_ascii=False), encoding="utf-8")
    assert not found, f"{sum(map(len, found.values()))} problems, listed in {report}"


#: Run in the page: every link to a place on the same page (and every form that returns to one), with the
#: text it says and the text of where it lands: a heading's own text, or the heading that labels a section.
FRAGMENTS_JS = """
() => {
  const here = location.pathname;
  const said = (el) => (el.innerText || el.textContent || '').replace(/\\s+/g, ' ').trim();
  const landing = (el) => {
    if (/^H[1-6]$/.test(el.tagName)) return said(el);
    const by = el.getAttribute('aria-labelledby');
    if (by && document.getElementById(by)) return said(document.getElementById(by));
    if (el.tagName === 'MAIN') return 'MAIN';
    if (el.matches('input, textarea, select')) return 'FIELD';
    const heading = el.querySelector('h1, h2, h3, h4');
    return heading ? said(heading) : said(el).slice(0, 200);
  };
  const found = [];
  for (const a of document.querySelectorAll('a[href*="#"]')) {
    const url = new URL(a.href, location.href);
    if (url.pathname !== here || !url.hash) continue;
    const target = document.getElementById(decodeURIComponent(url.hash.slice(1)));
    found.push({kind: 'link', says: said(a), to: url.hash, lands: target ? landing(target) : null});
  }
  // A form posted back to a place on its page: the buttons that send it say where they lead. (A search
  // form leads to another address: it is pressed in the test and checked where it lands.)
  const sending = 'form[method=post] button[type=submit]:not([name=download])';
  for (const button of document.querySelectorAll(sending)) {
    const action = button.getAttribute('formaction') || button.form.getAttribute('action') || '';
    const url = new URL(action, location.href);
    if (url.pathname !== here || !url.hash) continue;
    const target = document.getElementById(url.hash.slice(1));
    found.push({kind: 'button', says: said(button), to: url.hash, lands: target ? landing(target) : null});
  }
  return found;
}
"""

#: Words that say nothing about a place.
STOP = {"the", "this", "that", "with", "your", "from", "what", "naar", "deze", "voor", "het", "een", "door"}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[\w’']+", text.lower()) if len(w) >= 4 and w not in STOP}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_in_page_link_lands_where_it_says(browser: Browser, live_server_url: str, lang: str) -> None:
    """ "Show the preview" took the reader to step 1's heading, not to the preview: every link (and every
    form that returns to its page) must land on an element that exists and whose heading says what the link
    says (a word in common); the skip link lands on the main content, an error on its field."""
    # (Reduced motion: the page jumps to the place at once instead of scrolling smoothly.)
    context = browser.new_context(
        base_url=live_server_url, viewport={"width": 1280, "height": 900}, reduced_motion="reduce"
    )
    wrong: list[str] = []
    try:
        page = context.new_page()
        paths = [*LAYOUT_PATHS, *[f"toolkit/{p}/" for p in PLATFORMS]]
        for path in dict.fromkeys(paths):
            page.goto(f"/{lang}/{path}")
            for link in page.evaluate(FRAGMENTS_JS):
                lands = link["lands"]
                if lands is None:
                    wrong.append(f"/{lang}/{path}: {link['says']!r} → {link['to']} is not on the page")
                elif lands not in ("MAIN", "FIELD") and not _words(link["says"]) & _words(lands):
                    wrong.append(f"/{lang}/{path}: {link['says']!r} → {link['to']} lands on {lands!r}")
        # Pressed: the page that comes back is scrolled to the place the button names.
        for path, choose, press in (
            ("toolkit/whatsapp/", "#id_admin_text", "button[value=preview]"),
            ("help/", "#what-unwanted", ".guided button[type=submit]"),
        ):
            page.goto(f"/{lang}/{path}")
            field = page.locator(choose)
            field.check() if choose.startswith("#what") else field.fill("Hallo allemaal")
            button = page.locator(press)
            says = button.inner_text()
            load(page, button.click)
            target = page.evaluate("() => location.hash")
            assert target, f"{says!r} on /{lang}/{path} leads to no place on the page"
            lands = page.locator(target)
            heading = lands.evaluate(
                "e => (/^H[1-6]$/.test(e.tagName) ? e : e.querySelector('h1, h2, h3')).innerText"
            )
            assert _words(says) & _words(heading), (says, heading)
            top = lands.evaluate("e => e.getBoundingClientRect().top")
            assert -2 <= top < 300, f"{says!r}: {target} is {top}px down the window"
    finally:
        context.close()
    assert not wrong, wrong


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_whatsapp_page_on_a_phone_is_short_and_loses_nothing(
    browser: Browser, live_server_url: str, lang: str
) -> None:
    """At 390 px the page was 6.5 screens: the Do's message now shows its first lines with a button for the
    rest (as WhatsApp itself does), the description that repeats them folds away, and the full text is one
    tap away; on a wide screen the message is shown whole."""
    from samen.content import load_pack

    local = load_pack().language(lang)
    context = browser.new_context(base_url=live_server_url, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(f"/{lang}/toolkit/whatsapp/")
        screens = page.evaluate("document.documentElement.scrollHeight") / 844
        assert screens <= 5.5, f"{screens:.1f} screens"
        bubble = page.locator('[data-preview="dos"]')
        assert local.dos[-1].text not in bubble.evaluate("e => e.innerText") or bubble.evaluate(
            "e => e.scrollHeight > e.clientHeight + 1"
        )
        more = page.locator("[data-read-more]")
        more.click()
        assert more.get_attribute("aria-expanded") == "true"
        assert bubble.evaluate("e => e.scrollHeight <= e.clientHeight + 1")
        assert all(do.text in bubble.inner_text() for do in local.dos)
        page.set_viewport_size({"width": 1280, "height": 900})
        page.reload()
        expect(page.locator("[data-read-more]")).to_be_hidden()
        assert page.locator('[data-preview="dos"]').evaluate("e => e.scrollHeight <= e.clientHeight + 1")
    finally:
        context.close()


def test_the_layout_checks_find_what_they_look_for(browser: Browser) -> None:
    """The checks above on a page made broken on purpose: each kind of fault is reported, a sound page not."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.set_content(
            """<!doctype html><body style="margin:0">
            <p style="width:600px">too wide</p>
            <button style="position:absolute;top:100px;left:0;width:120px;height:40px">One</button>
            <button style="position:absolute;top:110px;left:60px;width:120px;height:40px">Two</button>
            <a href="#a" style="position:absolute;top:9em;left:0;display:block;width:16px;height:9px">a</a>
            <a href="#b" style="position:absolute;top:9em;left:20px;display:block;width:16px;height:9px">b</a>
            <div style="position:absolute;top:300px;width:100px;height:20px;overflow:hidden">
              a sentence far too long for its box, cut off at the end</div>
            </body>"""
        )
        found = "\n".join(page.evaluate(PROBLEMS_JS))
        assert "scrolls sideways" in found
        assert 'button "One" overlaps button "Two"' in found
        assert 'a "a" is a small target' in found and 'a "b" is a small target' in found
        assert "cuts off its text" in found
        page.set_content(
            """<!doctype html><body><p>A <a href="#x">link in a sentence</a> is fine.</p>
            <button style="width:44px;height:44px">OK</button></body>"""
        )
        assert page.evaluate(PROBLEMS_JS) == []
    finally:
        page.close()
