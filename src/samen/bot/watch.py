"""Watching ordinary messages: signals in, gentle nudges out, with the bot's rate limits.

The signals (``samen.signals``) say what a message likely holds; the nudge policy (``samen.bot.nudge``)
decides what to say and to whom; this module decides whether to say it *now* and how to deliver it:

- at most one nudge per author per :data:`AUTHOR_GAP` seconds in a group, one heat reminder per group per
  :data:`HEAT_GAP`, one language-mix hint to the admins per group per :data:`MIX_GAP`;
- the author hears it privately, with a "not meant that way" button (or the command where a platform has
  no buttons); where the platform cannot reach the author privately a nudge stays silent, except for a
  threat, which reminds the group of the Do without naming or quoting anyone;
- threats and sexual harassment also reach the admins, as does everything when the group's mode is
  ``admins``.

Counts per group, day, kind and Do are kept; the text is only held in memory for the conversation window
(the last few minutes) and never stored or logged.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from samen.bot.actions import Action, Body, Button, Capabilities, NotifyAdmins, Post, Private
from samen.bot.compose import say
from samen.bot.events import GroupID, Said
from samen.bot.nudge import Nudge, NudgeMode, decide_nudge, decide_window_nudge, do_of
from samen.content import Localized
from samen.signals import Analysis, Signals, Turn

#: Seconds between two nudges to the same author in a group.
AUTHOR_GAP = 300.0
#: Seconds between two heat reminders in a group.
HEAT_GAP = 1800.0
#: Seconds between two language-mix hints to a group's admins.
MIX_GAP = 7 * 86400.0
#: The conversation window for heat: at most this many messages of the last WINDOW_SECONDS.
WINDOW_TURNS = 12
WINDOW_SECONDS = 600.0
#: The longest text the signals read; the rest of a very long message is ignored.
MAX_TEXT = 4000


@dataclass
class _Group:
    window: deque[Turn] = field(default_factory=lambda: deque(maxlen=WINDOW_TURNS))
    authors: dict[str, float] = field(default_factory=dict)
    heat: float = float("-inf")
    mix: float = float("-inf")


class Watch:
    """Turns ordinary messages into nudges, for one bot.

    Args:
        signals: the loaded signals.
        capabilities: what the platform lets the bot do.
        count: records a count (group, kind, Do) in the store.
        do_url: the link to Do N in a language.
    """

    def __init__(
        self,
        signals: Signals,
        capabilities: Capabilities,
        *,
        count: Callable[[str, str, int], None],
        do_url: Callable[[str, int], str],
    ) -> None:
        self.signals = signals
        self.capabilities = capabilities
        self.count = count
        self.do_url = do_url
        self._groups: dict[str, _Group] = {}
        #: Each author's last nudge (group, Do, language), so a bare "not meant that way" in a direct chat
        #: is counted for the right group on platforms without buttons, and answered in the nudge's
        #: language. In memory only.
        self.last_nudge: dict[str, tuple[str, int, str]] = {}

    def said(self, event: Said, local: Localized, mode: str, now: float) -> list[Action]:
        """What to do about one message in a group (usually nothing)."""
        nudge_mode = NudgeMode(mode) if mode in NudgeMode.__members__.values() else NudgeMode.AUTHOR
        if nudge_mode is NudgeMode.OFF or event.direct:
            return []
        text = event.text[:MAX_TEXT]
        group = self._groups.setdefault(event.group, _Group())
        at = event.at or now
        group.window.append(Turn(author=event.user, text=text, at=at))
        analysis = self.signals.analyze(text)
        actions = self._single(event, analysis, local, nudge_mode, now, group)
        return actions + self._window(event.group, local, now, group)

    def _single(
        self, event: Said, analysis: Analysis, local: Localized, mode: NudgeMode, now: float, group: _Group
    ) -> list[Action]:
        for finding in analysis.findings:
            self.count(event.group, finding.kind, do_of(finding.kind, local))
        nudge = decide_nudge(analysis, local, mode=mode, do_url=self.do_url)
        if nudge is None:
            return []
        actions: list[Action] = []
        admins = nudge.admin_message if nudge.notify_admins else None
        recent = now - group.authors.get(event.user, float("-inf")) < AUTHOR_GAP
        if not recent:
            group.authors[event.user] = now
            self.last_nudge[event.user] = (event.group, nudge.do, nudge.lang)
            self.count(event.group, "nudge", nudge.do)
            if self.capabilities.private:
                actions.append(self._private(event, nudge))
            elif nudge.kind == "threat":
                # Nobody can be told privately: remind the whole group, naming and quoting no one.
                do = local.do(nudge.do)
                reminder = f"{do.number}. {do.text} {self.do_url(local.code, do.number)}"
                actions.append(Post(group=event.group, body=Body(reminder), purpose="reminder"))
        if admins is not None and (not recent or nudge.kind in ("threat", "sexual")):
            actions.append(NotifyAdmins(group=event.group, body=Body(admins)))
        return actions

    def _private(self, event: Said, nudge: Nudge) -> Private:
        # The button and the hint speak the nudge's language, which may be the message's, not the group's.
        if self.capabilities.buttons:
            button = Button(label=say(nudge.lang, "nudge.button"), data=f"notmeant {nudge.do} {event.group}")
            return Private(
                group=event.group,
                user=event.user,
                body=Body(nudge.message),
                fallback=False,
                buttons=(button,),
            )
        hint = say(nudge.lang, "nudge.answer", prefix=self.capabilities.prefix)
        body = Body(f"{nudge.message}\n\n{hint}")
        return Private(group=event.group, user=event.user, body=body, fallback=False)

    def _window(self, group_id: GroupID, local: Localized, now: float, group: _Group) -> list[Action]:
        while group.window and now - group.window[0].at > WINDOW_SECONDS:
            group.window.popleft()
        if len(group.window) < 3:
            return []
        nudge = decide_window_nudge(
            self.signals.assess_window(tuple(group.window)), local, do_url=self.do_url
        )
        if nudge is None:
            return []
        if nudge.kind == "heat" and now - group.heat >= HEAT_GAP:
            group.heat = now
            self.count(group_id, "heat", nudge.do)
            return [Post(group=group_id, body=Body(nudge.message), purpose="heat")]
        if nudge.kind == "language_mix" and now - group.mix >= MIX_GAP:
            group.mix = now
            self.count(group_id, "language_mix", 0)
            return [NotifyAdmins(group=group_id, body=Body(nudge.admin_message or nudge.message))]
        return []
