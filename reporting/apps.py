from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = "Quarterly reporting"

    def ready(self) -> None:
        from lscb import dashboard
        from reporting.dashboard import report_panel

        # The panel also gives the last quarter's training figures, which are the board's.
        dashboard.register("reporting", report_panel, order=30, areas="reporting training")

        from lscb import freshness
        from reporting import models as m

        freshness.watch_shared(m.Indicator)
        for model in (
            m.IndicatorValue,
            m.ReportNarrative,
            m.QuarterlyReport,
            m.PortfolioMeeting,
            m.YearlyReport,
            m.FundingContribution,
        ):
            freshness.watch(model, "board", "reporting")
        freshness.watch(m.YearlySection, "report__board", "reporting")
        # The link shows on its outcome's page, which is cached on the reporting area too.
        freshness.watch(m.OutcomeIndicator, "outcome__workplan__board", "reporting")
        freshness.watch(m.PortfolioItem, "meeting__board", "reporting")
        # A pack shows on its meeting's page and on the public page, both the board's.
        freshness.watch(m.MeetingPack, "meeting__board", "meetings")

        from lscb import meeting_parts
        from reporting.views.packs import packs_part

        meeting_parts.register("packs", packs_part, order=10)

        from lscb import agenda_hooks
        from reporting.services.packs import agenda_packs_prepare

        agenda_hooks.register("packs", agenda_packs_prepare)

        from reporting.outcome_trend import indicator_panel
        from workplans import outcome_panels

        outcome_panels.register("indicator", indicator_panel, order=10)

        # Register the Celery tasks in every process, web included (the worker's
        # autodiscovery is lazy): services enqueue them by name, without importing them.
        from reporting import tasks  # noqa: F401
