"""The Synapse fixture itself: it answers on loopback for the users it registered, and has no federation."""

from __future__ import annotations

import urllib.error

import pytest
from tests.adapters.conftest import Synapse

pytestmark = pytest.mark.synapse


def test_synapse_knows_its_users_and_serves_no_federation(synapse: Synapse) -> None:
    for name in ("bot", "alice", "bob", "root"):
        user = synapse.users[name]
        whoami = synapse.request("GET", "/_matrix/client/v3/account/whoami", token=user.access_token)
        assert whoami["user_id"] == f"@{name}:localhost"
    admin = synapse.request(
        "GET", "/_synapse/admin/v2/users/@root:localhost", token=synapse.users["root"].access_token
    )
    assert admin["admin"] is True
    with pytest.raises(urllib.error.HTTPError) as refused:
        synapse.request("GET", "/_matrix/federation/v1/version")
    assert refused.value.code in (400, 404)
