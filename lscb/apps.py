from django.apps import AppConfig


class LscbConfig(AppConfig):
    name = "lscb"
    verbose_name = "Shared vocabulary"

    def ready(self) -> None:
        from lscb import signals  # noqa: F401 - connects the sign-in audit receivers
