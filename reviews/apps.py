from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Reviews and inspections"

    def ready(self) -> None:
        from lscb import approvals, dashboard
        from reviews.panels import my_actions_panel, plans_awaiting_sign_off, reviews_panel

        # Actions minuted at a meeting show the meeting's date, a "boards" record.
        dashboard.register("reviews", reviews_panel, order=20, areas="reviews meetings")
        dashboard.register(
            "my-actions",
            my_actions_panel,
            order=20,
            areas="boards meetings reviews",
            page="my_updates",
        )
        approvals.register("reviews", plans_awaiting_sign_off, order=20)

        from lscb import freshness
        from reviews import models as m

        freshness.watch(m.Review, "board", "reviews")
        freshness.watch(m.ActionPlanReopening, "review__board", "reviews")
        freshness.watch(m.Finding, "review__board", "reviews")
        freshness.watch(m.Recommendation, "review__board", "reviews")
        freshness.watch(m.Action, "board", "reviews")
        freshness.watch(m.ActionProgress, "action__board", "reviews", deletes=False)
        freshness.watch(m.Standard, "board", "reviews")
        freshness.watch(m.S11Return, "review__board", "reviews")
        freshness.watch(m.S11Rating, "s11_return__review__board", "reviews")
        # Shown beside the address on every board whose links went to it; opting out and
        # clearing it are rare, so moving every board on costs little.
        freshness.watch_shared(m.PartnerDigestOptOut)

        from django.urls import reverse

        from lscb import secure_links

        secure_links.register(
            secure_links.Purpose(
                name="action_update",
                model="reviews.action",
                landing=lambda link: reverse("partner:action_update", args=[link.pk]),
                what="record progress on an action",
            )
        )
        secure_links.register(
            secure_links.Purpose(
                name="s11_return",
                model="reviews.s11return",
                landing=lambda link: reverse("partner:s11_return", args=[link.pk]),
                what="complete your agency's section 11 self-assessment",
            )
        )
