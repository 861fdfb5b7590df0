"""The site's translations: ``.po`` files in the repository, compiled to ``.mo`` where they are served.

Compiled catalogues are never committed; ``samen serve``, ``python -m samen.web.manage`` and the tests
compile them into the data folder (``SAMEN_DATA_DIR/locale``) with Babel, so that serving needs no
system package (GNU gettext's ``msgfmt`` is only needed to *edit* them with ``makemessages``).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po

from samen.errors import ConfigError

SOURCE = Path(__file__).resolve().parent / "locale"
#: The catalogue a language without its own is served in (a third language added to the pack alone).
FALLBACK = "en"


def compile_catalogues(target: Path, languages: Iterable[str] = ()) -> list[Path]:
    """Compile every ``.po`` file of the site into ``target/<lang>/LC_MESSAGES/django.mo``.

    Every ``.po`` file is compiled (the site's two take about 40 ms together): a catalogue whose bytes are
    unchanged is left as it is, a changed one replaces the old at once. Comparing contents, not modification
    times, keeps a catalogue right when files arrive with old times (a copy that keeps them, an archive, a
    clock that differs).

    Args:
        target: the folder Django reads catalogues from (``LOCALE_PATHS``).
        languages: the languages served; one without a ``.po`` file of its own gets the English catalogue,
            so its pages speak English around the pack's text (Django would fall back to Dutch).

    Returns:
        The compiled catalogues.

    Raises:
        ConfigError: when a ``.po`` file cannot be read.
    """
    compiled: list[Path] = []
    pairs = [
        (po, target / po.relative_to(SOURCE).with_suffix(".mo"))
        for po in SOURCE.glob("*/LC_MESSAGES/django.po")
    ]
    fallback = SOURCE / FALLBACK / "LC_MESSAGES" / "django.po"
    pairs += [
        (fallback, target / code / "LC_MESSAGES" / "django.mo")
        for code in languages
        if not (SOURCE / code / "LC_MESSAGES" / "django.po").exists()
    ]
    for po, mo in sorted(pairs):
        compiled.append(mo)
        try:
            with po.open("rb") as source:
                catalogue = read_po(source, abort_invalid=True)
        except (OSError, PoFileError) as exc:
            raise ConfigError(f"{po} cannot be compiled: {exc}", key="config.catalogue") from None
        out = io.BytesIO()
        write_mo(out, catalogue)
        if mo.exists() and mo.read_bytes() == out.getvalue():
            continue
        mo.parent.mkdir(parents=True, exist_ok=True)
        partial = mo.with_name(f"{mo.name}.{id(catalogue)}.tmp")
        partial.write_bytes(out.getvalue())
        partial.replace(mo)
    return compiled
