import pytest

from .services import RedisServer, redis_cache_settings


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path / "redis")
    yield server
    server.stop()


@pytest.fixture
def redis_cache(redis_server, settings):
    """The default cache on a real redis-server, as in production."""
    settings.CACHES = redis_cache_settings(redis_server.url)
    yield redis_server
