"""Who may do what with a confidential report, as one matrix: every role × every page and action.

Each cell is checked by its effect, not only its status code: an allowed read shows the words, an allowed
write changes the database; a refused one shows no words and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client

from samen.web.reports import actions, codes, crypto
from samen.web.reports.models import Message, Report
from tests.web.reports_helpers import staff_client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("staffed")]

STORY = "Tijdens het online college maakte een medestudent grappen over mijn hoofddoek."
ROLES = (
    "anonymous",
    "reporter",
    "wrong-code",
    "confidential-counsellor",
    "study-adviser",
    "programme-chair",
    "campaign",
    "superuser",
)


@dataclass
class Cell:
    """One role facing one case: its client, the code it holds (if any), the case."""

    client: Client
    code: str
    case: Report


def _read(cell: Cell) -> bool:
    response = cell.client.get("/en/report/status/", {"code": cell.code} if cell.code else {})
    return response.status_code == 200 and STORY in response.content.decode()


def _answer(cell: Cell) -> bool:
    cell.client.post("/en/report/status/", {"code": cell.code, "action": "answer", "text": "Nog iets."})
    return Message.objects.filter(report=cell.case, author="reporter").exists()


def _export(cell: Cell) -> bool:
    response = cell.client.post("/en/report/status/", {"code": cell.code, "action": "export"})
    return response.status_code == 200 and STORY in response.content.decode()


def _withdraw(cell: Cell) -> bool:
    cell.client.post("/en/report/status/", {"code": cell.code, "action": "withdraw", "confirm": "on"})
    return not Report.objects.filter(pk=cell.case.pk).exists()


def _list(cell: Cell) -> bool:
    response = cell.client.get("/staff/")
    return response.status_code == 200 and f'data-case="{cell.case.pk}"' in response.content.decode()


def _open(cell: Cell) -> bool:
    response = cell.client.get(f"/staff/case/{cell.case.pk}/")
    return response.status_code == 200 and STORY in response.content.decode()


def _reply(cell: Cell) -> bool:
    cell.client.post(f"/staff/case/{cell.case.pk}/", {"action": "reply", "reply": "Dank je."})
    return Message.objects.filter(report=cell.case, author="staff").exists()


def _status(cell: Cell) -> bool:
    cell.client.post(f"/staff/case/{cell.case.pk}/", {"action": "status", "status": "advised"})
    return Report.objects.get(pk=cell.case.pk).status == "advised"


def _insight(cell: Cell) -> bool:
    response = cell.client.get("/staff/insight/")
    return response.status_code == 200 and "insight-table" in response.content.decode()


def _insight_csv(cell: Cell) -> bool:
    response = cell.client.get("/staff/insight.csv")
    return response.status_code == 200 and response["Content-Type"].startswith("text/csv")


def _form(cell: Cell) -> bool:
    response = cell.client.get("/en/report/")
    return response.status_code == 200 and 'name="route"' in response.content.decode()


def _file(cell: Cell) -> bool:
    before = Report.objects.count()
    cell.client.post(
        "/en/report/", {"route": "study-adviser", "text": "Iets anders.", "identity": "anonymous"}
    )
    return Report.objects.count() == before + 1


ACTIONS: dict[str, Callable[[Cell], bool]] = {
    "report form": _form,
    "file a report": _file,
    "read status and replies": _read,
    "answer": _answer,
    "export": _export,
    "withdraw": _withdraw,
    "case list": _list,
    "open the case": _open,
    "reply": _reply,
    "change status": _status,
    "insight": _insight,
    "insight csv": _insight_csv,
}

EVERYONE = {"report form", "file a report"}
#: What each role may do with a report to the confidential counsellor; everything else is refused.
ALLOWED: dict[str, set[str]] = {
    "anonymous": EVERYONE,
    "reporter": EVERYONE | {"read status and replies", "answer", "export", "withdraw"},
    "wrong-code": EVERYONE,
    "confidential-counsellor": EVERYONE | {"case list", "open the case", "reply", "change status"},
    "study-adviser": EVERYONE,
    "programme-chair": EVERYONE,
    "campaign": EVERYONE | {"insight", "insight csv"},
    "superuser": EVERYONE,  # Django's superuser flag opens no case: roles decide
}


@pytest.fixture(autouse=True)
def _keys(tmp_path: object, settings: object) -> None:
    settings.DATA_DIR = tmp_path  # type: ignore[attr-defined]
    crypto.sealer.cache_clear()
    # Staff passwords are hashed with Django's default (PBKDF2) in production; here a fast hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


def _cell(role: str) -> Cell:
    case, code = actions.file_report("confidential-counsellor", STORY, language="nl")
    if role in ("anonymous", "reporter", "wrong-code"):
        client = Client(HTTP_X_FORWARDED_PROTO="https")
        held = {"anonymous": "", "reporter": code, "wrong-code": codes.new_code()}[role]
        return Cell(client, held, case)
    if role == "superuser":
        return Cell(staff_client("root", superuser=True), "", case)
    return Cell(staff_client(f"{role}-account", role), "", case)


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("role", ROLES)
def test_access(role: str, action: str) -> None:
    cell = _cell(role)
    done = ACTIONS[action](cell)
    assert done == (action in ALLOWED[role]), f"{role} {'could' if done else 'could not'} {action}"


def test_a_refused_staff_member_sees_no_trace_of_the_case() -> None:
    cell = _cell("study-adviser")
    response = cell.client.get(f"/staff/case/{cell.case.pk}/")
    assert response.status_code == 404 and STORY not in response.content.decode()
    listing = cell.client.get("/staff/").content.decode()
    assert STORY not in listing and f'data-case="{cell.case.pk}"' not in listing


def test_anonymous_visitors_are_sent_to_the_log_in() -> None:
    cell = _cell("anonymous")
    for path in ("/staff/", f"/staff/case/{cell.case.pk}/", "/staff/insight/", "/staff/insight.csv"):
        response = cell.client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/staff/login/?next=")
