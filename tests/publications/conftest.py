import pytest

BASE_URL = "https://quantri.test.localhost"


@pytest.fixture(autouse=True)
def _portals_over_https(settings):
    """Portals share the admin's scheme and port: here https on the default port."""
    settings.WAGTAILADMIN_BASE_URL = BASE_URL
