"""Settings come from SAMEN_* variables; wrong values name the variable, never the value."""

from __future__ import annotations

from pathlib import Path

import pytest

from samen.errors import ConfigError
from samen.settings import load_settings

CAMPAIGN = "https://www.universiteitleiden.nl/sociale-veiligheid-online-leeromgeving"


def test_defaults_need_no_configuration() -> None:
    settings = load_settings({})
    assert settings.data_dir == Path("var")
    assert settings.database_url is None
    assert settings.dos_url("nl", CAMPAIGN) == CAMPAIGN
    assert settings.dos_url("nl", CAMPAIGN, 4) == CAMPAIGN


def test_base_url_points_the_dos_links_at_this_deployment() -> None:
    settings = load_settings({"SAMEN_BASE_URL": "https://samen.example.edu/"})
    assert settings.dos_url("en", CAMPAIGN) == "https://samen.example.edu/en/dos/"
    assert settings.dos_url("nl", CAMPAIGN, 4) == "https://samen.example.edu/nl/dos/#do-4"


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("samen.example.edu", "https://"),
        ("http://", "no host name"),
        ("https://exa mple.org", "spaces"),
        ("https://example.org/?q=1#frag", "query"),
        ("https://example.org/#", "fragment"),
    ],
)
def test_a_base_url_that_would_break_the_links_is_refused_with_the_reason(url: str, why: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings({"SAMEN_BASE_URL": url})
    assert "SAMEN_BASE_URL" in str(caught.value) and why in str(caught.value)


def test_a_base_url_with_a_path_is_kept() -> None:
    settings = load_settings({"SAMEN_BASE_URL": "https://www.example.edu/samen"})
    assert settings.dos_url("nl", CAMPAIGN, 2) == "https://www.example.edu/samen/nl/dos/#do-2"


def test_secrets_never_print_and_the_environment_wins_over_the_file(tmp_path: Path) -> None:
    secrets = tmp_path / "secrets.env"
    secrets.write_text("# bot tokens\nSAMEN_TELEGRAM_TOKEN=123:from-file\nSAMEN_DISCORD_TOKEN=from-file\n")
    settings = load_settings({"SAMEN_SECRETS_FILE": str(secrets), "SAMEN_DISCORD_TOKEN": "from-env"})
    assert (
        settings.telegram_token is not None and settings.telegram_token.get_secret_value() == "123:from-file"
    )
    assert settings.discord_token is not None and settings.discord_token.get_secret_value() == "from-env"
    assert "from-env" not in repr(settings) and "from-file" not in str(settings)


def test_require_names_the_missing_variable() -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings({}).require("matrix_homeserver")
    assert "SAMEN_MATRIX_HOMESERVER" in str(caught.value) and "docs/configuration.md" in str(caught.value)


def test_an_unreadable_secrets_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="SAMEN_SECRETS_FILE"):
        load_settings({"SAMEN_SECRETS_FILE": str(tmp_path / "missing")})
