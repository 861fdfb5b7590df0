"""What users can cause, as one exception tree.

::

    SamenError                 anything a person can cause and fix; ``str()`` is an English sentence
    ├── PackError              a campaign pack that cannot be used; carries every problem found
    ├── LimitError             a text longer than a platform takes (platform, field, numbers)
    ├── InputError             bad input on the command line or in a form (file, language, platform)
    └── ConfigError            a missing or wrong ``SAMEN_*`` setting (names the variable, never its value)

Each error has a ``key`` and ``params`` so that a front end (CLI, web page, chat) can show it in the
reader's language through the string catalogues; the English ``str()`` is for logs.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import ClassVar


class SamenError(Exception):
    """Base of every error a user can cause."""

    key = "error.generic"

    def __init__(self, message: str, *, key: str | None = None, **params: object) -> None:
        super().__init__(message)
        if key is not None:
            self.key = key
        self.params: dict[str, object] = params


@dataclass(frozen=True)
class Problem:
    """One problem in a campaign pack: where it is and what is wrong.

    Attributes:
        file: the pack file.
        line: 1-based line of the offending value, or 0 when the value is missing altogether.
        field: dotted path of the field, such as ``languages.en.dos.privacy.text``.
        message: what is wrong, in English.
        key: where a front end finds the message in the reader's language (``pack.*`` in
            ``strings/errors.yaml``), with ``params``; empty for a problem said in English only.
    """

    file: str
    line: int
    field: str
    message: str
    key: str = ""
    params: dict[str, object] = dataclasses.field(default_factory=dict, compare=False)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class PackError(SamenError):
    """A campaign pack that cannot be used."""

    key = "error.pack"

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems), count=len(problems))


class LimitError(SamenError):
    """A text that does not fit a platform's limit.

    Args:
        platform: the platform, such as ``telegram``.
        field: what the text is for, such as ``chat description``.
        length: how long the text is.
        limit: how long it may be.
        unit: what is counted: ``characters`` (code points), ``utf16`` (UTF-16 code units), ``bytes`` or
            ``items``; it picks the translated text (``error.limit.<unit>``).
        name: the field's key in the limits table, such as ``description``; it picks the field's words in
            the reader's language (``limit.<platform>.<name>`` in ``strings/render.yaml``). Empty for a limit
            outside the table, which is then described with ``field``.
    """

    UNIT_WORDS: ClassVar[dict[str, str]] = {
        "characters": "characters",
        "utf16": "UTF-16 code units",
        "bytes": "bytes",
        "items": "items",
    }

    def __init__(
        self, platform: str, field: str, length: int, limit: int, unit: str = "characters", *, name: str = ""
    ) -> None:
        self.platform, self.field, self.length, self.limit, self.unit = platform, field, length, limit, unit
        self.name = name
        words = self.UNIT_WORDS.get(unit, unit)
        super().__init__(
            f"{platform} {field}: {length} {words} is longer than the limit of {limit} {words}",
            key=f"error.limit.{unit if unit in self.UNIT_WORDS else 'characters'}",
            platform=platform,
            field=field,
            length=length,
            limit=limit,
        )


class InputError(SamenError):
    """Bad input from a person: an unknown option value, an unreadable file, a folder we cannot write."""

    key = "error.input"


class ConfigError(SamenError):
    """A missing or wrong setting; names the variable, never its value."""

    key = "error.config"
