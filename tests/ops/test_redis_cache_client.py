"""The Redis cache backend keeps one client object per connection pool (a new one for every
cache call cost more than a page-cache hit's own work) and still reads and writes Redis."""

import socket
import uuid

import pytest

from charter_register.cache import RedisCache

REDIS = ("127.0.0.1", 6379)


def redis_answers() -> bool:
    try:
        socket.create_connection(REDIS, timeout=0.5).close()
    except OSError:
        return False
    return True


def backend() -> RedisCache:
    return RedisCache(f"redis://{REDIS[0]}:{REDIS[1]}/14", {"KEY_PREFIX": uuid.uuid4().hex})


def test_every_cache_call_uses_the_same_client_object():
    cache = backend()
    client = cache._cache.get_client("a")
    assert cache._cache.get_client("b") is client
    assert cache._cache.get_client("c", write=True) is client
    assert client.connection_pool is cache._cache._get_connection_pool(False)


def test_a_second_cache_has_its_own_client():
    assert backend()._cache.get_client() is not backend()._cache.get_client()


@pytest.mark.skipif(not redis_answers(), reason="needs Redis on 127.0.0.1:6379 (CI has one)")
def test_values_go_to_redis_and_come_back():
    cache = backend()
    cache.set("stamp", {"n": 1}, 30)
    assert cache.get("stamp") == {"n": 1}
    assert cache.get_many(["stamp", "missing"]) == {"stamp": {"n": 1}}
    assert cache.add("count", 1)
    assert cache.incr("count") == 2
    cache.delete("stamp")
    assert cache.get("stamp") is None
