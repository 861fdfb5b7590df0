"""Security headers: HTTPS except on loopback, and a Content-Security-Policy without ``unsafe-inline``."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponsePermanentRedirect
from django.middleware.security import SecurityMiddleware as DjangoSecurityMiddleware

#: Hosts that may be served over plain HTTP: trying ``samen serve`` on one's own machine.
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]"})

#: Everything the pages load comes from the site itself; no inline script or style anywhere.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def is_loopback(request: HttpRequest) -> bool:
    """Whether the request is for a loopback host (the raw header: an invalid host is refused later by
    Django's own host check)."""
    raw = str(request.META.get("HTTP_HOST") or request.META.get("SERVER_NAME") or "")
    host = raw if raw.startswith("[") and raw.endswith("]") else raw.rsplit(":", 1)[0]
    if host.startswith("[") and "]" in host:
        host = host[: host.index("]") + 1]
    return host in LOOPBACK_HOSTS


class SecurityMiddleware(DjangoSecurityMiddleware):
    """Django's security middleware, which does not redirect loopback hosts to HTTPS.

    A browser on the same machine cannot be intercepted on the way, and a local try-out has no certificate.
    For the same reason the session and CSRF cookies of a plain-HTTP loopback request are sent without the
    ``Secure`` flag, which would keep a browser from sending them back over HTTP.
    """

    def process_request(self, request: HttpRequest) -> HttpResponsePermanentRedirect | None:
        """Redirect to HTTPS unless the request is secure or for a loopback host."""
        if is_loopback(request):
            return None
        return super().process_request(request)

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        """Django's headers; cookies of a plain-HTTP loopback request without ``Secure``."""
        response = super().process_response(request, response)
        if response.cookies and not request.is_secure() and is_loopback(request):
            for morsel in response.cookies.values():
                morsel["secure"] = ""
        return response


class ContentSecurityPolicyMiddleware:
    """Adds the :data:`CONTENT_SECURITY_POLICY` header to every response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        """Answer the request and add the policy (and a permissions policy) to the response."""
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response
