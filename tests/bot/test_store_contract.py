"""One contract for every store: in memory, the database on SQLite, and on a real PostgreSQL server."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date

import pytest

from samen.bot import GroupState, MemoryStore, Store

#: A Discord snowflake: positions must hold 64-bit ids.
SNOWFLAKE = 1_310_000_000_000_000_123


@pytest.fixture
def postgres_store(postgres_url: str, django_db_blocker: pytest.FixtureRequest) -> Iterator[Store]:
    """The database store on the test session's PostgreSQL server, migrated (data kept between tests)."""
    import dj_database_url
    from django.core.management import call_command
    from django.db import connections

    from samen.web.store import DatabaseStore

    alias = "bot_postgres"
    if alias not in connections.settings:
        # configure_settings fills in Django's defaults; it insists on seeing a default database too.
        both = {"default": connections.settings["default"], alias: dj_database_url.parse(postgres_url)}
        connections.settings[alias] = connections.configure_settings(both)[alias]
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        call_command("migrate", "web", database=alias, verbosity=0)
        yield DatabaseStore(using=alias)
        connections[alias].close()


@pytest.fixture(
    params=[
        "memory",
        pytest.param("database", marks=pytest.mark.django_db),
        pytest.param("postgres", marks=pytest.mark.postgres),
    ]
)
def store(request: pytest.FixtureRequest) -> Store:
    """Each store in turn."""
    if request.param == "memory":
        return MemoryStore()
    if request.param == "database":
        from samen.web.store import DatabaseStore

        return DatabaseStore()
    return request.getfixturevalue("postgres_store")  # type: ignore[no-any-return]


@pytest.fixture
def group() -> str:
    """A group id no other test uses (the PostgreSQL database outlives a test)."""
    return f"!{uuid.uuid4().hex[:12]}:matrix.example.nl"


def test_an_unknown_group_has_no_record(store: Store, group: str) -> None:
    assert store.load_group("matrix", group) is None


def test_a_group_comes_back_as_saved(store: Store, group: str) -> None:
    state = GroupState(
        "discord",
        group,
        language="en",
        welcome=False,
        nudges="admins",
        onboarded=True,
        warnings=frozenset({"pin", "topic"}),
        last_position=SNOWFLAKE,
        last_event="$event:ÿ-ünïcode",
    )
    store.save_group(state)
    record = store.load_group("discord", group)
    assert record is not None and record == state
    assert store.load_group("telegram", group) is None


def test_saving_again_replaces_the_record(store: Store, group: str) -> None:
    store.save_group(GroupState("matrix", group, language="en", warnings=frozenset({"pin"})))
    store.save_group(GroupState("matrix", group, onboarded=True))
    record = store.load_group("matrix", group)
    assert record is not None
    assert record == GroupState("matrix", group, onboarded=True)


def test_counts_add_up_per_day_kind_and_do(store: Store, group: str) -> None:
    monday, tuesday = date(2026, 11, 23), date(2026, 11, 24)
    store.add_count("matrix", group, day=tuesday, kind="point", do=4)
    store.add_count("matrix", group, day=monday, kind="point", do=4)
    store.add_count("matrix", group, day=tuesday, kind="point", do=4, n=2)
    store.add_count("matrix", group, day=tuesday, kind="nudge", do=1)
    store.add_count("matrix", group, day=tuesday, kind="seen")
    store.add_count("matrix", group + "-other", day=tuesday, kind="point", do=4)
    store.add_count("discord", group, day=tuesday, kind="point", do=4)
    assert store.counts("matrix", group) == [
        (monday, "point", 4, 1),
        (tuesday, "nudge", 1, 1),
        (tuesday, "point", 4, 3),
        (tuesday, "seen", 0, 1),
    ]


def test_a_cursor_comes_back_as_saved_and_is_replaced(store: Store, group: str) -> None:
    name = f"matrix.sync:@bot-{group}"
    assert store.load_cursor(name) is None
    store.save_cursor(name, "s72594_4483_1934")
    store.save_cursor(name + "-other", "other")
    assert store.load_cursor(name) == "s72594_4483_1934"
    # Matrix sets no bound on a token's length; a long one must come back whole.
    token = "m" + "é_7" * 2000
    store.save_cursor(name, token)
    assert store.load_cursor(name) == token
    assert store.load_cursor(name + "-other") == "other"


def test_cursors_are_not_groups(store: Store, group: str) -> None:
    store.save_cursor(f"matrix.sync:{group}", "s1_2_3")
    assert store.load_group("matrix.sync", group) is None
    assert store.load_group("matrix", group) is None


def test_a_report_is_filed_and_gets_a_code(store: Store) -> None:
    code = store.file_report(
        route="confidential-counsellor",
        text="Iemand bleef me berichten sturen.",
        language="nl",
        platform="matrix",
        name="",
        special=False,
        link="matrix:!room:example.nl/$event",
    )
    assert len(code) >= 16
    other = store.file_report(
        route="study-adviser",
        text="Iets anders.",
        language="en",
        platform="telegram",
        name="Sam",
        special=True,
        link="",
    )
    assert other != code
    view = store.report_view(code)
    assert view is not None
    assert (view.route, view.status, view.conversation, view.side, view.group) == (
        "confidential-counsellor",
        "received",
        [("reporter", "Iemand bleef me berichten sturen.")],
        "reporter",
        "",
    )
    assert store.answer_report(code, "Het gebeurde weer.")
    again = store.report_view(code)
    assert again is not None and again.conversation == [
        *view.conversation,
        ("reporter", "Het gebeurde weer."),
    ]

    # relayed to a group's admins: their code reads it and answers as the route; only the reporter withdraws
    admins, case = store.relay_report(code, group="!room:example.nl", left_out="@carol:example.nl")
    assert admins != code and case == view.case
    seen = store.report_view(admins)
    assert seen is not None and (seen.side, seen.group, seen.left_out, seen.case) == (
        "admins",
        "!room:example.nl",
        "@carol:example.nl",
        case,
    )
    assert store.answer_report(admins, "Dank je, ik spreek het aan.")
    mine = store.report_view(code)
    assert mine is not None and mine.status == "conversation" and mine.side == "reporter"
    assert mine.conversation[-1] == ("staff", "Dank je, ik spreek het aan.")
    assert not store.withdraw_report(admins) and store.report_view(code) is not None

    assert store.withdraw_report(code) and store.report_view(code) is None
    assert store.report_view(admins) is None
    assert not store.withdraw_report(code) and not store.answer_report(code, "x")


def test_only_routes_with_an_active_staff_account_are_staffed_in_the_packs_order() -> None:
    routes = ("confidential-counsellor", "study-adviser", "programme-chair")
    assert MemoryStore().staffed(routes) == routes  # a store with no accounts to ask offers every route
    assert MemoryStore(staff={"programme-chair", "study-adviser"}).staffed(routes) == routes[1:]


@pytest.mark.django_db
def test_the_database_store_offers_the_routes_the_web_form_offers() -> None:
    from django.contrib.auth.models import User

    from samen.web.reports import staffed_routes
    from samen.web.reports.actions import add_staff
    from samen.web.store import DatabaseStore

    store = DatabaseStore()
    routes = ("confidential-counsellor", "study-adviser", "programme-chair")
    assert store.staffed(routes) == ()
    add_staff("sa", "a study adviser passphrase 7", ["study-adviser"])
    add_staff("vp", "a counsellor passphrase 77", ["confidential-counsellor"])
    assert store.staffed(routes) == ("confidential-counsellor", "study-adviser") == staffed_routes()
    User.objects.filter(username="vp").update(is_active=False)  # an account switched off reads nothing
    assert store.staffed(routes) == ("study-adviser",)
