"""One typed settings object, built at start-up from ``SAMEN_*`` environment variables.

An optional secrets file (``SAMEN_SECRETS_FILE``: ``NAME=value`` lines) supplies the same names; the
environment wins. A wrong value fails at once with a :class:`ConfigError` that names the variable and
``docs/configuration.md``, never the value. Secrets are ``SecretStr`` so they never print.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, SecretStr, ValidationError

from samen.errors import ConfigError

DOC = "docs/configuration.md"

#: Setting name → environment variable. The one place the names are spelled.
VARIABLES: dict[str, str] = {
    "base_url": "SAMEN_BASE_URL",
    "data_dir": "SAMEN_DATA_DIR",
    "database_url": "DATABASE_URL",
    "pack": "SAMEN_PACK",
    "secret_key": "SAMEN_SECRET_KEY",
    "debug": "SAMEN_DEBUG",
    "allowed_hosts": "SAMEN_ALLOWED_HOSTS",
    "matrix_homeserver": "SAMEN_MATRIX_HOMESERVER",
    "matrix_user": "SAMEN_MATRIX_USER",
    "matrix_password": "SAMEN_MATRIX_PASSWORD",
    "matrix_token": "SAMEN_MATRIX_TOKEN",
    "matrix_allowed_servers": "SAMEN_MATRIX_ALLOWED_SERVERS",
    "discord_token": "SAMEN_DISCORD_TOKEN",
    "telegram_token": "SAMEN_TELEGRAM_TOKEN",
    "report_keys": "SAMEN_REPORT_KEYS",
    "report_retention": "SAMEN_REPORT_RETENTION",
}

#: Days a closed report is kept before it is purged, unless ``SAMEN_REPORT_RETENTION`` says otherwise.
REPORT_RETENTION_DAYS = 90


class Settings(BaseModel):
    """Everything samen reads from its environment."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    base_url: str | None = None
    data_dir: Path = Path("var")
    database_url: SecretStr | None = None
    pack: Path | None = None
    secret_key: SecretStr | None = None
    debug: bool = False
    allowed_hosts: tuple[str, ...] = ("localhost", "127.0.0.1", "[::1]")
    matrix_homeserver: str | None = None
    matrix_user: str | None = None
    matrix_password: SecretStr | None = None
    matrix_token: SecretStr | None = None
    matrix_allowed_servers: tuple[str, ...] = ()
    discord_token: SecretStr | None = None
    telegram_token: SecretStr | None = None
    report_keys: tuple[SecretStr, ...] = ()
    report_retention: tuple[tuple[str, int], ...] = ()

    def retention_days(self, route: str) -> int:
        """Days a closed report of this support route is kept before it is purged (default 90)."""
        days = dict(self.report_retention)
        return days.get(route, days.get("*", REPORT_RETENTION_DAYS))

    def dos_url(self, lang: str, campaign_url: str, number: int | None = None) -> str:
        """The Do's page this deployment points to (QR code, bot links), optionally at one Do.

        Without ``SAMEN_BASE_URL`` the pack's campaign page is used, which has no per-Do anchors.
        """
        if not self.base_url:
            return campaign_url
        url = f"{self.base_url.rstrip('/')}/{lang}/dos/"
        return f"{url}#do-{number}" if number is not None else url

    def report_url(self, lang: str, campaign_url: str) -> str:
        """Where a reporter follows up with the code (the web's status page), or the campaign page when this
        deployment has no ``SAMEN_BASE_URL``."""
        if not self.base_url:
            return campaign_url
        return f"{self.base_url.rstrip('/')}/{lang}/report/status/"

    def require(self, *names: str) -> None:
        """Fail with a ConfigError naming the first of these settings that is not set."""
        for name in names:
            if getattr(self, name) in (None, "", ()):
                raise ConfigError(
                    f"{VARIABLES[name]} is not set; see {DOC}.",
                    key="config.missing",
                    variable=VARIABLES[name],
                    doc=DOC,
                )


def _read_secrets_file(path: str) -> dict[str, str]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise ConfigError(
            f"SAMEN_SECRETS_FILE cannot be read as UTF-8 text; see {DOC}.",
            key="config.secrets_file",
            variable="SAMEN_SECRETS_FILE",
            doc=DOC,
        ) from None
    values: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip().strip('"').strip("'")
    return values


#: What can be wrong with a deployment address, in English (the translations are ``config.base_url.<name>``).
BASE_URL_PROBLEMS = {
    "scheme": "must start with https:// (or http://)",
    "host": "has no host name",
    "spaces": "must not contain spaces",
    "query": "must not have a query (?…) or fragment (#…)",
}


def base_url_problem(url: str) -> str | None:
    """What keeps a deployment address from carrying the QR codes and links (a key of BASE_URL_PROBLEMS).

    The Do's page is ``<base>/<lang>/dos/``, so the address must be a plain ``https://host[/path]``: a query
    or fragment would end up in the middle of every link, and a space breaks every QR code.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return "scheme"
    if not parts.hostname:
        return "host"
    if any(c.isspace() for c in url):
        return "spaces"
    if parts.query or parts.fragment or url.endswith(("?", "#")):
        return "query"
    return None


def _retention(value: str) -> tuple[tuple[str, int], ...]:
    """``90,confidential-counsellor=30`` → ``(("*", 90), ("confidential-counsellor", 30))``.

    A bare number is the default for every route; ``route=days`` sets one route. Raises ConfigError.
    """
    found: list[tuple[str, int]] = []
    for part in (p.strip() for p in value.split(",")):
        if not part:
            continue
        route, _, days = part.rpartition("=")
        route = route.strip() or "*"
        if not days.strip().isdigit() or (route != "*" and not route.replace("-", "").isalnum()):
            raise ConfigError(
                f"SAMEN_REPORT_RETENTION has a wrong value; see {DOC}.",
                key="config.invalid",
                variable="SAMEN_REPORT_RETENTION",
                doc=DOC,
            )
        found.append((route, int(days)))
    return tuple(found)


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Build the settings from the environment (``os.environ`` by default).

    Raises:
        ConfigError: naming the first wrong variable and the doc that explains it.
    """
    env = dict(os.environ if environ is None else environ)
    if env.get("SAMEN_SECRETS_FILE"):
        env = _read_secrets_file(env["SAMEN_SECRETS_FILE"]) | env
    raw: dict[str, object] = {}
    for name, variable in VARIABLES.items():
        value = env.get(variable, "").strip()
        if not value:
            continue
        if name in ("allowed_hosts", "matrix_allowed_servers", "report_keys"):
            raw[name] = tuple(v.strip() for v in value.split(",") if v.strip())
        elif name == "report_retention":
            raw[name] = _retention(value)
        elif name == "debug":
            raw[name] = value.lower() in ("1", "true", "yes", "on")
        else:
            raw[name] = value
    try:
        settings = Settings.model_validate(raw)
    except ValidationError as exc:
        variable = VARIABLES.get(str(exc.errors()[0]["loc"][0]), "SAMEN_*")
        raise ConfigError(
            f"{variable} has a wrong value; see {DOC}.", key="config.invalid", variable=variable, doc=DOC
        ) from None
    if settings.base_url:
        problem = base_url_problem(settings.base_url)
        if problem is not None:
            raise ConfigError(
                f"SAMEN_BASE_URL {BASE_URL_PROBLEMS[problem]}, as in https://toolkit.example.edu; see {DOC}.",
                key=f"config.base_url.{problem}",
                variable="SAMEN_BASE_URL",
                doc=DOC,
            )
    return settings
