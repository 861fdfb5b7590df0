"""The real Leiden pack, in each of its languages, for the renderer tests."""

from __future__ import annotations

import pytest

from samen.content import Localized, load_pack

PACK = load_pack()
LANGUAGES = PACK.languages
DOS_URL = "https://samen.example.org/nl/dos/"


@pytest.fixture(params=LANGUAGES)
def local(request: pytest.FixtureRequest) -> Localized:
    """The pack in one language (every test runs in each)."""
    return PACK.language(request.param)
