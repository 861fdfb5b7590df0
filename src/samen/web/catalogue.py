"""The site's translations: ``.po`` files in the repository, compiled to ``.mo`` where they are served.

Compiled catalogues are never committed; ``samen serve``, ``python -m samen.web.manage`` and the tests
compile them into the data folder (``SAMEN_DATA_DIR/locale``) with Babel, so that serving needs no
system package (GNU gettext's ``msgfmt`` is only needed to *edit* them with ``makemessages``).
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po

from samen.errors import ConfigError

SOURCE = Path(__file__).resolve().parent / "locale"


def compile_catalogues(target: Path) -> list[Path]:
    """Compile every ``.po`` file of the site into ``target/<lang>/LC_MESSAGES/django.mo``.

    A catalogue that is newer than its ``.po`` file is left as it is; a new one replaces the old at once.

    Args:
        target: the folder Django reads catalogues from (``LOCALE_PATHS``).

    Returns:
        The compiled catalogues.

    Raises:
        ConfigError: when a ``.po`` file cannot be read.
    """
    compiled: list[Path] = []
    for po in sorted(SOURCE.glob("*/LC_MESSAGES/django.po")):
        mo = target / po.relative_to(SOURCE).with_suffix(".mo")
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
