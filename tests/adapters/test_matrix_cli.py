"""``samen bot matrix`` as an operator runs it: a real process, configured from the environment, with the
database store, against the test Synapse; stopped with SIGTERM and started again."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.adapters.conftest import Human, Synapse
from tests.adapters.test_matrix import BOT, body, new_room, quotes

from samen.content import load_pack

pytestmark = pytest.mark.synapse

NL = load_pack().language("nl")
SAMEN = str(Path(sys.executable).with_name("samen"))


class Process:
    """The bot process, its environment and its output."""

    def __init__(self, synapse: Synapse, data: Path) -> None:
        bot = synapse.users["bot"]
        self.env = {
            **os.environ,
            "SAMEN_MATRIX_HOMESERVER": synapse.base_url,
            "SAMEN_MATRIX_USER": bot.user_id,
            "SAMEN_MATRIX_PASSWORD": bot.password,
            "SAMEN_DATA_DIR": str(data),
            "SAMEN_BASE_URL": "https://samen.test",
        }
        self.env.pop("DATABASE_URL", None)
        self.log = data / "bot.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start ``samen bot matrix``."""
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen([SAMEN, "bot", "matrix"], env=self.env, stdout=out, stderr=out)

    def stop(self) -> int:
        """SIGTERM, as a service manager stops it; returns the exit code."""
        assert self.proc is not None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode


@pytest.fixture
def process(synapse: Synapse, tmp_path: Path) -> Iterator[Process]:
    running = Process(synapse, tmp_path)
    yield running
    if running.proc is not None:
        running.stop()


async def test_samen_bot_matrix_onboards_and_after_a_restart_answers_what_came_in_meanwhile(
    synapse: Synapse, process: Process, humans: dict[str, Human]
) -> None:
    alice = humans["alice"]
    process.start()
    room = await new_room(alice)
    await alice.wait_for(lambda: len(alice.messages(room, BOT)) >= 3, timeout=90)
    first = await alice.send(room, "!do 2")
    await alice.wait_for(lambda: first in quotes(alice.messages(room, BOT)))
    assert "https://samen.test/nl/dos/#do-2" in body(alice.messages(room, BOT)[-1])

    assert process.stop() in (0, -signal.SIGTERM)
    while_down = await alice.send(room, "!do 3")
    process.start()
    await alice.wait_for(lambda: while_down in quotes(alice.messages(room, BOT)), timeout=90)
    last = await alice.send(room, "!do 5")
    await alice.wait_for(lambda: last in quotes(alice.messages(room, BOT)))
    await asyncio.sleep(0)

    answers = alice.messages(room, BOT)
    assert len(answers) == 3 + 3, [body(m)[:40] for m in answers]  # onboarding once, three answers
    assert NL.do(3).text in body(answers[4])
    logged = process.log.read_text(errors="replace")
    bot = synapse.users["bot"]
    assert bot.password not in logged and "!do" not in logged
    assert "Traceback" not in logged, logged[-2000:]


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"SAMEN_MATRIX_PASSWORD": "not-the-password"}, "SAMEN_MATRIX_PASSWORD"),
        ({"SAMEN_MATRIX_PASSWORD": ""}, "SAMEN_MATRIX_PASSWORD / SAMEN_MATRIX_TOKEN"),
        ({"SAMEN_MATRIX_PASSWORD": "", "SAMEN_MATRIX_TOKEN": "syt_not_a_token"}, "SAMEN_MATRIX_TOKEN"),
    ],
)
def test_refused_or_missing_credentials_end_at_once_naming_the_variable_never_its_value(
    synapse: Synapse, tmp_path: Path, change: dict[str, str], named: str
) -> None:
    env = Process(synapse, tmp_path).env | change | {"SAMEN_LANG": "en", "LANG": "C.UTF-8"}
    done = subprocess.run([SAMEN, "bot", "matrix"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr[-2000:]
    error = done.stderr.strip().splitlines()[-1]
    assert named in error and "docs/configuration.md" in error
    assert "Traceback" not in done.stderr
    for value in change.values():
        if value:
            assert value not in done.stderr + done.stdout
