"""The bodies a unit may have a section for. Codes are stable: the ledger carries them."""

from django.utils.translation import gettext_lazy as _

BODIES = [
    ("mttq", _("Ủy ban Mặt trận Tổ quốc Việt Nam")),
    ("phu-nu", _("Hội Liên hiệp Phụ nữ")),
    ("doan-thanh-nien", _("Đoàn Thanh niên Cộng sản Hồ Chí Minh")),
    ("nong-dan", _("Hội Nông dân")),
    ("cuu-chien-binh", _("Hội Cựu chiến binh")),
    ("cong-doan", _("Công đoàn")),
    ("khac", _("Tổ chức khác")),
]
SLUGS = {
    "mttq": "mat-tran-to-quoc",
    "phu-nu": "hoi-phu-nu",
    "doan-thanh-nien": "doan-thanh-nien",
    "nong-dan": "hoi-nong-dan",
    "cuu-chien-binh": "hoi-cuu-chien-binh",
    "cong-doan": "cong-doan",
}
