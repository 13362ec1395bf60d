from django.apps import AppConfig


class WorkplansConfig(AppConfig):
    name = "workplans"
    verbose_name = "Workplans"

    def ready(self) -> None:
        from lscb import dashboard
        from workplans.panels import workplan_panel

        dashboard.register("workplans", workplan_panel, order=10)
