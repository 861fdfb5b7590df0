"""The site's translations: ``.po`` files in the repository, compiled to ``.mo`` where they are served.

Compiled catalogues are never committed; ``samen serve``, ``python -m samen.web.manage`` and the tests
compile them into the data folder (``SAMEN_DATA_DIR/locale``) with GNU gettext's ``msgfmt``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from samen.errors import ConfigError

SOURCE = Path(__file__).resolve().parent / "locale"


def compile_catalogues(target: Path) -> list[Path]:
    """Compile every ``.po`` file of the site into ``target/<lang>/LC_MESSAGES/django.mo``.

    A catalogue that is newer than its ``.po`` file is left as it is.

    Args:
        target: the folder Django reads catalogues from (``LOCALE_PATHS``).

    Returns:
        The compiled catalogues.

    Raises:
        ConfigError: when ``msgfmt`` is missing or a ``.po`` file does not compile.
    """
    msgfmt = shutil.which("msgfmt")
    compiled: list[Path] = []
    for po in sorted(SOURCE.glob("*/LC_MESSAGES/django.po")):
        mo = target / po.relative_to(SOURCE).with_suffix(".mo")
        compiled.append(mo)
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        if msgfmt is None:
            raise ConfigError(
                "msgfmt (GNU gettext) is needed to compile the site's translations; "
                "install Debian's gettext package (scripts/bootstrap.sh does).",
                key="config.msgfmt",
            )
        mo.parent.mkdir(parents=True, exist_ok=True)
        partial = mo.with_suffix(".mo.tmp")
        result = subprocess.run(
            [msgfmt, "--check-format", "-o", str(partial), str(po)], capture_output=True, text=True
        )
        if result.returncode != 0:
            partial.unlink(missing_ok=True)
            raise ConfigError(f"{po} does not compile: {result.stderr.strip()}", key="config.catalogue")
        partial.replace(mo)
    return compiled
