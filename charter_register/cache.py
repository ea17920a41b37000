"""The shared cache's Redis backend: Django's, with one client object per connection pool.

Django's ``RedisCacheClient`` makes a new ``redis.Redis`` object for every cache call; building
one (its table of response callbacks) took longer than a page-cache hit's own work. A
``redis.Redis`` object is safe to share between threads (every command takes a connection from
the pool and gives it back), and the pool notices a fork and opens new connections in the
child, so one object per pool serves the whole process.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusedClient(RedisCacheClient):
    """Django's Redis cache client, keeping the ``redis.Redis`` object of each pool."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    """``django.core.cache.backends.redis.RedisCache`` with ``ReusedClient``."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClient
