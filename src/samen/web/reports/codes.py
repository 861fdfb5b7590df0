"""Follow-up codes and the limit on guessing them.

A code is 20 characters of Crockford's base32 (100 random bits from :mod:`secrets`), shown once in groups of
four (``K7QM-3XPA-…``) and never kept: the database holds its SHA-256, which is looked up and compared in
constant time. With 2**100 codes and at most :data:`MAX_FAILURES` wrong tries per address per
:data:`WINDOW`, guessing one is out of reach; the limit mostly keeps the server's work bounded.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

#: Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 20
#: Wrong codes (or staff passwords) per address within the window before it is refused for a while.
MAX_FAILURES = 10
WINDOW = timedelta(minutes=15)
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


def client_key(request: HttpRequest) -> str:
    """The address a request came from, as a keyed hash (the address itself is never kept)."""
    address = str(request.META.get("REMOTE_ADDR", ""))
    return hmac.new(settings.SECRET_KEY.encode("utf-8"), address.encode("utf-8"), "sha256").hexdigest()[:32]


def refused(request: HttpRequest) -> bool:
    """Whether this address made :data:`MAX_FAILURES` wrong tries within :data:`WINDOW`."""
    from samen.web.reports.models import CodeAttempt

    since = timezone.now() - WINDOW
    return CodeAttempt.objects.filter(client=client_key(request), at__gte=since).count() >= MAX_FAILURES


def failed(request: HttpRequest) -> None:
    """Count a wrong try from this address, and forget the tries older than the window."""
    from samen.web.reports.models import CodeAttempt

    now = timezone.now()
    CodeAttempt.objects.filter(at__lt=now - WINDOW).delete()
    CodeAttempt.objects.create(client=client_key(request), at=now)
