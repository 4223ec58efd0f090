"""A province and its communes from the official register (`provision_province`)."""

import sys
from dataclasses import dataclass
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation

from portal.tenancy import register
from portal.tenancy.models import UNIT_CODE_VALIDATOR, Domain, Unit
from portal.tenancy.provisioning import HOSTNAME_RE, ProvisioningError, UnitSpec

LAI_CHAU_COMMUNES = 38


@dataclass
class Run:
    output: str
    errors: str
    error: CommandError | None


def run(*args) -> Run:
    """Run provision_province and capture what it printed and the CommandError it raised."""
    out, err, error = StringIO(), StringIO(), None
    # The command switches to English; give the next tests back their language.
    with translation.override(translation.get_language()):
        try:
            call_command("provision_province", *args, stdout=out, stderr=err, no_color=True)
        except CommandError as raised:
            error = raised
    return Run(out.getvalue(), err.getvalue(), error)


def lines(output: str, status: str) -> int:
    """How many units the output reports with `status`."""
    return output.count(f"] {status} ")


@pytest.fixture(scope="module")
def lai_chau(network, django_db_blocker) -> Run:
    """Lai Châu provisioned once, committed as the command really runs, removed afterwards.

    Not inside a test's transaction: there the 39 clones share one database
    session, which slows every clone down (see register._end_session) and
    made the rollback alone take minutes.
    """
    with django_db_blocker.unblock():
        first = run("lai chau", "--domain-suffix", "laichau.localhost")
    yield first
    with django_db_blocker.unblock():
        _remove_province("P12")


def _remove_province(code: str) -> None:
    """Drop the province's and its communes' schemas and rows."""
    connection.set_schema_to_public()
    province = Unit.objects.get(code=code)
    units = [province, *province.get_descendants()]
    with connection.cursor() as cursor:
        for unit in units:
            cursor.execute(f'DROP SCHEMA "{unit.schema_name}" CASCADE')
    Domain.objects.filter(tenant__in=units).delete()
    Unit.objects.filter(pk__in=[unit.pk for unit in units]).delete()


@pytest.mark.parametrize(
    "name, official",
    [
        ("Lai Châu", "Lai Châu"),
        ("lai chau", "Lai Châu"),
        ("  LAI   CHÂU ", "Lai Châu"),
        ("Tỉnh Lai Châu", "Lai Châu"),
        ("tinh lai chau", "Lai Châu"),
        ("Thành phố Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
        ("Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
        ("thanh pho ho chi minh", "Thành phố Hồ Chí Minh"),
        ("Đắk Lắk", "Đắk Lắk"),
        ("dak lak", "Đắk Lắk"),
    ],
)
def test_province_found_with_or_without_diacritics_and_prefix(name, official):
    assert register.find_province(name).name == official


def test_unknown_province_names_close_matches():
    with pytest.raises(ProvisioningError) as excinfo:
        register.find_province("Lai Chao")
    (message,) = excinfo.value.errors["province"]
    assert "Lai Chao" in message and "Lai Châu" in message


def test_missing_register_package_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "vietnam_provinces", None)  # makes the import fail
    with pytest.raises(ProvisioningError, match="pip install vietnam-provinces"):
        register.find_province("Lai Châu")


def test_every_province_plans_valid_unique_codes_and_domains():
    """All 34 provinces, 3,321 communes: codes and host names the network accepts."""
    codes, domains = set(), set()
    for province in register._register().Province.iter_all():
        for spec in register.plan(province.name, f"p{int(province.code)}.example.vn"):
            UNIT_CODE_VALIDATOR(spec.code)
            assert HOSTNAME_RE.match(spec.domains[0]), spec.domains[0]
            codes.add(spec.code.lower())
            domains.add(spec.domains[0])
    assert len(codes) == len(domains) == 34 + 3321


def test_communes_whose_names_differ_only_by_diacritics_get_their_code_in_the_domain():
    domains = {spec.name: spec.domains[0] for spec in register.plan("Hồ Chí Minh", "hcm.localhost")}
    assert domains["Thành phố Hồ Chí Minh"] == "hcm.localhost"
    assert domains["Xã Thanh An"] == "xa-thanhan-w25807.hcm.localhost"
    assert domains["Xã Thạnh An"] == "xa-thanhan-w27676.hcm.localhost"
    assert domains["Phường Sài Gòn"] == "phuong-saigon.hcm.localhost"


@pytest.mark.django_db
def test_unknown_province_fails_the_command(network):
    result = run("Lai Chao", "--domain-suffix", "x.localhost")
    assert result.error is not None and "Lai Chao" in str(result.error)


@pytest.mark.django_db
def test_dry_run_lists_and_creates_nothing(network):
    before = Unit.objects.count()
    result = run("Điện Biên", "--domain-suffix", "dienbien.localhost", "--dry-run")
    assert result.error is None
    assert lines(result.output, "would create") == 1 + 45
    assert "P11     Tỉnh Điện Biên" in result.output
    assert Unit.objects.count() == before


@pytest.mark.django_db
def test_lai_chau_is_the_province_and_its_38_communes_under_it(lai_chau):
    assert lai_chau.error is None, lai_chau.errors
    assert lines(lai_chau.output, "created") == 1 + LAI_CHAU_COMMUNES
    assert "created 39, exists 0, failed 0" in lai_chau.output

    province = Unit.objects.get(code="P12")
    assert (province.name, province.level.code, province.primary_domain()) == (
        "Tỉnh Lai Châu",
        "province",
        "laichau.localhost",
    )
    assert province.is_root()
    communes = province.get_children()
    assert communes.count() == LAI_CHAU_COMMUNES
    assert {commune.level.code for commune in communes} == {"commune"}
    assert province.get_descendant_count() == LAI_CHAU_COMMUNES  # all directly under it
    tan_uyen = communes.get(code="W03598")
    assert (tan_uyen.name, tan_uyen.primary_domain()) == (
        "Xã Tân Uyên",
        "xa-tanuyen.laichau.localhost",
    )


@pytest.mark.django_db
def test_rerun_creates_nothing_and_reports_exists(lai_chau):
    before = (Unit.objects.count(), Domain.objects.count())
    result = run(
        "Lai Châu", "--domain-suffix", "laichau.localhost", "--admin-email", "vp@laichau.vn"
    )
    assert result.error is None
    assert lines(result.output, "exists") == 1 + LAI_CHAU_COMMUNES
    assert "created 0, exists 39, failed 0" in result.output
    assert "--admin-email vp@laichau.vn not applied" in result.output
    assert (Unit.objects.count(), Domain.objects.count()) == before


@pytest.mark.django_db
def test_a_failed_unit_is_reported_the_others_created_and_exit_is_non_zero(network, monkeypatch):
    specs = [
        UnitSpec("Tỉnh Thử", "TQ", "province", ["tq.test.localhost"], admin_email="vp@tq.vn"),
        UnitSpec("Xã Một", "TQ-X1", "commune", ["xa-a.test.localhost"], parent_code="TQ"),  # taken
        UnitSpec("Xã Hai", "TQ-X2", "commune", ["xa-hai.tq.test.localhost"], parent_code="TQ"),
    ]
    monkeypatch.setattr(register, "plan", lambda *args: specs)
    result = run("Thử", "--domain-suffix", "tq.test.localhost")
    assert result.error is not None and "1 unit(s) failed" in str(result.error)
    assert "created 2, exists 0, failed 1" in result.output
    assert "xa-a.test.localhost" in result.errors  # why it failed
    assert "Site administrator: vp@tq.vn password: " in result.output
    assert Unit.objects.get(code="TQ-X2").get_parent().code == "TQ"
    assert not Unit.objects.filter(code="TQ-X1").exists()
