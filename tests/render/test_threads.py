"""The poster can be drawn from several threads at once (the web toolkit's workers answer with threads)."""

from __future__ import annotations

import importlib
from concurrent.futures import ThreadPoolExecutor

from samen.content import load_pack
from samen.render import illustration, lettering

URL = "https://example.edu/nl/dos/"
# The module, not the function of the same name that samen.render exports.
drawing = importlib.import_module("samen.render.illustration")


def forget_drawings() -> None:
    """Empty every cache on the way to a poster, so each test run really draws."""
    for cached in (drawing._svg, drawing._png, drawing._scene, lettering.face, lettering._outline):
        cached.cache_clear()


def test_drawing_from_eight_threads_at_once_gives_the_same_posters() -> None:
    pack = load_pack()
    jobs = [
        (lang, layout, fmt)
        for lang in pack.languages
        for layout in ("portrait", "landscape")
        for fmt in ("svg", "png")
    ]
    forget_drawings()
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(
            pool.map(
                lambda job: illustration(pack.language(job[0]), dos_url=URL, layout=job[1], fmt=job[2]), jobs
            )
        )
    forget_drawings()
    alone = [
        illustration(pack.language(lang), dos_url=URL, layout=layout, fmt=fmt) for lang, layout, fmt in jobs
    ]
    assert together == alone
    assert len(set(alone)) == len(jobs)
