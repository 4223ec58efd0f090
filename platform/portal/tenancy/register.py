"""A province and all its communes, from the official register of administrative units.

The register is the package `vietnam-provinces` (the two-level structure since
2025: 34 provinces, 3,321 communes, wards and special zones). It is GPL, so it
is an optional dependency (`pip install portal-network[register]`) imported
only inside this module's functions, and only `provision_province` uses it.

What a province becomes in the network:

- Unit codes come from the official codes, prefixed as the register's own
  names do (`ProvinceCode.P_12`, `WardCode.W_03199`): province "P12", commune
  "W03199". Official codes are unique nationwide and never reused, so these
  codes are stable; the prefix keeps them apart from codes the Office chooses.
- Domains: the province is served at the domain suffix itself
  (`laichau.localhost`); each commune at `<type>-<name>.<suffix>`, ASCII without
  spaces, as in `xa-tanuyen.laichau.localhost` for "Xã Tân Uyên" (the
  convention of the existing portals). Names that only differ by their
  diacritics ("Xã Thanh An", "Xã Thạnh An") get their code appended to all of
  them: `xa-thanhan-w25807`, so no domain depends on the register's order.
- Levels: the province is a root "province"; every commune, ward or special
  zone is a "commune" directly under it.
"""

from __future__ import annotations

import difflib
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import Unit
from .provisioning import (
    HOSTNAME_RE,
    ProvisioningError,
    ProvisionResult,
    UnitSpec,
    in_public_schema,
    provision,
)

PROVINCE_PREFIXES = ("tinh ", "thanh pho ", "tp. ", "tp ")

CREATED, EXISTS, FAILED = "created", "exists", "failed"


def _register():
    """The `vietnam_provinces` package, imported only when a province is asked for."""
    try:
        import vietnam_provinces
    except ImportError as error:
        message = _(
            "Chưa cài danh mục đơn vị hành chính: chạy `pip install vietnam-provinces` "
            "(hoặc `pip install portal-network[register]`)."
        )
        raise ProvisioningError({"__all__": [message]}) from error
    return vietnam_provinces


def _fold(text: str) -> str:
    """Lower case ASCII without diacritics: "Đắk  Lắk" -> "dak lak"."""
    text = text.replace("đ", "d").replace("Đ", "D")  # đ has no decomposition
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(ascii_text.lower().split())


def _province_key(name: str) -> str:
    """What a user's name for a province is compared on: folded, without "Tỉnh"/"Thành phố"."""
    key = _fold(name)
    for prefix in PROVINCE_PREFIXES:
        if key.startswith(prefix):
            return key[len(prefix) :]
    return key


def find_province(name: str):
    """The register's province called `name`; raise ProvisioningError naming close matches."""
    provinces = {_province_key(p.name): p for p in _register().Province.iter_all()}
    province = provinces.get(_province_key(name))
    if province is not None:
        return province
    message = _("Không có tỉnh, thành phố “%(name)s” trong danh mục đơn vị hành chính.") % {
        "name": name
    }
    close = difflib.get_close_matches(_province_key(name), provinces, n=3)
    if close:
        names = ", ".join(provinces[key].name for key in close)
        message += " " + _("Có phải là: %(names)s?") % {"names": names}
    raise ProvisioningError({"province": [message]})


def province_unit_name(province) -> str:
    """The unit's name, "Tỉnh Lai Châu"; cities are already "Thành phố …" in the register."""
    if province.division_type.value == "tỉnh":
        return f"Tỉnh {province.name}"
    return province.name


def province_code(province) -> str:
    return f"P{int(province.code):02d}"


def commune_code(ward) -> str:
    return f"W{int(ward.code):05d}"


def _label(text: str) -> str:
    """ASCII letters and digits only: "Tân Uyên" -> "tanuyen", "B'Lao" -> "blao"."""
    return re.sub(r"[^a-z0-9]", "", _fold(text))


def commune_label(ward) -> str:
    """A commune's DNS label: "Xã Tân Uyên" -> "xa-tanuyen", "Đặc khu Cô Tô" -> "dackhu-coto"."""
    kind = ward.division_type.value  # every name starts with it: "xã", "phường", "đặc khu"
    return f"{_label(kind)}-{_label(ward.name[len(kind) :])}"


def commune_labels(wards) -> dict[str, str]:
    """Commune code -> DNS label, unique within the province."""
    labels = {commune_code(w): commune_label(w) for w in wards}
    taken = Counter(labels.values())
    return {
        code: label if taken[label] == 1 else f"{label}-{code.lower()}"
        for code, label in labels.items()
    }


def _normalise_suffix(domain_suffix: str) -> str:
    suffix = (domain_suffix or "").strip().lower().strip(".")
    if not HOSTNAME_RE.match(suffix):
        message = _("Tên miền “%(domain)s” không hợp lệ.") % {"domain": domain_suffix}
        raise ProvisioningError({"domain_suffix": [message]})
    return suffix


def plan(province_name: str, domain_suffix: str, admin_email: str | None = None) -> list[UnitSpec]:
    """The units of a province as specs: the province first, then its communes by code."""
    suffix = _normalise_suffix(domain_suffix)
    province = find_province(province_name)
    root = UnitSpec(
        name=province_unit_name(province),
        code=province_code(province),
        level="province",
        domains=[suffix],
        admin_email=admin_email,
    )
    wards = sorted(_register().Ward.iter_by_province(province.code), key=lambda w: int(w.code))
    labels = commune_labels(wards)
    communes = [
        UnitSpec(
            name=ward.name,
            code=commune_code(ward),
            level="commune",
            domains=[f"{labels[commune_code(ward)]}.{suffix}"],
            parent_code=root.code,
        )
        for ward in wards
    ]
    return [root, *communes]


@in_public_schema
def existing_codes() -> set[str]:
    """Codes of the network's units, lower case (codes are unique case-insensitively)."""
    return {code.lower() for code in Unit.objects.values_list("code", flat=True)}


@dataclass
class Outcome:
    spec: UnitSpec
    status: str  # CREATED, EXISTS or FAILED
    seconds: float = 0.0
    error: str | None = None
    result: ProvisionResult | None = None  # of a created unit


def provision_all(specs: list[UnitSpec]) -> Iterator[Outcome]:
    """Provision the specs one by one, each in its own transaction, yielding each outcome.

    Units whose code exists are left alone. A failed unit does not stop the
    others, except the first spec: it is the parent of all the others, which
    could only fail after it.
    """
    existing = existing_codes()
    for position, spec in enumerate(specs):
        if spec.code.lower() in existing:
            yield Outcome(spec, EXISTS)
            continue
        outcome = _provision_one(spec)
        yield outcome
        if outcome.status == FAILED and position == 0:
            return


def _provision_one(spec: UnitSpec) -> Outcome:
    started = time.monotonic()
    try:
        result = provision(spec, refill_pool=False)
    except ProvisioningError as error:
        return Outcome(spec, FAILED, time.monotonic() - started, error=str(error))
    except Exception as error:  # any failure is reported; provision() rolled it all back
        message = f"{type(error).__name__}: {error}"
        return Outcome(spec, FAILED, time.monotonic() - started, error=message)
    return Outcome(spec, CREATED, time.monotonic() - started, result=result)
