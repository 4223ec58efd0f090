from django.apps import AppConfig


class NationalPagesConfig(AppConfig):
    name = "bench.national_pages"
    label = "bench_national"
    default_auto_field = "django.db.models.BigAutoField"
