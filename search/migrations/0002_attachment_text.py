from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="AttachmentText",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sha256", models.CharField(max_length=64, unique=True, verbose_name="mã băm SHA-256")),
                ("text", models.TextField(blank=True, verbose_name="nội dung")),
                (
                    "method",
                    models.CharField(
                        choices=[("text", "Lớp văn bản"), ("ocr", "Nhận dạng ký tự (OCR)"), ("none", "Không đọc được")],
                        help_text="Lớp văn bản của tệp, nhận dạng ký tự, hoặc không đọc được.",
                        max_length=8,
                        verbose_name="cách đọc",
                    ),
                ),
                (
                    "filename",
                    models.CharField(
                        blank=True, help_text="Tên tệp lần đầu được đọc.", max_length=255, verbose_name="tên tệp"
                    ),
                ),
                ("extracted_at", models.DateTimeField(auto_now_add=True, verbose_name="đọc lúc")),
            ],
            options={"verbose_name": "nội dung tệp đính kèm", "verbose_name_plural": "nội dung tệp đính kèm"},
        ),
    ]
