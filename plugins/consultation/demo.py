"""A sample consultation for the demo network: the province's draft political report, open
for a month, with its chapters and a few comments."""

from __future__ import annotations

import datetime
import io

import docx
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from portal.extensions.pages import publish_under_home

from .choices import CommentStatus
from .models import Comment, ConsultationIndexPage, ConsultationPage, DraftFile

SLUG = "du-thao-bao-cao-chinh-tri-mau"
CHAPTERS = [
    (
        "Phần thứ nhất",
        "Đánh giá kết quả thực hiện Nghị quyết nhiệm kỳ trước",
        "Kinh tế tăng trưởng khá; văn hóa, xã hội tiến bộ; quốc phòng, an ninh được giữ vững.",
    ),
    (
        "Phần thứ hai",
        "Phương hướng, mục tiêu nhiệm kỳ mới",
        "Mục tiêu tổng quát, các chỉ tiêu chủ yếu về kinh tế, xã hội, môi trường và xây dựng Đảng.",
    ),
    (
        "Phần thứ ba",
        "Nhiệm vụ, giải pháp chủ yếu",
        "Chuyển đổi số, nông nghiệp hàng hóa, cải cách hành chính, chăm lo đời sống nhân dân.",
    ),
    ("Phần thứ tư", "Tổ chức thực hiện", "Phân công cấp ủy, chính quyền, Mặt trận, đoàn thể."),
]
COMMENTS = [
    (2, "Trần Văn Bình", "Chi bộ thôn Đông", "Đề nghị bổ sung chỉ tiêu tỷ lệ hộ dùng nước sạch "
     "và nêu rõ lộ trình đến cuối nhiệm kỳ.", CommentStatus.PUBLISHED,
     "Ban soạn thảo tiếp thu, bổ sung vào mục II, Phần thứ hai."),
    (3, "Lê Thị Hoa", "Hội Liên hiệp Phụ nữ xã", "Giải pháp chuyển đổi số cần nói cụ thể việc hỗ "
     "trợ người cao tuổi sử dụng dịch vụ công trực tuyến.", CommentStatus.PUBLISHED, ""),
    (None, "Nguyễn Minh Tuấn", "", "Dự thảo viết mạch lạc; đề nghị rút gọn phần đánh giá để "
     "dành dung lượng cho giải pháp.", CommentStatus.NEW, ""),
]  # fmt: skip


def _draft_document(unit_name: str):
    """The draft as a DOCX made here: the chapters, each with its summary (sample content)."""
    Document = get_document_model()
    title = f"Dự thảo Báo cáo chính trị – {unit_name} (mẫu)"
    existing = Document.objects.filter(title=title).first()
    if existing is not None:
        return existing
    draft = docx.Document()
    draft.add_heading(f"DỰ THẢO BÁO CÁO CHÍNH TRỊ CỦA {unit_name.upper()}", level=0)
    draft.add_paragraph("(Nội dung mẫu của mạng lưới trình diễn)")
    for label, name, summary in CHAPTERS:
        draft.add_heading(f"{label}: {name.upper()}", level=1)
        draft.add_paragraph(summary)
    buffer = io.BytesIO()
    draft.save(buffer)
    document = Document(title=title)
    document.file.save(
        "du-thao-bao-cao-chinh-tri-mau.docx", ContentFile(buffer.getvalue()), save=False
    )
    document.save()
    return document


def fill(unit, author) -> int:
    """The province's consultation, open from a week ago for a month; skips what exists."""
    if unit.level.code != "province" or ConsultationPage.objects.filter(slug=SLUG).exists():
        return 0
    index = ConsultationIndexPage.objects.first() or publish_under_home(
        ConsultationIndexPage(title="Góp ý dự thảo", slug="gop-y-du-thao", show_in_menus=True)
    )
    if index is None:
        return 0
    now = timezone.now()
    page = ConsultationPage(
        title=f"Lấy ý kiến góp ý Dự thảo Báo cáo chính trị trình Đại hội Đảng bộ {unit.name} (mẫu)",
        slug=SLUG,
        intro=(
            "<p>Thực hiện Kế hoạch của Ban Thường vụ, Tiểu ban Văn kiện trân trọng đề nghị cán "
            "bộ, đảng viên và Nhân dân góp ý vào Dự thảo Báo cáo chính trị. Ý kiến xin gửi theo "
            "từng phần của dự thảo hoặc góp ý chung (nội dung mẫu).</p>"
        ),
        opens_at=now - datetime.timedelta(days=7),
        closes_at=now + datetime.timedelta(days=30),
        show_comments=True,
        drafting_body="Tiểu ban Văn kiện Đại hội",
        owner=author,
        live=False,
    )
    page.drafts.add(DraftFile(document=_draft_document(unit.name)))
    for label, name, summary in CHAPTERS:
        page.sections.add(page.sections.model(label=label, title=name, summary=summary))
    index.add_child(instance=page)
    page.save_revision(user=author).publish(user=author)
    sections = list(page.sections.all())
    for number, name, organisation, text, status, answer in COMMENTS:
        section = sections[number - 1] if number else None
        Comment.objects.create(
            consultation=page,
            section=section,
            section_label=str(section) if section else "",
            unit_code=unit.code,
            unit_name=unit.name,
            name=name,
            organisation=organisation,
            text=text,
            status=status,
            answer=answer,
            answered_at=now if answer else None,
        )
    return 1
