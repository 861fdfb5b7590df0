"""Migration 0002 moves the Matrix since-token out of the stand-in group record it used to live in."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from samen.adapters.matrix import sync_cursor
from samen.web.store import DatabaseStore


@pytest.mark.django_db(transaction=True)
def test_the_old_since_token_becomes_a_cursor_and_the_stand_in_group_goes() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate([("web", "0001_initial")])
    old = executor.loader.project_state([("web", "0001_initial")]).apps
    groups = old.get_model("web", "BotGroup").objects
    groups.create(platform="matrix.sync", group="@bot:uni.example", last_event="s72594_4483_1934")
    groups.create(platform="matrix", group="!room:uni.example", last_event="$event")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes("web"))

    store = DatabaseStore()
    assert store.load_cursor(sync_cursor("@bot:uni.example")) == "s72594_4483_1934"
    assert store.load_group("matrix.sync", "@bot:uni.example") is None
    room = store.load_group("matrix", "!room:uni.example")
    assert room is not None and room.last_event == "$event"
