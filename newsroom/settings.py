"""Newsroom settings, read from the environment through django-environ.

The backends default to the embedded ones: SQLite in the project folder, the
local-memory cache and the console e-mail backend. DEBUG is off unless it is set
(make run and the tests set DEBUG=true), so a deployment that forgets it is never
silently a development server: with DEBUG off the site refuses to start until
SECRET_KEY and ALLOWED_HOSTS are given.
"""

import sys
from pathlib import Path

import environ
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)
# Commands that read the models or the translations and neither serve a page nor sign anything
# (makemigrations --check is a code check, run anywhere): with DEBUG off they need no secret or host.
CODE_CHECKS = (["makemigrations"], ["makemessages"], ["compilemessages"])

if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="django-insecure-development-only-key-never-use-in-production")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
elif Path(sys.argv[0]).name == "manage.py" and sys.argv[1:2] in CODE_CHECKS:
    SECRET_KEY = env("SECRET_KEY", default="not-a-secret: " + sys.argv[1])
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
else:
    # No defaults: a production server must be told its secret and its hosts.
    SECRET_KEY = env("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
    if not SECRET_KEY.strip() or not ALLOWED_HOSTS:
        raise ImproperlyConfigured("SECRET_KEY and ALLOWED_HOSTS must be set when DEBUG is off.")

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    # Django's admin, with the newsroom's desk as its site (newsroom/admin.py).
    "newsroom.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "imagekit",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Work off the request (newsroom/shared/mail.py, articles/renditions.py): Django 6.0's tasks, backported.
    "django_tasks",
    "django_tasks_db",
    "newsroom.shared",
    "accounts",
    "articles",
    "articles.comments",
    "enquiries",
    # The project shell and the staff desk, above the apps.
    "newsroom.apps.NewsroomConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "newsroom.middleware.SecurityHeadersMiddleware",
    "newsroom.middleware.RefuseControlCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages are compressed here, once: deploy/'s nginx keeps the compressed bytes in its edge cache and
    # only copies them to each reader. Below WhiteNoise, whose static files are compressed already.
    "django.middleware.gzip.GZipMiddleware",
    # Anonymous readers' pages from the page cache, before sessions, language, CSRF and auth run.
    "articles.caching.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "newsroom.middleware.SiteAddressMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsroom.middleware.DatabaseUnavailableMiddleware",
    # Axes must be last: it answers locked-out logins itself.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"
ASGI_APPLICATION = "newsroom.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
            ],
        },
    },
]

# --- Data stores -----------------------------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env.int("DB_CONNECT_TIMEOUT", default=3)
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Our queries are short: compiling them (JIT) costs more than it saves.
        DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")

# Public reads on a PostgreSQL replica (newsroom/shared/replica.py; docs/scaling.md): unset, the default, is off.
if env.str("DATABASE_REPLICA_URL", default=""):
    _replica = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"] = {
        **DATABASES["default"],
        **_replica,
        "OPTIONS": {**DATABASES["default"].get("OPTIONS", {}), **_replica.get("OPTIONS", {})},
        # The test suite's replica is the primary itself.
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["newsroom.shared.replica.ReplicaRouter"]
    MIDDLEWARE.insert(0, "newsroom.shared.replica.PublicReadsMiddleware")

CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://newsroom"),
}
# django-environ lower-cases ?key_prefix=, ?timeout= and ?version= for Django's RedisCache, which only
# reads them upper-case: put them where Django looks.
for _option in ("key_prefix", "timeout", "version"):
    if _option in CACHES["default"]:
        CACHES["default"][_option.upper()] = CACHES["default"].pop(_option)
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # Fail soft: with Redis down the site serves from the database (newsroom/shared/cache.py).
    CACHES["default"]["BACKEND"] = "newsroom.shared.cache.ResilientRedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).update({"socket_connect_timeout": 0.5, "socket_timeout": 0.5})
CACHE_MIDDLEWARE_SECONDS = env.int("CACHE_SECONDS", default=300)
# Pieces of pages (a story's comments, the comment form) kept by what they show (newsroom/shared/fragments.py):
# exact however long they live, since their keys change with their content.
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=24 * 60 * 60)
# Seconds a shared cache in front of the app servers (deploy/'s nginx) may keep an anonymous page
# (s-maxage; browsers keep it a minute). nginx counts whole seconds, so 4 means at most 5 s: a publish,
# withdrawal, edit or approved comment reaches every reader behind nginx within 5 s.
EDGE_CACHE_SECONDS = env.int("EDGE_CACHE_SECONDS", default=4)
# Search ranks at most this many of the newest matching stories (PostgreSQL).
SEARCH_MAX_RESULTS = env.int("SEARCH_MAX_RESULTS", default=500)
# Story views are added up in the cache and written to the database every this many views.
VIEW_COUNT_BATCH = env.int("VIEW_COUNT_BATCH", default=25)
# Behind nginx the story page's view-count beacon never reaches Django: nginx answers it and writes
# this log (deploy/nginx/), which `manage.py tally_views` adds to the counts every minute.
VIEW_BEACON_LOG = env("VIEW_BEACON_LOG", default="/var/log/nginx/newsroom-views.log")

# Work done off the request (e-mail, photo renditions) runs as tasks (django-tasks, the backport of Django
# 6.0's tasks). TASKS_BACKEND=immediate runs each task in the process that asks for it, once its
# transaction commits: `make run` needs no other process. TASKS_BACKEND=database (production's default)
# keeps them in PostgreSQL for `manage.py db_worker` (deploy/systemd/newsroom-worker.service).
TASKS_BACKEND = env.str("TASKS_BACKEND", default="immediate" if DEBUG else "database")
_TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(_TASK_BACKENDS)}, not {TASKS_BACKEND!r}.")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Sessions live in the database (signed cookie would also do); never on an app server's disk,
# so any app server behind the load balancer can serve any reader.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Accounts ---------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "articles:desk"
LOGOUT_REDIRECT_URL = "articles:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Failed logins (accounts/slowdown.py, django-axes). After LOGIN_SLOWDOWN_AFTER failures on an account
# from one address, or LOGIN_SLOWDOWN_ADDRESS_AFTER from one address, each further attempt from there
# waits a little longer (at most LOGIN_SLOWDOWN_MAX_SECONDS). After AXES_FAILURE_LIMIT failures on one
# account from one address, that account is refused from that address for AXES_COOLOFF_HOURS; after
# LOGIN_ADDRESS_FAILURE_LIMIT failures from one address (a guesser trying many accounts), every log-in
# from it is. An account is never locked for everyone, and one colleague's typos never lock out the rest
# of an office behind one address.
LOGIN_SLOWDOWN_AFTER = env.int("LOGIN_SLOWDOWN_AFTER", default=2)
LOGIN_SLOWDOWN_ADDRESS_AFTER = env.int("LOGIN_SLOWDOWN_ADDRESS_AFTER", default=10)
LOGIN_SLOWDOWN_MAX_SECONDS = env.int("LOGIN_SLOWDOWN_MAX_SECONDS", default=30)
# Failures on an account from every address together slow it by at most this: never enough to keep its owner out.
LOGIN_SLOWDOWN_ACCOUNT_AFTER = env.int("LOGIN_SLOWDOWN_ACCOUNT_AFTER", default=10)
LOGIN_SLOWDOWN_ACCOUNT_MAX_SECONDS = env.int("LOGIN_SLOWDOWN_ACCOUNT_MAX_SECONDS", default=3)
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=30)
AXES_VERBOSE = False
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "accounts.slowdown.lockout_username"
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# Whose address a failure counts against: the client's, behind PROXY_COUNT proxies (newsroom/shared/clients.py).
AXES_CLIENT_IP_CALLABLE = "newsroom.shared.clients.client_ip"

# Reporters (accounts app): registration, password-reset and new-link POSTs allowed per IP address
# (django-ratelimit rate), and how long an e-mail confirmation link works.
ACCOUNTS_FORM_RATE = env("ACCOUNTS_FORM_RATE", default="10/h")
ACCOUNTS_CONFIRMATION_MAX_AGE = env.int("ACCOUNTS_CONFIRMATION_MAX_AGE", default=3 * 24 * 60 * 60)
# Registrations never confirmed are deleted after this many days (manage.py purge_unconfirmed_accounts).
ACCOUNTS_UNCONFIRMED_RETENTION_DAYS = env.int("ACCOUNTS_UNCONFIRMED_RETENTION_DAYS", default=30)

# Staff must use a second factor (TOTP) when this is on; on by default in production.
STAFF_REQUIRE_2FA = env.bool("STAFF_REQUIRE_2FA", default=not DEBUG)
# The name authenticator apps show next to the desk's codes (newsroom/otp.py).
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default=env("PUBLISHER_NAME", default="Brahmaputra Times"))

# --- Internationalisation ---------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("as", _("Assamese")),
]
# Django ships no Assamese locale; tell it the language's names.
LANG_INFO.setdefault("as", {"bidi": False, "code": "as", "name": "Assamese", "name_local": "অসমীয়া"})
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
LOCALE_PATHS = [BASE_DIR / "locale"]
# Translations (H-translations): Assamese date formats (Django ships none) in newsroom/formats/as/.
FORMAT_MODULE_PATH = ["newsroom.formats"]
TIME_ZONE = "Asia/Kolkata"
USE_I18N = True
USE_TZ = True

# --- Static and media files -------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}
# Photos on S3-compatible storage (django-storages) instead of the shared MEDIA_ROOT disk, when a bucket is
# named: app servers then share no disk. Credentials come from boto3's own AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY; photos are public, so their addresses carry no signature (docs/scaling.md).
if env.str("MEDIA_S3_BUCKET", default=""):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("MEDIA_S3_BUCKET"),
            "endpoint_url": env.str("MEDIA_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("MEDIA_S3_REGION", default="") or None,
            "custom_domain": env.str("MEDIA_S3_PUBLIC_DOMAIN", default="") or None,
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
        },
    }
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
# Uploaded photos: what Pillow must find before a file is kept.
PHOTO_MAX_BYTES = env.int("PHOTO_MAX_BYTES", default=10 * 1024 * 1024)
PHOTO_MAX_PIXELS = env.int("PHOTO_MAX_PIXELS", default=40_000_000)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- E-mail ------------------------------------------------------------------

globals().update(env.email("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Newsroom <newsroom@localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
STAFF_NOTIFY_EMAILS = env.list("STAFF_NOTIFY_EMAILS", default=["desk@localhost"])
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
# Every message waits in the outbox (newsroom.OutgoingMail) until the worker has sent it. A failed try is
# tried again after MAIL_RETRY_SECONDS, doubled after each failure (at most a day apart); after
# MAIL_MAX_ATTEMPTS failures the message is given up (the outbox in the desk shows it, and can retry it).
MAIL_MAX_ATTEMPTS = env.int("MAIL_MAX_ATTEMPTS", default=10)
MAIL_RETRY_SECONDS = env.int("MAIL_RETRY_SECONDS", default=60)
# Sent and given-up e-mail (addresses and text: personal data) is deleted from the outbox after this many
# days by `manage.py purge_sent_mail`; what became of a message stays on what it was about (an enquiry).
OUTGOING_MAIL_RETENTION_DAYS = env.int("OUTGOING_MAIL_RETENTION_DAYS", default=30)

# --- Enquiries (Contact Us) ----------------------------------------------------
# Where the staff notification of each type of enquiry goes; a type left empty goes to STAFF_NOTIFY_EMAILS.
ENQUIRY_NOTIFY_EMAILS = {
    "general": env.list("ENQUIRY_NOTIFY_GENERAL", default=[]),
    "news_tip": env.list("ENQUIRY_NOTIFY_NEWS_TIP", default=[]),
    "advertising": env.list("ENQUIRY_NOTIFY_ADVERTISING", default=[]),
    "correction": env.list("ENQUIRY_NOTIFY_CORRECTION", default=[]),
    "complaint": env.list("ENQUIRY_NOTIFY_COMPLAINT", default=[]),
}
# How many enquiries one IP address may send (django-ratelimit rate: 5 per 10 minutes).
ENQUIRY_RATE_LIMIT = env("ENQUIRY_RATE_LIMIT", default="5/10m")
# Closed and spam enquiries untouched for this many days are deleted by `manage.py purge_old_enquiries`.
ENQUIRY_RETENTION_DAYS = env.int("ENQUIRY_RETENTION_DAYS", default=365)
# How Contact Us finds the story a correction request names by its address (enquiries know no stories).
ENQUIRY_STORY_AT = "articles.views.reading.story_at"
# An enquiry's mail goes through the outbox like every message; the inbox (and `manage.py
# send_pending_enquiry_mail`) gives up on it after this many attempts, the outbox's own limit unless set.
ENQUIRY_MAIL_MAX_ATTEMPTS = env.int("ENQUIRY_MAIL_MAX_ATTEMPTS", default=MAIL_MAX_ATTEMPTS)

# --- Reader comments (articles/comments/services.py holds the rules) ---------------
# Comments close this many days after a story is published (0: never by age; editors can close any story).
COMMENTS_CLOSE_AFTER_DAYS = env.int("COMMENTS_CLOSE_AFTER_DAYS", default=30)
# A comment appears at once when its e-mail address has this many approved comments (0: always held).
COMMENTS_AUTO_APPROVE_AFTER = env.int("COMMENTS_AUTO_APPROVE_AFTER", default=0)
# More links than this holds a comment for a moderator.
COMMENTS_MAX_LINKS = env.int("COMMENTS_MAX_LINKS", default=2)
# Words that hold a comment for a moderator, on top of the block list moderators edit in the admin.
COMMENTS_BLOCKED_WORDS = env.list(
    "COMMENTS_BLOCKED_WORDS", default=["viagra", "cialis", "casino", "escort service", "betting tips", "loan offer"]
)
# Comments a minute from one IP address, and from one e-mail address; more are refused.
COMMENTS_RATE_PER_MINUTE = env.int("COMMENTS_RATE_PER_MINUTE", default=3)
# Reports of comments a minute from one IP address.
COMMENTS_REPORTS_PER_MINUTE = env.int("COMMENTS_REPORTS_PER_MINUTE", default=5)
# The same text on the same story within this many hours is refused as a duplicate.
COMMENTS_DUPLICATE_HOURS = env.int("COMMENTS_DUPLICATE_HOURS", default=24)
# Conversations (with their replies) on one page under a story.
COMMENTS_PER_PAGE = env.int("COMMENTS_PER_PAGE", default=20)

# What the project adds under each story (stories know nothing of comments): templates included after
# the story, and the query parameters those add that still leave the page cacheable (?comments=2).
STORY_PAGE_SECTIONS = ["comments/section.html"]
STORY_PAGE_CACHED_PARAMS = ["comments"]
# A public form (comment, report, Contact Us, registration) sent sooner than this many seconds after it
# was shown is taken for a robot's; one older than the maximum is shown again to be sent anew.
SPAM_FORM_MIN_SECONDS = env.int("SPAM_FORM_MIN_SECONDS", default=3)
SPAM_FORM_MAX_SECONDS = env.int("SPAM_FORM_MAX_SECONDS", default=2 * 60 * 60)

# --- The publication --------------------------------------------------------


def _translation_of_ours(english_variable, translation):
    """`translation` while the English detail is our paper's own (its variable unset), else nothing."""
    return "" if english_variable in env.ENVIRON else translation


PUBLISHER = {
    "name": env("PUBLISHER_NAME", default="Brahmaputra Times"),
    "tagline": env("PUBLISHER_TAGLINE", default="News from Assam and the North East"),
    "address": env("PUBLISHER_ADDRESS", default="2nd Floor, Dighalipukhuri Road, Panbazar, Guwahati, Assam 781001"),
    # The same in Assamese, for the Assamese site (newsroom/shared/publisher.py); empty shows the English. The
    # defaults are our paper's: a site that names itself otherwise in English shows that until it sets these.
    "name_as": env("PUBLISHER_NAME_AS", default=_translation_of_ours("PUBLISHER_NAME", "ব্ৰহ্মপুত্ৰ টাইমছ")),
    "tagline_as": env(
        "PUBLISHER_TAGLINE_AS", default=_translation_of_ours("PUBLISHER_TAGLINE", "অসম আৰু উত্তৰ-পূবৰ বাতৰি")
    ),
    "address_as": env(
        "PUBLISHER_ADDRESS_AS",
        default=_translation_of_ours("PUBLISHER_ADDRESS", "দ্বিতীয় মহলা, দিঘলীপুখুৰী পথ, পানবজাৰ, গুৱাহাটী, অসম ৭৮১০০১"),
    ),
    "email": env("PUBLISHER_EMAIL", default="desk@brahmaputratimes.example"),
    "phone": env("PUBLISHER_PHONE", default="+91 361 254 0000"),
    # Where links in e-mails point. Empty in development: the address each request came to (make run
    # PORT=8001). Set it in production, where mail also goes out from the worker, with no request.
    "url": env("PUBLISHER_URL", default=""),
}

# --- Security ------------------------------------------------------------------

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# How many reverse proxies stand in front of the app servers: 1 behind deploy/'s nginx, 0 (the default)
# when clients connect to them directly. Only with a proxy in front are X-Forwarded-For (the client's
# address, read by newsroom/shared/clients.py for every lock-out, rate limit, block list and record) and
# X-Forwarded-Proto (https) believed; without one, any client could send them.
PROXY_COUNT = env.int("PROXY_COUNT", default=0)
RATELIMIT_IP_META_KEY = "newsroom.shared.clients.client_ip"
if PROXY_COUNT > 0:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# The reader's language choice (django.views.i18n.set_language at /i18n/setlang/).
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
# A refused form gets the site's own page, in the reader's language (templates/403_csrf.html).
CSRF_FAILURE_VIEW = "newsroom.views.csrf_failure"
# Only our own origin: no CDN, no third-party script or font.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

# --- Logging: one JSON object a line on stdout, for any log collector ---------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "newsroom.shared.logging.JSONFormatter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.server": {"level": "INFO"},
        "django.db.backends": {"level": "WARNING"},
    },
}
