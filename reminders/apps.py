from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = "Reminders"

    def ready(self) -> None:
        # Register the task in every process (the worker's autodiscovery is lazy).
        from reminders import tasks  # noqa: F401
