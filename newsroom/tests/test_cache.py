import time

from newsroom.cache import ResilientRedisCache


def _cache(location):
    return ResilientRedisCache(location, {"OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}})


def test_redis_cache_stores_and_reads_values():
    cache = _cache("redis://127.0.0.1:6379/3")
    key = f"newsroom-test-{time.time()}"
    cache.set(key, {"headline": "Flood waters recede"}, 30)
    assert cache.get(key) == {"headline": "Flood waters recede"}
    cache.delete(key)
    assert cache.get(key, "missing") == "missing"


def test_with_redis_unreachable_the_cache_acts_as_a_miss_instead_of_failing():
    cache = _cache("redis://127.0.0.1:1/0")
    started = time.monotonic()
    assert cache.get("anything", "fallback") == "fallback"
    assert cache.set("anything", 1) is None
    assert cache.add("anything", 1) is False
    assert cache.get_many(["a", "b"]) == {}
    # After one failure, Redis is left alone for a while: no waiting on each call.
    for _ in range(100):
        cache.get("anything")
    assert time.monotonic() - started < 2
