"""A throwaway PostgreSQL database, Redis database and static files for real app servers."""

import os
import secrets
import subprocess
import sys

import pytest

from tests.system.servers import PROJECT_DIR, base_env, manage

POSTGRES = "postgres://postgres@127.0.0.1:5432"


def pytest_collection_modifyitems(items):
    # These tests start their own servers over PostgreSQL and Redis; they run once, in the PostgreSQL pass.
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        skip = pytest.mark.skip(reason="runs in the PostgreSQL pass of the suite")
        for item in items:
            if "/system/" in str(item.fspath):
                item.add_marker(skip)


def _psql(sql):
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", sql], check=True)


@pytest.fixture(scope="session")
def system_env(tmp_path_factory):
    """Environment of app servers over a fresh database (migrated, static files collected) and fresh cache keys."""
    name = f"newsroom_system_{os.getpid()}_{secrets.token_hex(3)}"
    _psql(f'CREATE DATABASE "{name}"')
    root = tmp_path_factory.mktemp("system")
    env = base_env(
        DATABASE_URL=f"{POSTGRES}/{name}",
        # A key prefix of its own: test sessions running side by side never share counters or pages.
        CACHE_URL=f"redis://127.0.0.1:6379/9?key_prefix={name}",
        STATIC_ROOT=str(root / "static"),
        MEDIA_ROOT=str(root / "media"),
    )
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    yield env
    _psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_in(env, code):
    """Run Python with Django set up against the servers' database; returns stdout."""
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def own_database_env(system_env, tmp_path):
    """system_env over a database (and media folder) of its own, migrated: for a test whose worker must run
    only the tasks its own servers queue, not those other tests' servers left waiting in the shared one."""
    name = f"newsroom_worker_{os.getpid()}_{secrets.token_hex(3)}"
    _psql(f'CREATE DATABASE "{name}"')
    env = {
        **system_env,
        "DATABASE_URL": f"{POSTGRES}/{name}",
        "CACHE_URL": f"redis://127.0.0.1:6379/9?key_prefix={name}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    manage(env, "migrate", "--noinput")
    yield env
    _psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
