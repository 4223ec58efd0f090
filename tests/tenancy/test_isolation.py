"""Nothing crosses units: routing, cache entries, media files, error pages."""

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test import Client
from django_tenants.utils import schema_context

from portal.tenancy import provisioning, routing
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_unknown_host_gets_a_404_page(network):
    response = Client(HTTP_HOST="khong-co.test.localhost").get("/")
    assert response.status_code == 404
    assert "Không tìm thấy cổng thông tin" in response.content.decode()


def test_cache_entries_are_per_unit(network):
    with schema_context(network.units["district_a"].schema_name):
        cache.set("home-fragment", "A")
    with schema_context(network.units["district_b"].schema_name):
        assert cache.get("home-fragment") is None
        cache.set("home-fragment", "B")
    with schema_context(network.units["district_a"].schema_name):
        assert cache.get("home-fragment") == "A"


def test_media_is_stored_and_served_per_unit(network, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with schema_context(network.units["district_a"].schema_name):
        name = default_storage.save("images/bao-cao.txt", ContentFile(b"noi dung A"))
    assert (tmp_path / network.units["district_a"].schema_name / name).exists()
    # No page uses it: the unit's own people get it (sites.file_access), nobody elsewhere.
    editor = client_for(network, "district_a", network.users["district_a_editor"])
    own = editor.get(f"/media/{name}")
    assert own.status_code == 200 and b"".join(own.streaming_content) == b"noi dung A"
    assert client_for(network, "district_b").get(f"/media/{name}").status_code == 404


def test_domain_change_is_seen_by_routing_at_once(network):
    client = client_for(network, "commune_a")
    assert client.get("/").status_code == 200  # fills the routing cache
    unit = network.unit("commune_a")
    unit.domains.update(domain="xa-a-moi.test.localhost")
    # update() sends no signal: the cache is still valid until invalidated explicitly,
    # which every write path in the code base does; rename goes through signals.
    provisioning.rename(unit, "Xã Đồng Tâm (mới)")
    assert Client(HTTP_HOST="xa-a-moi.test.localhost").get("/").status_code == 200
    assert client.get("/").status_code == 404


def test_archived_unit_answers_410_everywhere_including_admin(network):
    provisioning.archive(network.unit("commune_b"))
    client = client_for(network, "commune_b", network.users["network_admin"])
    for path in ("/", "/admin/", "/tin-tuc-su-kien/"):
        assert client.get(path).status_code == 410


def test_routing_follows_changes_made_after_a_cache_flush(network):
    client = client_for(network, "commune_a")
    assert client.get("/").status_code == 200  # fills this process's host map
    network.unit("commune_a").domains.update(domain="xa-a-sau-flush.test.localhost")
    connection.set_schema_to_public()
    cache.clear()  # e.g. Redis restarted
    routing.invalidate()  # the change's own invalidation, after the flush
    assert client.get("/").status_code == 404
    assert Client(HTTP_HOST="xa-a-sau-flush.test.localhost").get("/").status_code == 200


def test_routing_follows_changes_made_inside_a_units_context(network):
    client = client_for(network, "commune_a")
    assert client.get("/").status_code == 200
    unit = network.unit("commune_a")
    unit.domains.update(domain="xa-a-trong-don-vi.test.localhost")
    with schema_context(network.units["province"].schema_name):
        routing.invalidate()  # e.g. a change saved from the province's admin
    assert client.get("/").status_code == 404
    assert Client(HTTP_HOST="xa-a-trong-don-vi.test.localhost").get("/").status_code == 200
