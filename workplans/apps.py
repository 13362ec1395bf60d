from django.apps import AppConfig


class WorkplansConfig(AppConfig):
    name = "workplans"
    verbose_name = "Workplans"

    def ready(self) -> None:
        from lscb import approvals, dashboard
        from workplans.panels import drafts_awaiting_approval, workplan_panel

        dashboard.register("workplans", workplan_panel, order=10, areas="boards workplans")
        approvals.register("workplans", drafts_awaiting_approval, order=10)

        from lscb import freshness
        from workplans import models as m

        # Everything but progress is also what the plans say ("plans", lscb.freshness);
        # the progress service moves only "workplans" when it copies the current status
        # onto the outcome (services._refresh_current).
        freshness.watch(m.Priority, "board", "workplans plans")
        freshness.watch(m.Workplan, "board", "workplans plans")
        freshness.watch(m.Outcome, "workplan__board", "workplans plans")
        freshness.watch(m.ProgressUpdate, "outcome__workplan__board", "workplans", deletes=False)

        from django.urls import reverse

        from lscb import secure_links
        from workplans.models import OUTCOME_LINK_PURPOSE

        secure_links.register(
            secure_links.Purpose(
                name=OUTCOME_LINK_PURPOSE,
                model="workplans.outcome",
                landing=lambda link: reverse("outcome_link:update", args=[link.pk]),
                what="record progress on an outcome",
            )
        )
