"""The bot core: platform-neutral events in, actions out.

:class:`Bot` is what every adapter drives. It is synchronous and fast (the store is the only I/O), so an
adapter calls :meth:`Bot.handle` for each event (from a worker thread when its store is a database; see
:class:`samen.bot.connection.Worker`) and carries out the actions it returns, in order.

A failure inside one handler is logged (its kind, never the message text) and answered with a short
apology when it was a command; it never stops the bot.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from samen.bot import compose
from samen.bot.actions import Action, Body, Capabilities, Describe, Image, NotifyAdmins, Post, Private, Reply
from samen.bot.commands import Option, command, keyword, resolve
from samen.bot.events import Added, Command, Event, GroupID, Joined, Moved, Refused, Said, UserID
from samen.bot.report import EXPIRE as REPORT_EXPIRE
from samen.bot.report import TEXT_MAX as REPORT_TEXT_MAX
from samen.bot.report import Dialog as ReportDialog
from samen.bot.report import Filed as ReportFiled
from samen.bot.report import words as report_words
from samen.bot.store import ADMINS, NUDGE_MODES, GroupState, ReportView, Store
from samen.bot.watch import Watch
from samen.content import FaqEntry, Localized, Pack, load_strings
from samen.render import (
    Message,
    illustration,
    illustration_alt,
    render_do,
    render_dos,
    render_intro,
    render_topic,
)
from samen.signals import Signals

log = logging.getLogger("samen.bot")

#: Makes the Do's poster for a language and the Do's link: PNG bytes and its alt text.
Illustrate = Callable[[Localized, str], tuple[bytes, str]]

#: The link to the Do's page for a language, optionally at one Do (``Settings.dos_url`` bound to a pack).
DosUrl = Callable[[str, int | None], str]

#: Wrong follow-up codes a user may try within CODE_WINDOW seconds (as the web's limit).
CODE_TRIES = 10
CODE_WINDOW = 15 * 60

#: More words than any command reads; the rest of a long message is ignored.
MAX_ARGS = 8


def poster(local: Localized, dos_url: str) -> tuple[bytes, str]:
    """The Do's illustration as a PNG, with its alt text (an :data:`Illustrate` for :class:`Bot`)."""
    return illustration(local, dos_url=dos_url), illustration_alt(local)


class Bot:
    """The platform-neutral bot: one per adapter connection.

    Args:
        pack: the campaign pack.
        store: where group settings and counts live.
        capabilities: what the adapter's platform allows.
        dos_url: the Do's page for a language and optionally a Do number.
        signals: the loaded signals, for nudges; None: the bot only answers commands.
        illustrate: makes the Do's poster (``samen.render.illustration``); None sends the Do's as text only.
        clock: seconds since the epoch (tests pass their own).
    """

    def __init__(
        self,
        pack: Pack,
        store: Store,
        capabilities: Capabilities,
        *,
        dos_url: DosUrl,
        illustrate: Illustrate | None = None,
        signals: Signals | None = None,
        clock: Callable[[], float] = time.time,
        report_url: Callable[[str], str] | None = None,
    ) -> None:
        self.pack = pack
        self.store = store
        self.capabilities = capabilities
        self.dos_url = dos_url
        self.clock = clock
        # Where a reporter follows up with the code, per language (the web's /<lang>/report/status/).
        self.report_url = report_url or pack.campaign_page
        # Report dialogs in progress, by user: held in memory only until filed (or EXPIRE), never logged.
        self._reports: dict[str, ReportDialog] = {}
        # Who filed each report relayed to a group's admins, by report number, so that the admins' answers
        # reach them at once: in memory only (an anonymous reporter's account is never stored with the
        # report); after a restart the reporter reads the answers with the code.
        self._reporters: dict[int, tuple[GroupID, UserID]] = {}
        # Wrong follow-up codes per user, for the guessing limit (times, in memory only).
        self._code_failures: dict[str, list[float]] = {}
        self.illustrate = illustrate
        self._images: dict[str, Image] = {}
        self.watch = (
            Watch(signals, capabilities, count=self._count, do_url=self._url) if signals is not None else None
        )
        self.platform = capabilities.platform
        self.prefix = capabilities.prefix
        self._groups: dict[str, GroupState] = {}
        self._handlers: dict[type, Callable[[Event, GroupState], list[Action]]] = {
            Added: self._added,
            Joined: self._joined,
            Command: self._command,
            Said: self._said,
            Refused: self._refused,
            Moved: self._moved,
        }

    # -- the one entry point ---------------------------------------------------------------------------

    def handle(self, event: Event) -> list[Action]:
        """Handle one event and return what the adapter should do, in order.

        Events at or before the last one handled in their group are ignored (a reconnect replaying
        history). Never raises: a failing handler, or a store that is down, is logged and answered with a
        short apology where the event was a command.
        """
        try:
            return self._handle(event)
        except Exception as exc:
            _log_failure(event, self.platform, exc)
            if isinstance(event, Command):
                lang = self.pack.default_language
                return [Reply(group=event.group, body=compose.say_body(self.platform, lang, "error"))]
            return []

    def _handle(self, event: Event) -> list[Action]:
        direct = isinstance(event, Command | Said) and event.direct
        state = GroupState(self.platform, event.group) if direct else self.group(event.group)
        if not direct and self._handled(state, event):
            return []
        try:
            actions = self._handlers[type(event)](event, state)
        except Exception as exc:
            _log_failure(event, self.platform, exc)
            actions = []
            if isinstance(event, Command):
                lang = self.language(state)
                actions = [Reply(group=event.group, body=compose.say_body(self.platform, lang, "error"))]
        if not direct and (event.position is not None or event.event_id is not None):
            self._save(
                replace(self.group(event.group), last_position=event.position, last_event=event.event_id)
            )
        return actions

    # -- state -----------------------------------------------------------------------------------------

    def group(self, group: GroupID | str) -> GroupState:
        """A group's state (defaults for a group never seen)."""
        state = self._groups.get(group)
        if state is None:
            record = self.store.load_group(self.platform, group)
            state = record if record is not None else GroupState(self.platform, group)
            self._groups[group] = state
        return state

    def _save(self, state: GroupState) -> None:
        self.store.save_group(state)
        self._groups[state.group] = state

    def language(self, state: GroupState) -> str:
        """The group's language: its own setting, else the pack's default."""
        return state.language or self.pack.default_language

    def _local(self, state: GroupState) -> Localized:
        return self.pack.language(self.language(state))

    def _count(self, group: str, kind: str, do: int = 0) -> None:
        day = datetime.fromtimestamp(self.clock(), UTC).date()
        self.store.add_count(self.platform, group, day=day, kind=kind, do=do)

    @staticmethod
    def _handled(state: GroupState, event: Event) -> bool:
        if event.event_id is not None and event.event_id == state.last_event:
            return True
        if event.position is None or state.last_position is None:
            return False
        # Two events may share a position (a Matrix timestamp); their ids tell them apart.
        if event.position == state.last_position:
            return event.event_id is None or state.last_event is None
        return event.position < state.last_position

    def _url(self, lang: str, number: int | None = None) -> str:
        return self.dos_url(lang, number)

    # -- events ----------------------------------------------------------------------------------------

    def _added(self, event: Event, state: GroupState) -> list[Action]:
        assert isinstance(event, Added)
        if state.onboarded:
            return []
        return self._onboarding(state)

    def _onboarding(self, state: GroupState) -> list[Action]:
        local = self._local(state)
        group = GroupID(state.group)
        url = self._url(local.code)
        intro = render_intro(local, self.platform)
        dos = render_dos(local, self.platform, dos_url=url)
        topic = render_topic(local, self.platform, dos_url=url)
        short = local.fill(local.text.description_short, dos_link=url)
        self._save(replace(self.group(state.group), onboarded=True))
        return [
            Post(group=group, body=_body(intro), purpose="intro"),
            Post(group=group, body=_body(dos), image=self._illustration(local), pin=True, purpose="dos"),
            Describe(group=group, text=topic, short=short),
        ]

    def _illustration(self, local: Localized) -> Image | None:
        """The Do's poster, made once per language (None where the platform takes no images)."""
        if not self.capabilities.images or self.illustrate is None:
            return None
        image = self._images.get(local.code)
        if image is None:
            try:
                data, alt = self.illustrate(local, self._url(local.code))
            except Exception as exc:
                # The Do's still go out as text; the poster is tried again next time.
                log.error("drawing the poster failed: %s", type(exc).__name__)
                return None
            image = self._images[local.code] = Image(data=data, alt=alt)
        return image

    def _joined(self, event: Event, state: GroupState) -> list[Action]:
        assert isinstance(event, Joined)
        if not state.welcome:
            return []
        local = self._local(state)
        return [
            Post(
                group=event.group,
                body=compose.welcome(local, self.platform, self._url(local.code)),
                purpose="welcome",
            )
        ]

    def _said(self, event: Event, state: GroupState) -> list[Action]:
        assert isinstance(event, Said)
        if event.direct and event.user in self._reports:
            return self._report_step(event)
        actions = self._watch(event, state)
        if event.unknown_command and not any(
            isinstance(a, Private) and a.user == event.user for a in actions
        ):
            # A mistyped command: a hint to the member alone, which repeats nothing they wrote.
            hint = compose.say_body(self.platform, self.language(state), "unknown", prefix=self.prefix)
            actions.append(Private(group=event.group, user=event.user, body=hint, fallback=False))
        return actions

    def _watch(self, event: Said, state: GroupState) -> list[Action]:
        """What the signals make of a member's words in a group (nothing in a direct chat)."""
        if self.watch is None or event.direct:
            return []
        return self.watch.said(event, self._local(state), state.nudges, self.clock())

    def _moved(self, event: Event, state: GroupState) -> list[Action]:
        assert isinstance(event, Moved)
        if self.store.load_group(self.platform, event.to) is None:
            self._save(replace(state, group=event.to, last_position=None, last_event=None))
        return []

    def _refused(self, event: Event, state: GroupState) -> list[Action]:
        assert isinstance(event, Refused)
        if event.permission in state.warnings:
            return []
        self._save(replace(state, warnings=state.warnings | {event.permission}))
        lang = self.language(state)
        known = f"permission.{event.permission}" in load_strings("bot").table
        key = f"permission.{event.permission}" if known else "permission.other"
        return [
            NotifyAdmins(
                group=event.group,
                body=compose.say_body(self.platform, lang, key, permission=event.permission),
            )
        ]

    # -- commands --------------------------------------------------------------------------------------

    def _command(self, event: Event, state: GroupState) -> list[Action]:
        assert isinstance(event, Command)
        found = resolve(event.name)
        if event.direct:
            # In a direct chat there is no group language: a Dutch name gets Dutch, else the default.
            named = found[1] if found else None
            lang = named if named in self.pack.languages else self.pack.default_language
            state = replace(state, language=lang)
        lang = self.language(state)
        if found is None:
            answer = self._mistake(event, lang, "unknown", prefix=self.prefix)
        else:
            spec, _ = found
            if spec.group_only and event.direct:
                answer = self._mistake(event, lang, "group_only")
            elif spec.admin and not event.is_admin:
                answer = self._mistake(event, lang, "admin_only")
            else:
                answer = spec.handler(self, event, state, self.pack.language(lang))
        # The signals read a command's words as they read any message: `!faq <abuse>` is abuse all the same.
        if event.text and event.args:
            answer += self._watch(_as_said(event), state)
        return answer

    def _reply(self, event: Command, body: Body) -> Reply:
        return Reply(group=event.group, body=body, quote=event.message_id)

    def _private(self, event: Command, body: Body) -> Private:
        return Private(group=event.group, user=event.user, body=body)

    def _answer(self, event: Command, lang: str, key: str, **values: object) -> list[Action]:
        """One of the bot's strings as the public answer to a command, quoting it."""
        return [self._reply(event, compose.say_body(self.platform, lang, key, **values))]

    def _mistake(self, event: Command, lang: str, key: str, **values: object) -> list[Action]:
        """The answer to a member's mistake: to them alone where the platform allows, and never repeating
        their words (a bot that echoes what it is given can be made to say anything)."""
        return [self._private(event, compose.say_body(self.platform, lang, key, **values))]

    @command("dos")
    def _cmd_dos(self, event: Command, state: GroupState, local: Localized) -> list[Action]:
        return [self._reply(event, _body(render_dos(local, self.platform, dos_url=self._url(local.code))))]

    @command("do", option=Option("number", "number"))
    def _cmd_do(self, event: Command, state: GroupState, local: Localized) -> list[Action]:
        number = _number(_arg(event, 0))
        if number is None or not 1 <= number <= len(local.dos):
            return self._mistake(event, local.code, "do.which", count=len(local.dos), prefix=self.prefix)
        do = local.do(number)
        if not event.direct:
            self._count(event.group, "point", number)
        body = _body(render_do(local, do.number, self.platform, do_url=self._url(local.code, number)))
        return [Reply(group=event.group, body=body, quote=event.reply_to or event.message_id)]

    @command("help", admin_view=True)
    def _cmd_help(self, event: Command, state: GroupState, local: Localized) -> list[Action]:
        body = compose.help_text(
            local, self.platform, self.prefix, menus=self.capabilities.menus, admin=event.is_admin
        )
        return [self._private(event, body)]

    @command("faq", option=Option("topic", "faq"))
    def _cmd_faq(self, event: Command, state: GroupState, local: Localized) -> list[Action]:
        topics = compose.faq_topics(local)
        if not event.args:
            return self._answer(
                event,
                local.code,
                "faq.topics",
                topics=", ".join(topics),
                example=topics[0],
                prefix=self.prefix,
            )
        wanted = "-".join(a.casefold() for a in event.args[:MAX_ARGS])
        entry = local.faq_topic(wanted) or _faq_any(self.pack, local, wanted)
        if entry is None:
            return self._mistake(
                event, local.code, "faq.unknown", topics=", ".join(topics), prefix=self.prefix
            )
        return [self._reply(event, compose.faq(entry, self.platform))]

    @command("see")
    def _cmd_see(self, event: Command, state: GroupState, local: Localized) -> list[Action]:
        if event.reply_to is None:
            # Nothing to acknowledge: "seen" about the member's own command would mean nothing.
            key = "see.how.menu" if self.capabilities.menus else "see.how"
            return self._mistake(event, local.code, key, prefix=self.prefix)
        if not event.direct:
            self._count(event.group, "seen")
        body = compose.seen(local, self.platform, self.prefix)
        return [Reply(group=event.group, body=body, quote=event.reply_to)]

    @command("lang", admin=True, group_only=True, option=Option("choice", "languages"))
    def _cmd_lang(self, event: Command, state: GroupState, local: Localized) -> list[Action]:
        word = _arg(event, 0)
        code = next(
            (c for c in self.pack.languages if word in (c, self.pack.language(c).text.name.casefold())), None
        )
        if code is None:
            choices = ", ".join(self.pack.languages)
            return self._mistake(event, local.code, "lang.which", choices=choices, prefix=self.prefix)
        self._save(replace(self.group(event.group), language=code))
        return self._answer(event, code, "lang.set")

    @command("welcome", admin=True, group_only=True, option=Option("choice", "choices", ("on", "off")))
    def _cmd_welcome(self, event: Command, state: GroupState, local: Localized) -> list[Action]:
        word = keyword(_arg(event, 0), ("on", "off"))
        if word is None:
            return self._mistake(event, local.code, "welcome.which", prefix=self.prefix)
        self._save(replace(self.group(event.group), welcome=word == "on"))
        return self._answer(event, local.code, f"welcome.{word}")

    @command("onboard", admin=True, group_only=True)
    def _cmd_onboard(self, event: Command, state: GroupState, local: Localized) -> list[Action]:
        return self._onboarding(state)

    @command("nudges", admin=True, group_only=True, option=Option("choice", "choices", NUDGE_MODES))
    def _cmd_nudges(self, event: Command, state: GroupState, local: Localized) -> list[Action]:
        mode = keyword(_arg(event, 0), NUDGE_MODES)
        if mode is None:
            return self._mistake(event, local.code, "nudges.which", prefix=self.prefix)
        self._save(replace(self.group(event.group), nudges=mode))
        return self._answer(event, local.code, f"nudges.{mode}")

    @command("report")
    def _cmd_report(self, event: Command, state: GroupState, local: Localized) -> list[Action]:
        """Start a confidential report in a private conversation; nothing is said in the group. In a private
        chat, ``!melden CODE`` shows the report and its replies, ``!melden CODE <answer>`` answers and
        ``!melden CODE intrekken`` withdraws (deletes) it."""
        if event.args:
            return self._report_code(event, local)
        routes = self.store.staffed(self.pack.spec.reports.routes)  # only routes someone can read
        group_route = self.pack.spec.reports.group_route
        # The group's own admins, reached through the bot; not when the report is about a message whose
        # author the platform did not say, who could be one of them (a report never reaches its subject).
        unknown_author = event.reply_to is not None and event.reply_author is None
        if group_route and not event.direct and not unknown_author and group_route not in routes:
            routes += (group_route,)
        if not routes:
            body = compose.say_body(self.platform, local.code, "report.none", prefix=self.prefix)
            return [Private(group=event.group, user=event.user, body=body, fallback=False)]
        replied = not event.direct and event.reply_to is not None
        dialog = ReportDialog(
            local.code,
            routes,
            link=f"{self.platform}:{event.group}/{event.reply_to}" if replied else "",
            group="" if event.direct else event.group,
            about=(event.reply_author or "") if replied else "",
            started=self.clock(),
        )
        self._reports[event.user] = dialog
        question = dialog.opening(local)
        body = compose.say_body(self.platform, local.code, question.key, **question.values)
        return [Private(group=event.group, user=event.user, body=body, fallback=False)]

    def _report_code(self, event: Command, local: Localized) -> list[Action]:
        """Follow a report up with its code, in a private chat only (a code in a group is refused)."""

        def say(key: str, **values: object) -> list[Action]:
            body = compose.say_body(self.platform, local.code, key, prefix=self.prefix, **values)
            return [Private(group=event.group, user=event.user, body=body, fallback=False)]

        if not event.direct:
            return say("report.code_private")
        now = self.clock()
        tries = [t for t in self._code_failures.get(event.user, []) if now - t < CODE_WINDOW]
        if len(tries) >= CODE_TRIES:
            return say("report.code_refused")
        code, rest = event.args[0], " ".join(event.args[1:])
        if event.text:  # the answer as typed, lines and all: everything after the code
            at = event.text.find(code)
            rest = event.text[at + len(code) :].strip() if at >= 0 else rest
        view = self.store.report_view(code)
        if view is None:
            self._code_failures[event.user] = [*tries, now]
            return say("report.code_wrong")
        route = next((r.name for r in local.support if r.id == view.route), view.route)
        if view.side == ADMINS:
            return self._report_admins(event, local, view, code, rest)
        if rest.casefold() in report_words(local.code, "report.word.withdraw"):
            self.store.withdraw_report(code)
            self._reporters.pop(view.case, None)
            return say("report.withdrawn")
        if rest:
            answer = rest[:REPORT_TEXT_MAX]
            if not self.store.answer_report(code, answer):
                return say("report.closed")
            if view.group:
                self._reporters[view.case] = (event.group, event.user)
                return [
                    *say("report.answered", route=route),
                    self._to_admins(view, "report.admins.answer", answer),
                ]
            return say("report.answered", route=route)
        you = compose.say(local.code, "report.view.you")
        lines = [f"{you if author == 'reporter' else route}: {text}" for author, text in view.conversation]
        return say(
            "report.view",
            route=route,
            status=compose.say(local.code, f"report.status.{view.status}"),
            conversation="\n\n".join(lines),
            code=code,
        )

    def _report_admins(
        self, event: Command, local: Localized, view: ReportView, code: str, rest: str
    ) -> list[Action]:
        """A group's admin follows up a report relayed to them, with the admins' code: read it, or answer
        (the answer reaches the reporter at once where the bot still knows them, else with their code)."""

        def say(key: str, **values: object) -> list[Action]:
            body = compose.say_body(self.platform, local.code, key, prefix=self.prefix, **values)
            return [Private(group=event.group, user=event.user, body=body, fallback=False)]

        if event.user == view.left_out:
            return say("report.code_wrong")  # the one it is about never reads it, even with the code
        if rest.casefold() in report_words(local.code, "report.word.withdraw"):
            return say("report.admins.no_withdraw")
        if rest:
            answer = rest[:REPORT_TEXT_MAX]
            if not self.store.answer_report(code, answer):
                return say("report.closed")
            actions = say("report.admins.sent", case=view.case)
            reporter = self._reporters.get(view.case)
            if reporter is not None:
                route = next((r.name for r in local.support if r.id == view.route), view.route)
                body = compose.say_body(
                    self.platform, local.code, "report.reply", route=route, text=answer, prefix=self.prefix
                )
                actions.append(Private(group=reporter[0], user=reporter[1], body=body, fallback=False))
            return actions
        reporter_label = compose.say(local.code, "report.admins.reporter")
        admins_label = compose.say(local.code, "report.admins.you")
        lines = [
            f"{reporter_label if author == 'reporter' else admins_label}: {text}"
            for author, text in view.conversation
        ]
        return say(
            "report.admins.view",
            case=view.case,
            status=compose.say(local.code, f"report.status.{view.status}"),
            conversation="\n\n".join(lines),
            code=code,
        )

    def _to_admins(self, view: ReportView, key: str, text: str, **values: object) -> NotifyAdmins:
        """A message about a relayed report to its group's admins, leaving out the one it is about; in the
        group's language."""
        lang = self.language(self.group(view.group))
        body = compose.say_body(
            self.platform, lang, key, case=view.case, text=text, prefix=self.prefix, **values
        )
        return NotifyAdmins(
            group=GroupID(view.group), body=body, leave_out=UserID(view.left_out) if view.left_out else None
        )

    def _report_step(self, event: Said) -> list[Action]:
        """The reporter's next answer in the private conversation."""
        dialog = self._reports.pop(event.user)
        if self.clock() - dialog.started > REPORT_EXPIRE:
            return self._said(event, GroupState(self.platform, event.group))
        following, question, filed = dialog.answer(event.text)
        if following is not None:
            self._reports[event.user] = following
        values = dict(question.values)
        key = question.key
        relayed: list[Action] = []
        if filed is not None:
            local = self.pack.language(dialog.lang)
            code = self.store.file_report(
                route=filed.route,
                text=filed.text,
                language=dialog.lang,
                platform=self.platform,
                name=filed.name,
                special=filed.special,
                link=filed.link,
            )
            values["code"] = code
            values["route"] = next((r.name for r in local.support if r.id == filed.route), filed.route)
            values["url"] = self.report_url(dialog.lang)
            if filed.route == self.pack.spec.reports.group_route and dialog.group:
                key = "report.filed.admins"
                values["prefix"] = self.prefix
                values["anon"] = "" if filed.name else compose.say(dialog.lang, "report.filed.anonymous")
                relayed = self._relay(event, dialog, code, filed)
        body = compose.say_body(self.platform, dialog.lang, key, **values)
        return [Private(group=event.group, user=event.user, body=body, fallback=False), *relayed]

    def _relay(self, event: Said, dialog: ReportDialog, code: str, filed: ReportFiled) -> list[Action]:
        """A report to the group's admins: to each of them privately through the bot, with their own code
        to read and answer it, the reporter's name only when given, and never to the one it is about (the
        reporter is told when that was an admin)."""
        admins_code, case = self.store.relay_report(code, group=dialog.group, left_out=dialog.about)
        self._reporters[case] = (event.group, event.user)
        lang = self.language(self.group(dialog.group))
        who = (
            compose.say(lang, "report.admins.named", name=filed.name)
            if filed.name
            else compose.say(lang, "report.admins.anonymous")
        )
        link = compose.say(lang, "report.admins.link", link=filed.link) if filed.link else ""
        body = compose.say_body(
            self.platform,
            lang,
            "report.admins.new",
            case=case,
            who=who,
            text=filed.text,
            link=link,
            code=admins_code,
            prefix=self.prefix,
        )
        told = Private(
            group=event.group,
            user=event.user,
            body=compose.say_body(self.platform, dialog.lang, "report.admins.left_out"),
            fallback=False,
        )
        leave_out = UserID(dialog.about) if dialog.about else None
        return [NotifyAdmins(group=GroupID(dialog.group), body=body, leave_out=leave_out, told=told)]

    @command("notmeant", listed=False)
    def _cmd_notmeant(self, event: Command, state: GroupState, local: Localized) -> list[Action]:
        number = _number(_arg(event, 0))
        do = number if number is not None and 1 <= number <= len(local.dos) else 0
        # From a private chat, the button names the group the nudge was about; a typed answer means the
        # author's last nudge. The thanks speak the language that nudge spoke (the message's, when it was
        # not the group's), else the group's; with no group known, the chat's own.
        group: str | None = (
            event.group if not event.direct else (event.args[1] if len(event.args) > 1 else None)
        )
        last = self.watch.last_nudge.get(event.user) if self.watch is not None else None
        if group is None and last is not None:
            group, do = last[0], do or last[1]
        if group is None:
            lang = local.code
        else:
            self._count(group, "not_meant", do)
            lang = last[2] if last is not None and last[0] == group else self._local(self.group(group)).code
        return [self._private(event, compose.say_body(self.platform, lang, "notmeant.thanks"))]


def _log_failure(event: Event, platform: str, exc: Exception) -> None:
    """Log a failure by the event's kind, the error's type and where it happened; never the error's message,
    which may quote a member's text."""
    where = traceback.extract_tb(exc.__traceback__)[-1]
    log.error(
        "%s on %s failed: %s at %s:%s",
        type(event).__name__,
        platform,
        type(exc).__name__,
        where.filename.rsplit("/", 1)[-1],
        where.lineno,
    )


def _as_said(event: Command) -> Said:
    """A command's words as an ordinary message, for the signals: what the member wrote after the command's
    name, which is the bot's word and not theirs (``!report I will kill you`` reads "I will kill you")."""
    return Said(
        group=event.group,
        user=event.user,
        text=" ".join(event.args),
        at=event.at,
        is_admin=event.is_admin,
        direct=event.direct,
        message_id=event.message_id,
    )


def _body(message: Message) -> Body:
    return Body(message.text, message.html)


def _arg(event: Command, index: int) -> str:
    """One of a command's words, compared case-blind ("" when it has fewer)."""
    return event.args[index].casefold() if index < len(event.args) else ""


def _number(word: str) -> int | None:
    """A Do number from a word (``4``, ``#4``, ``４``), or None."""
    word = word.lstrip("#")
    if not word.isdigit() or len(word) > 3:
        return None
    return int(word)


def _faq_any(pack: Pack, local: Localized, wanted: str) -> FaqEntry | None:
    """The FAQ entry in this language for a topic named in any of the pack's languages."""
    for code in pack.languages:
        found = pack.language(code).faq_topic(wanted)
        if found is not None:
            return next((e for e in local.faq if e.id == found.id), None)
    return None


__all__ = ["Bot", "DosUrl", "Illustrate", "poster"]
