"""Styr's settings: one file, every value from the environment.

A bad value stops the start with ImproperlyConfigured, never later (healthchecks' habit).
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent  # src/styr
PROJECT_DIR = BASE_DIR.parent.parent  # the checkout


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on", "ja"}:
        return True
    if value.lower() in {"0", "false", "no", "off", "nej"}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r}: forventede 1/0, true/false, yes/no")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r}: forventede et heltal") from None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envweights(name: str, default: str, count: int = 12) -> tuple[int, ...]:
    """``count`` non-negative whole numbers, comma-separated, with a positive sum."""
    raw = os.environ.get(name) or default
    try:
        values = tuple(int(part) for part in raw.split(","))
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r}: forventede {count} heltal adskilt af komma") from None
    if len(values) != count or min(values) < 0 or sum(values) == 0:
        raise ImproperlyConfigured(f"{name}={raw!r}: forventede {count} ikke-negative heltal med en positiv sum")
    return values


DEBUG = envbool("STYR_DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY mangler. Sæt miljøvariablen SECRET_KEY til en lang tilfældig streng "
            "(fx `python -c 'import secrets; print(secrets.token_urlsafe(50))'`)."
        )
    # Only a development server (STYR_DEBUG=1, as `make run` sets) may run without one.
    SECRET_KEY = "styr-udvikling-ikke-hemmelig"  # noqa: S105

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

MUNICIPALITY_NAME = os.environ.get("STYR_MUNICIPALITY", "Eksempel Kommune")

# Monthly weights of the salary profile (budget/periodisation.py), January first: ordinary months
# 100, May 112 and August 106 for the special holiday allowance paid with those months' pay.
STYR_SALARY_PROFILE = envweights("STYR_SALARY_PROFILE", "100,100,100,100,112,100,100,106,100,100,100,100")

# Follow-up: how a deviation is signed in print (budget_minus_forbrug: an overspend is negative, as in
# the reference minutes; forbrug_minus_budget: "(+) = merforbrug"), the overspend that calls for a
# risk picture or an action-plan meeting, and the consequence bands of the risk heat map (kr.).
STYR_DEVIATION_CONVENTION = os.environ.get("STYR_DEVIATION_CONVENTION", "budget_minus_forbrug")
if STYR_DEVIATION_CONVENTION not in {"budget_minus_forbrug", "forbrug_minus_budget"}:
    raise ImproperlyConfigured("STYR_DEVIATION_CONVENTION: forventede budget_minus_forbrug eller forbrug_minus_budget")
STYR_ACTION_PLAN_THRESHOLD = envint("STYR_ACTION_PLAN_THRESHOLD", 500_000)
STYR_RISK_BANDS = (250_000, 500_000, 1_000_000, 2_500_000)
# The agenda item gives an area its own paragraph from this deviation (kr.) either way.
STYR_REPORT_PARAGRAPH_THRESHOLD = envint("STYR_REPORT_PARAGRAPH_THRESHOLD", 300_000)

# Key figures: sick leave of a unit with fewer employees than this is shown only to finance staff,
# and such a unit is never named in the monthly report (health data; DOMAIN.md §4).
STYR_ABSENCE_MIN_EMPLOYEES = envint("STYR_ABSENCE_MIN_EMPLOYEES", 5)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "auditlog",
    "django_htmx",
    "styr.core",
    "styr.organisation",
    "styr.budget",
    "styr.followup",
    "styr.documents",
    "styr.meetings",
    "styr.keyfigures",
    "styr.goals",
    "styr.portal",
    "styr.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # Last, as django-axes asks: it answers a locked-out login.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "styr.urls"
WSGI_APPLICATION = "styr.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "styr.core.context_processors.styr",
            ],
        },
    },
]

DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    try:
        DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL kan ikke læses: {exc}") from None
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("STYR_SQLITE_PATH", str(PROJECT_DIR / "styr.sqlite3")),
            # WAL lets readers see the old numbers while an import writes the new ones.
            "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                        "transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def envcachedir(name: str) -> str:
    """An absolute directory that no one but Styr's user can write to, or "" when unset.

    Django's file cache loads its entries with pickle, so a file that someone else could put there
    (a shared /tmp, a group-writable or foreign directory) would run as Styr. A directory that does
    not exist yet is made by Django for its user alone (0700)."""
    path = os.environ.get(name, "")
    if not path:
        return ""
    if not os.path.isabs(path):
        raise ImproperlyConfigured(f"{name}={path!r}: forventede en absolut sti")
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return path
    if info.st_mode & 0o022:
        raise ImproperlyConfigured(f"{name}={path!r}: mappen kan skrives af andre end Styrs bruger "
                                   "(cachen indlæses med pickle); ret det med chmod go-w")
    if os.geteuid() != 0 and info.st_uid not in (os.geteuid(), 0):
        raise ImproperlyConfigured(f"{name}={path!r}: mappen ejes af en anden bruger end Styrs "
                                   "(cachen indlæses med pickle)")
    return path


# The budget overviews and each leader's Min lederside are cached per data version, a few kB each:
# in each server process, or with STYR_CACHE_DIR in files shared by the processes of one server, so
# that a page one gunicorn worker has made is not made again by the next. Django's default of 300
# entries would keep evicting the pages of a municipality with thousands of leaders.
CACHE_DIR = envcachedir("STYR_CACHE_DIR")
CACHES = {"default": {
    "BACKEND": "django.core.cache.backends." + ("filebased.FileBasedCache" if CACHE_DIR else "locmem.LocMemCache"),
    "LOCATION": CACHE_DIR, "OPTIONS": {"MAX_ENTRIES": 10_000}}}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core-home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: after AXES_FAILURE_LIMIT failures for one user name from one address,
# that combination is locked for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = envint("STYR_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("STYR_LOGIN_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG and envbool("STYR_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = envint("STYR_SESSION_HOURS", 10) * 3600
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk")]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
# Numbers a person reads go through the Danish filters (documents/numbers.py); a global separator
# would also print years and ids as "2.025".
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
STATIC_ROOT = os.environ.get("STYR_STATIC_ROOT", str(PROJECT_DIR / "build" / "static"))
NODE_MODULES = PROJECT_DIR / "node_modules"
STATICFILES_DIRS = [
    ("dkfds", str(NODE_MODULES / "dkfds" / "dist")),
    ("htmx", str(NODE_MODULES / "htmx.org" / "dist")),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Uploaded files (attachments, imports) live outside the web root and are served only
# through views that check access.
MEDIA_ROOT = os.environ.get("STYR_MEDIA_ROOT", str(PROJECT_DIR / "build" / "media"))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "styr@eksempel-kommune.dk")

AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_STORE_JSON_CHANGES = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("STYR_LOG_LEVEL", "WARNING")},
}
