from newsroom.tests.helpers import PRODUCTION_ENV, run_django

PRINT_SETTINGS = (
    "from django.conf import settings\n"
    "print(settings.DATABASES['default']['ENGINE'])\n"
    "print(settings.CACHES['default']['BACKEND'])\n"
    "print(settings.EMAIL_BACKEND)\n"
    "print(settings.DEBUG, settings.TIME_ZONE, settings.USE_TZ)\n"
)


def test_debug_is_off_unless_it_is_set_so_a_forgetful_deployment_refuses_to_start():
    result = run_django(PRINT_SETTINGS, env={"DEBUG": None})
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr
    with_secrets = run_django(PRINT_SETTINGS, env={"DEBUG": None, "SECRET_KEY": "s" * 50, "ALLOWED_HOSTS": "a.example"})
    assert with_secrets.stdout.split("\n")[3].startswith("False")


def test_code_checks_run_without_secrets_but_nothing_that_serves_or_signs_does():
    no_secrets = {"DEBUG": None, "SECRET_KEY": None, "ALLOWED_HOSTS": None}
    check = run_django("", env=no_secrets, args=("makemigrations", "--check", "--dry-run"))
    assert check.returncode == 0, check.stderr
    for command in (("check",), ("migrate", "--plan"), ("createsuperuser", "--help")):
        refused = run_django("", env=no_secrets, args=command)
        assert refused.returncode != 0 and "SECRET_KEY" in refused.stderr, command


def test_with_only_debug_set_the_site_runs_on_embedded_defaults():
    result = run_django(PRINT_SETTINGS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:4] == [
        "django.db.backends.sqlite3",
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.mail.backends.console.EmailBackend",
        "True Asia/Kolkata True",
    ]


def test_production_mode_refuses_to_start_without_a_secret_key():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "SECRET_KEY"}
    result = run_django(PRINT_SETTINGS, env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_mode_refuses_to_start_without_allowed_hosts():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "ALLOWED_HOSTS"}
    result = run_django(PRINT_SETTINGS, env=env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_mode_reads_postgresql_redis_and_smtp_from_the_environment():
    env = {
        **PRODUCTION_ENV,
        "DATABASE_URL": "postgres://news:pw@db.internal:5432/newsroom",
        "CACHE_URL": "redis://cache.internal:6379/1",
        "EMAIL_URL": "smtp+tls://mailer:pw@smtp.internal:587",
    }
    result = run_django(
        PRINT_SETTINGS + "print(settings.DATABASES['default']['HOST'], settings.EMAIL_HOST, settings.EMAIL_USE_TLS)",
        env=env,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("\n")
    assert lines[0] == "django.db.backends.postgresql"
    assert lines[1] == "newsroom.shared.cache.ResilientRedisCache"
    assert lines[2] == "django.core.mail.backends.smtp.EmailBackend"
    assert lines[3].startswith("False")
    assert lines[4] == "db.internal smtp.internal True"


def test_a_cache_key_prefix_in_cache_url_is_honoured():
    # Several sites (or test runs) can then share one Redis without reading each other's keys.
    result = run_django(
        "from django.conf import settings\nprint(settings.CACHES['default']['KEY_PREFIX'])",
        env={"CACHE_URL": "redis://127.0.0.1:6379/1?key_prefix=brahmaputra"},
    )
    assert result.stdout.strip().splitlines()[-1] == "brahmaputra", result.stderr


def test_deploy_checks_print_no_warning_under_production_settings():
    env = {
        **PRODUCTION_ENV,
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/newsroom",
        "CACHE_URL": "redis://127.0.0.1:6379/1",
    }
    result = run_django("", env=env, args=["check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_checks_warn_when_the_public_address_for_e_mails_is_missing():
    env = {**PRODUCTION_ENV, "PUBLISHER_URL": "", "CACHE_URL": "redis://127.0.0.1:6379/1"}
    result = run_django("", env=env, args=["check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode != 0
    assert "newsroom.W001" in result.stdout + result.stderr and "PUBLISHER_URL" in result.stdout + result.stderr


def test_logs_are_json_lines_on_stdout():
    result = run_django("import logging; logging.getLogger('newsroom').warning('hello %s', 'collector')")
    import json

    record = json.loads(result.stdout.strip().splitlines()[-1])
    assert record["message"] == "hello collector"
    assert record["level"] == "WARNING"


def test_env_example_lists_every_variable_the_settings_read():
    import re

    from newsroom.tests.helpers import PROJECT_DIR

    settings_source = (PROJECT_DIR / "newsroom" / "settings.py").read_text()
    read = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z][A-Z0-9_]+)"', settings_source))
    example = (PROJECT_DIR / ".env.example").read_text()
    listed = set(re.findall(r"^([A-Z][A-Z0-9_]+)=", example, re.M))
    assert read - listed == set()


def test_photos_stay_on_the_shared_disk_unless_a_bucket_is_named_then_they_live_in_it():
    show_storage = (
        "from django.core.files.storage import storages\n"
        "default_storage = storages['default']\n"
        "print(type(default_storage).__module__ + '.' + type(default_storage).__name__)\n"
        "print(default_storage.url('photos/2026/ferry.jpg'))\n"
    )
    on_disk = run_django(show_storage)
    assert on_disk.returncode == 0, on_disk.stderr
    assert on_disk.stdout.split("\n")[:2] == [
        "django.core.files.storage.filesystem.FileSystemStorage",
        "/media/photos/2026/ferry.jpg",
    ]

    in_bucket = run_django(
        show_storage,
        env={
            "MEDIA_S3_BUCKET": "newsroom-photos",
            "MEDIA_S3_ENDPOINT_URL": "https://s3.example.net",
            "MEDIA_S3_PUBLIC_DOMAIN": "photos.news.example.com",
            "AWS_ACCESS_KEY_ID": "test-key",
            "AWS_SECRET_ACCESS_KEY": "test-secret",
        },
    )
    assert in_bucket.returncode == 0, in_bucket.stderr
    # Public photo addresses, without a signature that would expire in pages kept by the caches.
    assert in_bucket.stdout.split("\n")[:2] == [
        "storages.backends.s3.S3Storage",
        "https://photos.news.example.com/photos/2026/ferry.jpg",
    ]
