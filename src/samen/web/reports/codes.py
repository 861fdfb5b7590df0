"""Follow-up codes and the limit on guessing them.

A code is 20 characters of Crockford's base32 (100 random bits from :mod:`secrets`), shown once in groups of
four (``K7QM-3XPA-…``) and never kept: the database holds its SHA-256, which is looked up and compared in
constant time. With 2**100 codes and at most :data:`MAX_FAILURES` wrong tries per address per
:data:`WINDOW`, guessing one is out of reach; the limit mostly keeps the server's work bounded.

Wrong tries are counted per :data:`Purpose`, each in a counter of its own: wrong codes per address, wrong
staff passwords per user name and address. A student's typing errors never lock staff out, one staff
member's never lock out another, and neither blocks everyone behind a campus network's shared address.

The report form carries the code it will file under, signed (:func:`sign_code`): sending the same form
twice finds the report filed the first time instead of filing a second one.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Literal

from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from django.utils import timezone

#: Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 20
#: Wrong tries of one purpose and one key within the window before that key is refused for a while.
MAX_FAILURES = 10
WINDOW = timedelta(minutes=15)
#: What a wrong try was: a follow-up code (counted per address), or a staff password (per user name and
#: address).
Purpose = Literal["code", "login"]
#: How long the code a report form carries stays valid: a form left open longer files under a fresh code.
FORM_CODE_AGE = timedelta(days=1)
_FORM_SALT = "samen.web.reports.form-code"
#: What people type by mistake for a letter that is not in the alphabet.
_LOOKALIKE = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    """A fresh follow-up code, in groups of four: ``XXXX-XXXX-XXXX-XXXX-XXXX``."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, LENGTH, 4))


def normalize(code: str) -> str | None:
    """A typed code in its canonical form (upper case, no spaces or dashes), or None when it cannot be one."""
    plain = "".join(c for c in code.upper() if c not in " -\t\r\n").translate(_LOOKALIKE)
    if len(plain) != LENGTH or any(c not in ALPHABET for c in plain):
        return None
    return plain


def code_hash(code: str) -> str:
    """The SHA-256 (hex) of a code's canonical form; what the database keeps. Raises ValueError for a
    string that cannot be a code."""
    plain = normalize(code)
    if plain is None:
        raise ValueError("not a follow-up code")
    return hashlib.sha256(plain.encode("ascii")).hexdigest()


def same_hash(a: str, b: str) -> bool:
    """Compare two hashes in constant time."""
    return hmac.compare_digest(a.encode("ascii"), b.encode("ascii"))


def sign_code(code: str) -> str:
    """The code a report form will file under, signed for its hidden field (readable, not forgeable)."""
    return signing.dumps(code, salt=_FORM_SALT)


def signed_code(value: str) -> str | None:
    """The code of a report form's signed field; None when it is missing, altered, expired or not a code."""
    try:
        code = signing.loads(value, salt=_FORM_SALT, max_age=FORM_CODE_AGE)
    except signing.BadSignature:  # also SignatureExpired
        return None
    return code if isinstance(code, str) and normalize(code) is not None else None


def client_key(request: HttpRequest, purpose: Purpose, who: str = "") -> str:
    """The key wrong tries are counted under: a keyed hash of the purpose, ``who`` (a user name) and the
    address a request came from (the address and the name themselves are never kept)."""
    address = str(request.META.get("REMOTE_ADDR", ""))
    subject = "\0".join((purpose, who.casefold(), address))
    return hmac.new(settings.SECRET_KEY.encode("utf-8"), subject.encode("utf-8"), "sha256").hexdigest()[:32]


def refused(request: HttpRequest, purpose: Purpose, who: str = "") -> bool:
    """Whether this key made :data:`MAX_FAILURES` wrong tries of this purpose within :data:`WINDOW`."""
    from samen.web.reports.models import CodeAttempt

    since = timezone.now() - WINDOW
    key = client_key(request, purpose, who)
    return CodeAttempt.objects.filter(client=key, at__gte=since).count() >= MAX_FAILURES


def failed(request: HttpRequest, purpose: Purpose, who: str = "") -> None:
    """Count a wrong try of this purpose, and forget the tries older than the window."""
    from samen.web.reports.models import CodeAttempt

    now = timezone.now()
    CodeAttempt.objects.filter(at__lt=now - WINDOW).delete()
    CodeAttempt.objects.create(client=client_key(request, purpose, who), at=now)
