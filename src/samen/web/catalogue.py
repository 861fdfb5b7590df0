"""The site's translations: ``.po`` files in the repository, compiled to ``.mo`` where they are served.

Compiled catalogues are never committed; ``samen serve``, ``python -m samen.web.manage`` and the tests
compile them into the data folder (``SAMEN_DATA_DIR/locale``) with Babel, so that serving needs no
system package (GNU gettext's ``msgfmt`` is only needed to *edit* them with ``makemessages``).
"""

from __future__ import annotations

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

    A catalogue that is newer than its ``.po`` file is left as it is; a new one replaces the old at once.

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
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        try:
            with po.open("rb") as source:
                catalogue = read_po(source, abort_invalid=True)
        except (OSError, PoFileError) as exc:
            raise ConfigError(f"{po} cannot be compiled: {exc}", key="config.catalogue") from None
        mo.parent.mkdir(parents=True, exist_ok=True)
        partial = mo.with_name(f"{mo.name}.{id(catalogue)}.tmp")
        with partial.open("wb") as out:
            write_mo(out, catalogue)
        partial.replace(mo)
    return compiled
