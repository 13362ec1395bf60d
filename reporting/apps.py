from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = "Quarterly reporting"

    def ready(self) -> None:
        from lscb import dashboard
        from reporting.dashboard import report_panel

        dashboard.register("reporting", report_panel, order=30)
