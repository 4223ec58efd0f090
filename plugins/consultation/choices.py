"""The states of a comment and its size limit (shared by the models, forms and views)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_COMMENT_LENGTH = 5000


class CommentStatus(models.TextChoices):
    NEW = "new", _("Chờ duyệt")
    PUBLISHED = "published", _("Đã duyệt")
    HIDDEN = "hidden", _("Đã ẩn")
