from django.apps import AppConfig


class VoiceConfig(AppConfig):
    name = "voice"
    verbose_name = "Voice of children and young people"

    def ready(self) -> None:
        from lscb import freshness
        from voice import models as m

        # What children and families said feeds the board's reports.
        freshness.watch(m.VoiceRecord, "board", "reporting")
