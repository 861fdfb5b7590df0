"""The words of a report and its replies, sealed at rest with Fernet (AES-128-CBC with HMAC-SHA256, from
the maintained ``cryptography`` library), so that they cannot be read in the database or its files.

Keys come from ``SAMEN_REPORT_KEYS`` (comma-separated Fernet keys): the first seals, all of them open, so a
key is rotated by putting a new one first, running ``samen reports rekey`` and then dropping the old one.
Without the setting, one key is generated once into ``SAMEN_DATA_DIR/report_keys`` (mode 0600); keep that
file (and its backup) apart from the database's backups, or the backups hold the key beside the lock.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

from samen.errors import ConfigError

KEY_FILE = "report_keys"


def key_file() -> Path:
    """Where the generated key is kept when ``SAMEN_REPORT_KEYS`` is not set."""
    return Path(settings.DATA_DIR) / KEY_FILE


def _generated_keys() -> list[str]:
    """The data folder's key, generated (0600, created exclusively so two workers agree) when missing."""
    path = key_file()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(Fernet.generate_key().decode("ascii") + "\n")
            out.flush()
            os.fsync(out.fileno())
    keys = [k.strip() for k in path.read_text(encoding="ascii").replace(",", "\n").splitlines() if k.strip()]
    if not keys:  # a second worker read it between create and write: the first one writes in microseconds
        raise ConfigError(
            f"The report key file {path} is empty; see docs/reports.md.",
            key="config.invalid",
            variable="SAMEN_REPORT_KEYS",
            doc="docs/reports.md",
        )
    return keys


@cache
def sealer() -> MultiFernet:
    """The keys in use: ``SAMEN_REPORT_KEYS`` when set, else the data folder's generated key.

    Raises:
        ConfigError: naming ``SAMEN_REPORT_KEYS`` (never its value) when a key is not a Fernet key.
    """
    configured = [k.get_secret_value() for k in settings.SAMEN.report_keys]
    keys = configured or _generated_keys()
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError:
        raise ConfigError(
            "SAMEN_REPORT_KEYS has a wrong value (each key is 32 bytes in url-safe base64, as "
            "`samen reports new-key` prints); see docs/configuration.md.",
            key="config.invalid",
            variable="SAMEN_REPORT_KEYS",
            doc="docs/configuration.md",
        ) from None


def seal(value: dict[str, Any]) -> str:
    """A JSON-able value sealed with the first key (a Fernet token, ASCII)."""
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return sealer().encrypt(data).decode("ascii")


def unseal(token: str) -> dict[str, Any]:
    """The value of a token sealed with any of the keys.

    Raises:
        ConfigError: when no key in use opens it (a key was dropped before ``samen reports rekey``).
    """
    try:
        value: dict[str, Any] = json.loads(sealer().decrypt(token.encode("ascii")))
    except InvalidToken:
        raise ConfigError(
            "A report cannot be opened with the keys in SAMEN_REPORT_KEYS; see docs/reports.md.",
            key="config.invalid",
            variable="SAMEN_REPORT_KEYS",
            doc="docs/reports.md",
        ) from None
    return value


def reseal(token: str) -> str:
    """The same value sealed with the first key (for key rotation)."""
    return sealer().rotate(token.encode("ascii")).decode("ascii")


def new_key() -> str:
    """A fresh Fernet key for ``SAMEN_REPORT_KEYS``."""
    return Fernet.generate_key().decode("ascii")
