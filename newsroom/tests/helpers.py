"""Run Django in a child process with an environment of the test's choosing.

Settings are read once per process, so behaviour that depends on the environment
(production mode, an unreachable database) is tested in a process of its own.
"""

import os
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
UNREACHABLE_DATABASE_URL = "postgres://postgres@127.0.0.1:1/newsroom"

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "x7!q2Zp0-production-like-secret-key-for-tests-only-9aB3cD4eF5gH6iJ7kL8",
    "ALLOWED_HOSTS": "news.example.com,testserver",
    "PUBLISHER_URL": "https://news.example.com",
}


def run_django(code, env=None, args=()):
    """Run `code` (Python) after django.setup(), or manage.py with `args`; return the CompletedProcess."""
    child_env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "CACHE_URL", "EMAIL_URL", "SECRET_KEY"))
        and key not in {"DEBUG", "ALLOWED_HOSTS", "PYTEST_XDIST_WORKER"}
    }
    child_env["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
    child_env["DEBUG"] = "true"  # development, unless the test asks for production (PRODUCTION_ENV)
    child_env.update(env or {})
    child_env = {key: value for key, value in child_env.items() if value is not None}  # None: leave it unset
    if args:
        command = [sys.executable, "manage.py", *args]
    else:
        command = [sys.executable, "-c", "import django; django.setup()\n" + code]
    return subprocess.run(command, cwd=PROJECT_DIR, env=child_env, capture_output=True, text=True, timeout=120)
