"""The portal's official name and today's date, as the header shows them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

PORTAL_KIND = "Cổng thông tin điện tử"
PARTY_COMMITTEE = "Đảng bộ"
# Levels whose unit is a territory with its own party committee (Đảng bộ tỉnh, huyện, xã).
TERRITORIAL_LEVELS = ("province", "district", "commune")
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


@dataclass(frozen=True)
class PortalName:
    kind: str  # "CỔNG THÔNG TIN ĐIỆN TỬ"
    owner: str  # "ĐẢNG BỘ TỈNH SƠN LÂM"

    def __str__(self) -> str:
        return f"{self.kind} {self.owner}"


def portal_name(unit_name: str, level_code: str, chosen: str = "") -> PortalName:
    """The official name: the unit's own choice, else derived from its level and name
    ("Tỉnh Sơn Lâm", province -> "CỔNG THÔNG TIN ĐIỆN TỬ" / "ĐẢNG BỘ TỈNH SƠN LÂM")."""
    kind = PORTAL_KIND.upper()
    chosen = chosen.strip()
    if chosen:
        owner = chosen
        if owner.upper().startswith(kind):
            owner = owner[len(kind) :].strip()
        return PortalName(kind, owner.upper())
    owner = unit_name.strip()
    if level_code in TERRITORIAL_LEVELS and not owner.upper().startswith(PARTY_COMMITTEE.upper()):
        owner = f"{PARTY_COMMITTEE} {owner}"
    return PortalName(kind, owner.upper())


def vietnamese_date(day: datetime.date) -> str:
    """ "Thứ Hai, ngày 07/12/2026"."""
    return f"{WEEKDAYS[day.weekday()]}, ngày {day:%d/%m/%Y}"
