"""Outages made by the test itself (a TCP proxy it cuts), never by stopping the machine's servers."""

import time

import pytest

from tests.system.http import Browser
from tests.system.servers import AppServer, TCPProxy


@pytest.fixture
def database_proxy():
    proxy = TCPProxy("127.0.0.1", 5432).start()
    yield proxy
    proxy.stop()


@pytest.fixture
def redis_proxy():
    proxy = TCPProxy("127.0.0.1", 6379).start()
    yield proxy
    proxy.stop()


def _wait_for(check, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.3)
    return False


def test_with_postgresql_down_pages_answer_a_styled_503_quickly_and_recover_without_restart(system_env, database_proxy):
    database = system_env["DATABASE_URL"].rsplit("/", 1)[1]
    env = {**system_env, "DATABASE_URL": f"postgres://postgres@127.0.0.1:{database_proxy.port}/{database}"}
    server = AppServer(env).start()
    try:
        browser = Browser()
        # Search always reads the database (nothing is served from the page cache).
        assert browser.get(server.url + "/search/?q=flood").status == 200

        database_proxy.cut()
        page = browser.get(server.url + "/search/?q=flood")
        assert page.status == 503
        assert "Temporarily unavailable" in page.text
        assert page.seconds < 5
        assert browser.get(server.url + "/healthz").status == 503

        database_proxy.restore()
        assert _wait_for(lambda: browser.get(server.url + "/healthz").status == 200)
        assert browser.get(server.url + "/search/?q=flood").status == 200
    finally:
        server.stop()


def test_with_redis_down_the_site_keeps_serving_from_the_database(system_env, redis_proxy):
    env = {**system_env, "CACHE_URL": f"redis://127.0.0.1:{redis_proxy.port}/9"}
    server = AppServer(env).start()
    try:
        browser = Browser()
        assert browser.get(server.url + "/").status == 200
        redis_proxy.cut()
        for path in ("/", "/accounts/login/", "/contact/"):
            page = browser.get(server.url + path)
            assert page.status == 200, path
            assert page.seconds < 5
        health = browser.get(server.url + "/healthz")
        assert health.status == 503 and '"cache": "unavailable"' in health.text
        redis_proxy.restore()
        assert _wait_for(lambda: browser.get(server.url + "/healthz").status == 200)
    finally:
        server.stop()
