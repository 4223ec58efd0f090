from portal.extensions.meta import PluginConfig


class DummyConfig(PluginConfig):
    name = "tests.extensions.dummy"
    label = "plugin_dummy"
    verbose_name = "Dummy"

    class PortalPluginMeta:
        name = "Mô-đun mẫu"
        description_vi = "Mô-đun dùng trong kiểm thử: đủ mọi điểm mở rộng."
        description_en = "The test suite's plugin: one of every extension point."
        version = "1.0.0"
        category = "content"
        levels = ("province", "district", "commune")
        compatibility = ">=0.1,<1"

    def ready(self):
        super().ready()
        from portal.extensions import ledger, slots

        from . import models, receivers

        ledger.register_kind(models.DummyPage, "dummy", "Mẫu", models.dummy_entry)
        slots.register_block(
            self.label,
            "home_aside",
            "latest-note",
            "plugin_dummy/home_block.html",
            models.latest_note_context,
        )
        receivers.connect()

    def on_enable(self, unit):
        from .models import DummyNote

        DummyNote.objects.create(text=f"enabled in {unit.code}")

    def on_disable(self, unit):
        from .models import DummyNote

        DummyNote.objects.create(text=f"disabled in {unit.code}")
