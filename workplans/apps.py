from django.apps import AppConfig


class WorkplansConfig(AppConfig):
    name = "workplans"
    verbose_name = "Workplans"

    def ready(self) -> None:
        from lscb import dashboard
        from workplans.panels import workplan_panel

        dashboard.register("workplans", workplan_panel, order=10)

        from lscb import freshness
        from workplans import models as m

        freshness.watch(m.Priority, "board")
        freshness.watch(m.Workplan, "board")
        freshness.watch(m.Outcome, "workplan__board")
        freshness.watch(m.ProgressUpdate, "outcome__workplan__board", deletes=False)
