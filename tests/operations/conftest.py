import pytest

from portal.settings import caches

from .services import RedisServer


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path / "redis")
    yield server
    server.stop()


@pytest.fixture
def redis_cache(redis_server, settings):
    """The default cache on a real redis-server, as in production."""
    settings.CACHES = caches.redis_cache(redis_server.url)
    yield redis_server
