"""Sample news of the Fatherland Front and the mass organisations for the demo network."""

from __future__ import annotations

from sites.demo_content import picture

from .bodies import SLUGS
from .models import OrganisationNewsPage, OrganisationPage

# (body code, slug, scene kind, title, lead, paragraph); `{unit}` is the unit's name.
NEWS = [
    (
        "mttq",
        "ngay-hoi-dai-doan-ket-mau",
        "flag_ceremony",
        "Ủy ban MTTQ {unit} tổ chức Ngày hội Đại đoàn kết toàn dân tộc",
        "Hàng trăm người dân các khu dân cư cùng dự lễ chào cờ, văn nghệ và các trò chơi dân gian.",
        "Ngày hội là dịp biểu dương các gia đình văn hóa tiêu biểu và trao quà cho hộ khó khăn "
        "(nội dung mẫu).",
    ),
    (
        "phu-nu",
        "kham-suc-khoe-phu-nu-mau",
        "health_station",
        "Hội Phụ nữ {unit} phối hợp khám sức khỏe miễn phí cho hội viên",
        "Hơn hai trăm hội viên được khám, tư vấn chăm sóc sức khỏe sinh sản tại trạm y tế.",
        "Chương trình do Hội Liên hiệp Phụ nữ phối hợp với trạm y tế thực hiện (nội dung mẫu).",
    ),
    (
        "doan-thanh-nien",
        "tuoi-tre-trong-cay-mau",
        "volunteers",
        "Đoàn Thanh niên {unit} ra quân trồng một nghìn cây xanh",
        "Các chi đoàn trồng cây dọc tuyến đê và khuôn viên trường học trong ngày Chủ nhật xanh.",
        "Mỗi đoàn viên nhận chăm sóc một cây trong năm đầu (nội dung mẫu).",
    ),
    (
        "nong-dan",
        "hoi-nong-dan-lua-mau",
        "rice_fields",
        "Hội Nông dân {unit} hướng dẫn hội viên chăm sóc lúa vụ mới",
        "Cán bộ khuyến nông hướng dẫn ngay trên đồng ruộng cách bón phân cân đối, phòng sâu bệnh.",
        "Hội viên được hỗ trợ giống lúa chất lượng cao cho vụ tới (nội dung mẫu).",
    ),
]


def fill(unit, author) -> int:
    """One news item for each of four bodies, each with its own picture; skips what exists."""
    made = 0
    for code, slug, kind, title, lead, paragraph in NEWS:
        body = OrganisationPage.objects.filter(slug=SLUGS[code]).first()
        if body is None or OrganisationNewsPage.objects.filter(slug=slug).exists():
            continue
        name = title.format(unit=unit.name)
        news = OrganisationNewsPage(
            title=name,
            slug=slug,
            lead=lead,
            text=f"<p>{paragraph}</p>",
            image=picture(f"Ảnh: {name}"[:255], kind, f"{unit.name} {code}"),
            owner=author,
            live=False,
        )
        body.add_child(instance=news)
        news.save_revision(user=author).publish(user=author)
        made += 1
    return made
