import time

from newsroom.shared.cache import ResilientRedisCache


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


def test_counting_in_redis_takes_one_round_trip_and_still_refuses_a_missing_key():
    cache = _cache("redis://127.0.0.1:6379/3")
    key = f"newsroom-test-views-{time.time()}"
    try:
        cache.incr(key)
        raise AssertionError("incr of a missing key must raise ValueError, as Django's does")
    except ValueError:
        pass
    assert cache.get(key) is None  # refusing did not create the key
    cache.add(key, 1, 30)
    client = cache._cache.get_client(key, write=True)
    sent = []
    send = client.execute_command
    client.execute_command = lambda *args, **options: sent.append(args[0]) or send(*args, **options)
    try:
        assert cache.incr(key) == 2
        assert cache.incr(key, 5) == 7
    finally:
        del client.execute_command
    assert sent == ["EVAL", "EVAL"]  # one command, one round trip, per count
    assert cache.get(key) == 7
    cache.delete(key)
