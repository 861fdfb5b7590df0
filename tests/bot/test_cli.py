"""``samen bot``: a missing token ends at once with one translated line naming the variable, exit 2."""

from __future__ import annotations

import pytest

from samen.cli import main


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        main(argv)
        code = 0
    except SystemExit as exited:
        code = int(exited.code or 0)
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    ("platform", "variable"),
    [
        ("discord", "SAMEN_DISCORD_TOKEN"),
        ("telegram", "SAMEN_TELEGRAM_TOKEN"),
        ("matrix", "SAMEN_MATRIX_HOMESERVER"),
    ],
)
def test_a_missing_token_names_its_variable(
    platform: str, variable: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in (
        "SAMEN_DISCORD_TOKEN",
        "SAMEN_TELEGRAM_TOKEN",
        "SAMEN_MATRIX_HOMESERVER",
        "SAMEN_SECRETS_FILE",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SAMEN_LANG", "nl")
    code, err = run(["bot", platform], capsys)
    assert code == 2
    assert err.strip().splitlines() == [f"Fout: {variable} is niet ingesteld; zie docs/configuration.md."]


def test_an_unknown_platform_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(["bot", "irc"], capsys)
    assert code == 2 and "matrix" in err and "Traceback" not in err


def test_libraries_that_log_tokens_or_message_text_stay_quiet_even_when_verbose() -> None:
    import logging

    from samen.cli.bot import configure_logging

    root = logging.getLogger()
    before = root.level
    try:
        configure_logging(verbose=True)
        for name in ("httpx", "telegram.ext", "discord.gateway", "discord.http"):
            assert logging.getLogger(name).getEffectiveLevel() >= logging.WARNING, name
        assert logging.getLogger("samen.bot").getEffectiveLevel() == logging.DEBUG
    finally:
        root.setLevel(before)
