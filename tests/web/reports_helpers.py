"""Shared steps of the reports tests: file a report through the page, log staff in, read a page's code."""

from __future__ import annotations

import re

from django.test import Client

CODE = re.compile(r'data-report-code="([0-9A-Z-]+)"')
PASSWORD = "a long staff passphrase 7"


def file_through_page(
    client: Client, lang: str = "en", route: str = "confidential-counsellor", text: str = "", **fields: object
) -> str:
    """Send the report form and return the follow-up code shown in ``data-report-code``."""
    data: dict[str, object] = {"route": route, "text": text, "identity": "anonymous", **fields}
    response = client.post(f"/{lang}/report/", data)
    assert response.status_code == 200, response.content.decode()[:2000]
    found = CODE.search(response.content.decode())
    assert found, "the receipt shows no data-report-code"
    return found.group(1)


def staff_client(username: str, *roles: str, superuser: bool = False) -> Client:
    """A client logged in (through Django's session) as a staff account with these roles."""
    from django.contrib.auth import get_user_model

    from samen.web.reports.actions import add_staff

    add_staff(username, PASSWORD, roles)
    if superuser:
        get_user_model().objects.filter(username=username).update(is_superuser=True, is_staff=True)
    client = Client(HTTP_X_FORWARDED_PROTO="https")
    client.force_login(get_user_model().objects.get(username=username))
    return client
