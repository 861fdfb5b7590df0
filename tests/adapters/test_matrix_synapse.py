"""The Synapse fixture itself: it answers, knows its users, and survives a restart."""

from __future__ import annotations

import pytest
from tests.adapters.conftest import Synapse

pytestmark = pytest.mark.synapse


def test_synapse_answers_for_registered_users_across_a_restart(synapse: Synapse) -> None:
    alice = synapse.users["alice"]
    assert (
        synapse.request("GET", "/_matrix/client/v3/account/whoami", token=alice.access_token)["user_id"]
        == "@alice:localhost"
    )
    synapse.restart()
    assert (
        synapse.request("GET", "/_matrix/client/v3/account/whoami", token=alice.access_token)["user_id"]
        == "@alice:localhost"
    )
