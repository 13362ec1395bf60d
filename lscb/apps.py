from django.apps import AppConfig


class LscbConfig(AppConfig):
    name = "lscb"
    verbose_name = "Shared vocabulary"

    def ready(self) -> None:
        from lscb import freshness, signals  # noqa: F401 - signals: the sign-in audit receivers
        from lscb.models import AuditEvent, SecureLink

        # Pages show the audit log (an outcome's changes), but every event is written in
        # the transaction of the change it records, which moves its own area on.
        freshness.exempt(AuditEvent)
        # Links are listed on the pages of what they name: review actions and section 11
        # returns, and outcomes. A purpose on another area's objects widens this.
        freshness.watch(SecureLink, "board", "reviews workplans")
