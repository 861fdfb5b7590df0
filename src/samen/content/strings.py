"""The product's own UI strings (not the campaign's text) for the CLI, renderers and the bot.

One YAML catalogue per area in ``strings/`` (``cli.yaml``, ``render.yaml``, ``bot.yaml``…), each key
holding its text per language::

    kit.wrote:
      nl: "{count} bestanden geschreven in {folder}"
      en: "Wrote {count} files to {folder}"

A missing language falls back to English. A number's noun takes its plural in the text itself:
``{count} {count:probleem|problemen}`` says "1 probleem", "2 problemen" (and "0 problemen"). The web app uses
Django's own gettext catalogues instead, which its templates need.
"""

from __future__ import annotations

import string
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from samen.errors import LimitError, Problem, SamenError

_FOLDER = Path(__file__).parent / "strings"
FALLBACK = "en"


class _Words(string.Formatter):
    """``str.format`` that also takes a plural: ``{count:one|other}`` is ``one`` for the number 1 and
    ``other`` for any other number."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        if "|" in format_spec and isinstance(value, int) and not isinstance(value, bool):
            one, _, other = format_spec.partition("|")
            return one if value == 1 else other
        return super().format_field(value, format_spec)


_WORDS = _Words()


class Strings:
    """One area's catalogue."""

    def __init__(self, area: str, table: dict[str, dict[str, str]]) -> None:
        self.area = area
        self.table = table

    def get(self, lang: str, key: str, **values: object) -> str:
        """The text for a key in a language, with its ``{placeholders}`` filled.

        Raises:
            KeyError: for a key the catalogue does not have (a bug, not a user error).
        """
        texts = self.table[key]
        text = texts.get(lang) or texts[FALLBACK]
        return _WORDS.format(text, **values) if values else text

    def languages(self, key: str) -> dict[str, str]:
        """Every language's text for a key (for commands that answer to both names)."""
        return dict(self.table[key])


@cache
def load_strings(area: str) -> Strings:
    """Load the catalogue of one area (``strings/<area>.yaml``)."""
    with (_FOLDER / f"{area}.yaml").open(encoding="utf-8") as f:
        table = yaml.safe_load(f) or {}
    return Strings(area, table)


def describe_error(exc: SamenError, lang: str) -> str:
    """A user error as a sentence in a language, for the CLI, a web page or a chat.

    The error's ``key`` names its text: ``area:name`` is looked up in ``strings/<area>.yaml``, a plain
    ``name`` in ``strings/errors.yaml``. An error without its own text falls back to its English message.
    """
    area, _, name = exc.key.rpartition(":")
    catalogue = load_strings(area or "errors")
    if name in catalogue.table and name not in ("error.generic", "error.input", "error.config"):
        params = exc.params
        if isinstance(exc, LimitError):
            params = params | {
                "platform": platform_name(exc.platform, lang),
                "field": limit_words(exc.platform, exc.name, lang, exc.field),
            }
        return catalogue.get(lang, name, **params)
    return str(exc)


def describe_problem(problem: Problem, lang: str) -> str:
    """One pack problem as a line in a language: file, line and field, then what is wrong."""
    return f"{problem.file}:{problem.line}: {problem.field}: {problem_words(problem, lang)}"


def problem_words(problem: Problem, lang: str) -> str:
    """What is wrong in a pack, in a language: the words of its ``key`` (``pack.*`` in ``errors.yaml``), or
    its English message where the catalogue has none."""
    if not problem.key or problem.key not in load_strings("errors").table:
        return problem.message
    return pack_words(problem.key, lang, problem.params)


def pack_words(key: str, lang: str, params: dict[str, object]) -> str:
    """The words of a pack problem's key in a language, its params filled; a ``platform`` param is said as
    people write it, and with ``limit_name`` (a field of the limits table) its ``field`` in that language."""
    platform = params.get("platform")
    if isinstance(platform, str):
        params = params | {"platform": platform_name(platform, lang)}
        if "limit_name" in params:
            fallback = str(params.get("field", ""))
            params["field"] = limit_words(platform, str(params["limit_name"]), lang, fallback)
    return load_strings("errors").get(lang, key, **params)


def platform_name(platform: str, lang: str) -> str:
    """A platform's own name as people write it (``MS Teams`` for ``teams``), or the id for an unknown one."""
    key = f"platform.{platform}"
    render = load_strings("render")
    return render.get(lang, key) if key in render.table else platform


def limit_words(platform: str, name: str, lang: str, fallback: str) -> str:
    """A field of the limits table in words, in a language (``limit.<platform>.<name>`` in render.yaml).

    ``fallback`` (the English ``what``) serves for a field the catalogue does not know.
    """
    key = f"limit.{platform}.{name}"
    render = load_strings("render")
    return render.get(lang, key) if key in render.table else fallback
