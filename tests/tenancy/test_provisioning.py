"""Provisioning: a live unit from a spec, all or nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django_tenants.utils import schema_context
from wagtail.models import Page, Site

from portal.accounts import roles
from portal.tenancy import provisioning
from portal.tenancy.models import Domain, Unit
from portal.tenancy.provisioning import ProvisioningError, UnitSpec, provision
from portal.tenancy.schemas import existing_schemas
from tests.conftest import client_for, client_for_host

pytestmark = pytest.mark.django_db


def commune_spec(**overrides):
    values = dict(
        name="Xã Tân Lập",
        code="TN-HA-X9",
        level="commune",
        domains=["xa-tanlap.test.localhost"],
        parent_code="TN-HA",
        admin_email="chu-tich@tanlap.vn",
    )
    values.update(overrides)
    return UnitSpec(**values)


def test_provisioned_unit_has_schema_domain_tree_and_admin(network):
    result = provision(commune_spec())
    unit = result.unit
    assert unit.schema_name in existing_schemas()
    assert unit.get_parent().code == "TN-HA"
    assert list(unit.domains.values_list("domain", "is_primary")) == [
        ("xa-tanlap.test.localhost", True)
    ]
    with schema_context(unit.schema_name):
        site = Site.objects.get()
        assert site.hostname == "xa-tanlap.test.localhost"
        assert site.root_page.title == "Xã Tân Lập"
        titles = [p.title for p in site.root_page.get_children()]
        assert titles == ["Tin tức - Sự kiện", "Văn bản", "Giới thiệu", "Liên hệ"]
        admin = get_user_model().objects.get(email="chu-tich@tanlap.vn")
        assert roles.roles_of(admin) == [roles.SITE_ADMIN]
    assert result.admin_password  # a new account gets a one-time password


def test_new_portal_serves_its_home_page(network):
    provision(commune_spec())
    connection.set_schema_to_public()
    response = client_for_host("xa-tanlap.test.localhost").get("/")
    assert response.status_code == 200
    assert "Xã Tân Lập" in response.content.decode()


def test_cloned_schema_holds_no_other_units_content(network):
    result = provision(commune_spec())
    with schema_context(result.unit.schema_name):
        assert Page.objects.filter(depth=2).count() == 1
        assert not Page.objects.filter(title__in=["Huyện Núi Đỏ", "Tỉnh Thử Nghiệm"]).exists()


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"code": "TN-HA"}, "code"),  # duplicate code
        ({"code": "tn_ha"}, "code"),  # schema name collision with TN-HA
        ({"code": "bad code!"}, "code"),
        ({"domains": ["huyen-a.test.localhost"]}, "domains"),  # duplicate domain
        ({"domains": ["not a host"]}, "domains"),
        ({"domains": []}, "domains"),
        ({"parent_code": "NOPE"}, "parent"),
        ({"level": "district", "parent_code": "TN-HA-X1"}, "parent"),  # district under a commune
        ({"level": "commune", "parent_code": None}, "parent"),
        ({"level": "galaxy"}, "level"),
        ({"admin_email": "not-an-email"}, "admin_email"),
        ({"name": "  "}, "name"),
    ],
)
def test_bad_input_is_refused_and_leaves_nothing(network, overrides, field):
    before = (Unit.objects.count(), Domain.objects.count(), existing_schemas())
    with pytest.raises(ProvisioningError) as excinfo:
        provision(commune_spec(**overrides))
    assert field in excinfo.value.errors
    assert (Unit.objects.count(), Domain.objects.count(), existing_schemas()) == before


def test_failure_halfway_rolls_everything_back(network, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("injected failure after the schema was cloned")

    monkeypatch.setattr(provisioning.roles, "grant", explode)
    users_before = get_user_model().objects.count()
    with pytest.raises(RuntimeError):
        provision(commune_spec())
    assert not Unit.objects.filter(code="TN-HA-X9").exists()
    assert not Domain.objects.filter(domain="xa-tanlap.test.localhost").exists()
    assert "u_tn_ha_x9" not in existing_schemas()
    assert get_user_model().objects.count() == users_before
    # And the same spec provisions cleanly on retry.
    monkeypatch.undo()
    assert provision(commune_spec()).unit.code == "TN-HA-X9"


def test_existing_account_is_reused_without_new_password(network):
    existing = network.users["district_a_editor"]
    result = provision(commune_spec(admin_email=existing.email))
    assert result.admin_password is None
    with schema_context(result.unit.schema_name):
        assert roles.roles_of(existing) == [roles.SITE_ADMIN]
    with schema_context(network.units["district_a"].schema_name):
        assert roles.roles_of(existing) == [roles.EDITOR]


def test_two_level_structure_commune_directly_under_province(network):
    unit = provision(commune_spec(parent_code="TN")).unit
    assert unit.get_parent().code == "TN"


def test_agency_under_a_commune(network):
    unit = provision(
        commune_spec(
            code="TN-MTTQ-X1", level="agency", parent_code="TN-HA-X1", name="MTTQ xã Đồng Tâm"
        )
    ).unit
    assert unit.level.code == "agency"


def test_units_see_only_their_own_pages(network):
    a = client_for(network, "district_a").get("/")
    b = client_for(network, "district_b").get("/")
    assert "Huyện Núi Đỏ" in a.content.decode() and "Huyện Sông Xanh" not in a.content.decode()
    assert "Huyện Sông Xanh" in b.content.decode() and "Huyện Núi Đỏ" not in b.content.decode()
