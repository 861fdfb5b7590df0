"""Every access check of the reports, in one place: who may open which case, and who sees the insight.

Roles decide, not Django's superuser flag: a confidential counsellor's cases are for the accounts with the
``confidential-counsellor`` role alone. A superuser without that role opens nothing.
"""

from __future__ import annotations

from typing import Any

from samen.web.reports.models import CAMPAIGN_ROLE, Report, StaffRole


def roles(user: Any) -> frozenset[str]:
    """The roles of an active, logged-in account (none for anyone else); read once per request."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return frozenset()
    kept: frozenset[str] | None = getattr(user, "_samen_roles", None)
    if kept is None:
        kept = frozenset(StaffRole.objects.filter(user=user).values_list("role", flat=True))
        user._samen_roles = kept
    return kept


def case_routes(user: Any) -> frozenset[str]:
    """The support routes whose cases this account handles."""
    return roles(user) - {CAMPAIGN_ROLE}


def may_open(user: Any, report: Report) -> bool:
    """Whether this account may open this case: it holds the role of the case's route."""
    return report.route in case_routes(user)


def may_see_insight(user: Any) -> bool:
    """Whether this account may see the anonymous counts: the ``campaign`` role."""
    return CAMPAIGN_ROLE in roles(user)
