from django.apps import AppConfig


class LscbConfig(AppConfig):
    name = "lscb"
    verbose_name = "Shared vocabulary"

    def ready(self) -> None:
        from lscb import freshness, signals  # noqa: F401 - signals: the sign-in audit receivers
        from lscb.models import AuditEvent

        # Outcome and review pages show their change history from the audit log.
        freshness.watch(AuditEvent, "board", deletes=False)
