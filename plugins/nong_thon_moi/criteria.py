"""The national criteria for new rural communes (19 criteria, period 2021-2025)."""

from django.utils.translation import gettext_lazy as _

CRITERIA = [
    (1, _("Quy hoạch")),
    (2, _("Giao thông")),
    (3, _("Thủy lợi và phòng, chống thiên tai")),
    (4, _("Điện")),
    (5, _("Trường học")),
    (6, _("Cơ sở vật chất văn hóa")),
    (7, _("Cơ sở hạ tầng thương mại nông thôn")),
    (8, _("Thông tin và Truyền thông")),
    (9, _("Nhà ở dân cư")),
    (10, _("Thu nhập")),
    (11, _("Nghèo đa chiều")),
    (12, _("Lao động")),
    (13, _("Tổ chức sản xuất và phát triển kinh tế nông thôn")),
    (14, _("Giáo dục và Đào tạo")),
    (15, _("Y tế")),
    (16, _("Văn hóa")),
    (17, _("Môi trường và an toàn thực phẩm")),
    (18, _("Hệ thống chính trị và tiếp cận pháp luật")),
    (19, _("Quốc phòng và An ninh")),
]
TOTAL = len(CRITERIA)
