"""Daily page-view counts: a page, a day, a number. No address, cookie or agent is kept."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.tenancy.models import Unit


class PageViewDay(models.Model):
    """How many times one page of one unit was viewed on one (local) day."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="+", verbose_name=_("đơn vị")
    )
    page_id = models.PositiveBigIntegerField(_("mã trang"))
    day = models.DateField(_("ngày"))
    views = models.PositiveBigIntegerField(_("lượt xem"), default=0)

    class Meta:
        verbose_name = _("lượt xem trong ngày")
        verbose_name_plural = _("lượt xem trong ngày")
        constraints = [
            models.UniqueConstraint(fields=["unit", "page_id", "day"], name="page_view_day_unique")
        ]
        indexes = [models.Index(fields=["unit", "day"], name="page_view_unit_day")]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.page_id} {self.day}: {self.views}"


class VisitorCounterPreference(models.Model):
    """Whether a unit shows its total of page views in its portal's footer."""

    unit = models.OneToOneField(
        Unit, on_delete=models.CASCADE, related_name="visitor_counter", verbose_name=_("đơn vị")
    )
    show_total = models.BooleanField(
        _("hiện tổng lượt truy cập"),
        default=False,
        help_text=_("Hiện tổng số lượt xem trang ở chân trang của cổng."),
    )

    class Meta:
        verbose_name = _("bộ đếm truy cập")

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.show_total}"


class CachedViewLogPosition(models.Model):
    """How far `count_cached_views` has read nginx's log of cached views: the file (device
    and inode, to notice rotation) and the offset after the last line counted. Saved in
    the transaction that adds the views, so each line counts exactly once."""

    path = models.CharField(_("tệp nhật ký"), max_length=500, unique=True)
    device = models.BigIntegerField(_("thiết bị"), default=0)
    inode = models.BigIntegerField(_("inode"), default=0)
    offset = models.BigIntegerField(_("vị trí"), default=0)

    class Meta:
        verbose_name = _("vị trí đọc nhật ký lượt xem")

    def __str__(self) -> str:
        return f"{self.path}@{self.offset}"
