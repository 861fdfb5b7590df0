"""Django settings, built from :func:`samen.settings.load_settings` (the ``SAMEN_*`` environment).

With ``SAMEN_DEBUG`` off (the default) these are production settings: ``check --deploy`` is clean
(``python -m samen.web.manage check --deploy``). Plain HTTP is answered only for loopback hosts, so that
``samen serve`` can be tried on one's own machine; every other host is redirected to HTTPS.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url
from fontpkg_atkinson_hyperlegible import ROOT as FONT_ROOT

from samen.content import load_pack
from samen.errors import SamenError
from samen.settings import load_settings

SAMEN = load_settings()
HERE = Path(__file__).resolve().parent
DATA_DIR = SAMEN.data_dir.resolve()


def _secret_key() -> str:
    """The configured key; else one generated once and kept in the data folder (never in the repository)."""
    if SAMEN.secret_key is not None:
        return SAMEN.secret_key.get_secret_value()
    path = DATA_DIR / "secret_key"
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError:
        pass
    key = secrets.token_urlsafe(50)
    try:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(key, encoding="utf-8")
    except OSError:
        pass  # a read-only data folder: a key for this process only (no sessions depend on it)
    return key


DEBUG = SAMEN.debug
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = list(SAMEN.allowed_hosts)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.staticfiles",
    "samen.web.apps.WebConfig",
    "samen.web.reports.apps.ReportsConfig",
]

MIDDLEWARE = [
    "samen.web.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "samen.web.security.ContentSecurityPolicyMiddleware",
    # Sessions only for staff who log in (confidential reports); other pages never touch them: no cookie.
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samen.web.language.LocaleMiddleware",  # Django's, with our fallback for a browser we cannot serve
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check: a method a page does not take is 405, not 403 (samen.web.methods).
    "samen.web.methods.MethodMiddleware",
    # A form sent in chunks without its length is 411, not read as empty (samen.web.bodies).
    "samen.web.bodies.LengthMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "samen.web.urls"
WSGI_APPLICATION = "samen.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "samen.web.context.site",
            ],
            "libraries": {"lucide": "lucide.templatetags.lucide", "links": "samen.web.templatetags.links"},
        },
    }
]

if SAMEN.database_url is not None:
    DATABASES = {"default": dj_database_url.parse(SAMEN.database_url.get_secret_value(), conn_max_age=600)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "samen.sqlite3"),
            # FULL: a committed report is on disk before the reporter is told it arrived.
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Pages drawn from the pack, kept per worker (samen.web.views.cached); never what a visitor typed.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 500},
    }
}


def _languages() -> tuple[str, list[tuple[str, str]]]:
    """The pack's own language and all of its languages, so that a third one is served by adding its text
    to the pack alone, and a pack without Dutch speaks its own language on pages outside it (a 404)."""
    try:
        pack = load_pack(SAMEN.pack)
    except SamenError:  # ``samen serve`` refuses a broken pack itself, naming each problem
        return "nl", [("nl", "Nederlands"), ("en", "English")]
    return pack.default_language, [(code, pack.language(code).text.name) for code in pack.languages]


LANGUAGE_CODE, LANGUAGES = _languages()
# Compiled from samen/web/locale/*.po by samen.web.catalogue (never committed).
LOCALE_PATHS = [DATA_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Amsterdam"

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "django.contrib.staticfiles.finders.FileSystemFinder",
]
# The typeface is served from its registry package's own files, never copied into the repository.
STATICFILES_DIRS = [("fonts", str(FONT_ROOT / "files"))]
WHITENOISE_MAX_AGE = 3600

# Only staff log in (samen.web.reports); visitors get no session. The cookies are locked down, and a staff
# session ends with the browser or after eight hours.
LOGIN_URL = "/staff/login/"
LOGIN_REDIRECT_URL = "/staff/"
SESSION_COOKIE_AGE = 8 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SAMESITE = "Strict"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
# The forms' token need not outlive the visit (Django keeps it a year by default): a browser-session cookie.
CSRF_COOKIE_AGE = None
CSRF_FAILURE_VIEW = "samen.web.views.refused"
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024
# W001 looks for Django's SecurityMiddleware by name; ours is that class, letting loopback use HTTP.
SILENCED_SYSTEM_CHECKS = ["security.W001"]
if DEBUG:
    SECURE_SSL_REDIRECT = False
    SECURE_HSTS_SECONDS = 0
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
    STORAGES = {"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A request refused for its size (a form over 64 KiB) is one line, not a traceback (samen.web.logs).
    "filters": {"refusals": {"()": "samen.web.logs.OneLineRefusals"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["refusals"]}},
    # Errors go to the log with their traceback; a visitor only sees the translated error page.
    "loggers": {"django": {"handlers": ["console"], "level": "WARNING"}},
}
