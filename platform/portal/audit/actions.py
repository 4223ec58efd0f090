"""The names of audited actions, and how the log shows them."""

from django.utils.translation import gettext_lazy as _

UNIT_PROVISIONED = "unit.provisioned"
UNIT_RENAMED = "unit.renamed"
UNIT_MOVED = "unit.moved"
UNIT_ARCHIVED = "unit.archived"
UNIT_RESTORED = "unit.restored"
UNIT_MERGED = "unit.merged"
UNIT_BACKED_UP = "unit.backed_up"
UNIT_RESTORED_FROM_BACKUP = "unit.restored_from_backup"
NETWORK_BACKED_UP = "network.backed_up"
PLUGIN_ENABLED = "plugin.enable"
PLUGIN_DISABLED = "plugin.disable"
PLUGIN_ALLOWED = "plugin.allow"
PLUGIN_DISALLOWED = "plugin.disallow"
ROLE_GRANTED = "role.granted"
ROLE_REVOKED = "role.revoked"
NETWORK_ADMIN_ADDED = "network_admin.added"
NETWORK_ADMIN_REMOVED = "network_admin.removed"
TWO_FACTOR_RESET = "two_factor.reset"
DOCUMENT_WITHDRAWN = "document.withdrawn"
INTAKE_TOKEN_CREATED = "intake.token_created"
INTAKE_TOKEN_REVOKED = "intake.token_revoked"
INTAKE_TOKEN_USED = "intake.token_used"
TRUST_ROOT_ADDED = "intake.trust_root_added"
TRUST_ROOT_REMOVED = "intake.trust_root_removed"

LABELS = {
    UNIT_PROVISIONED: _("Tạo đơn vị"),
    UNIT_RENAMED: _("Đổi tên đơn vị"),
    UNIT_MOVED: _("Chuyển đơn vị"),
    UNIT_ARCHIVED: _("Lưu trữ đơn vị"),
    UNIT_RESTORED: _("Khôi phục đơn vị"),
    UNIT_MERGED: _("Sáp nhập đơn vị"),
    UNIT_BACKED_UP: _("Sao lưu đơn vị"),
    UNIT_RESTORED_FROM_BACKUP: _("Phục hồi đơn vị từ bản sao lưu"),
    NETWORK_BACKED_UP: _("Sao lưu toàn mạng lưới"),
    PLUGIN_ENABLED: _("Bật mô-đun"),
    PLUGIN_DISABLED: _("Tắt mô-đun"),
    PLUGIN_ALLOWED: _("Cho phép mô-đun"),
    PLUGIN_DISALLOWED: _("Không cho phép mô-đun"),
    ROLE_GRANTED: _("Cấp vai trò"),
    ROLE_REVOKED: _("Thu hồi vai trò"),
    NETWORK_ADMIN_ADDED: _("Thêm quản trị mạng lưới"),
    NETWORK_ADMIN_REMOVED: _("Bỏ quản trị mạng lưới"),
    TWO_FACTOR_RESET: _("Đặt lại xác thực hai bước"),
    DOCUMENT_WITHDRAWN: _("Gỡ văn bản khỏi cổng"),
    INTAKE_TOKEN_CREATED: _("Tạo mã kết nối hệ thống văn bản"),
    INTAKE_TOKEN_REVOKED: _("Thu hồi mã kết nối hệ thống văn bản"),
    INTAKE_TOKEN_USED: _("Hệ thống văn bản gửi yêu cầu"),
    TRUST_ROOT_ADDED: _("Thêm chứng thư gốc tin cậy"),
    TRUST_ROOT_REMOVED: _("Gỡ chứng thư gốc tin cậy"),
}
