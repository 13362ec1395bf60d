from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = "Multi-agency training"

    def ready(self) -> None:
        from lscb import dashboard, freshness
        from training.panels import training_panel

        dashboard.register("training", training_panel, order=25, areas="training")

        from training import models as m

        area = "training"
        freshness.watch(m.Programme, "board", area)
        freshness.watch(m.LevelScheme, "board", area)
        freshness.watch(m.Level, "scheme__board", area)
        freshness.watch(m.Course, "board", area)
        freshness.watch(m.Need, "board", area)
        freshness.watch(m.Session, "course__board", area)
        freshness.watch(m.Booking, "session__course__board", area)
        freshness.watch(m.Reaction, "booking__session__course__board", area)
        freshness.watch(m.Question, "course__board", area)
        freshness.watch(m.Answer, "booking__session__course__board", area)
        freshness.watch(m.FollowUp, "booking__session__course__board", area)

        from django.urls import reverse

        from lscb import secure_links
        from training.services.follow_ups import CONFIRM, PURPOSE

        secure_links.register(
            secure_links.Purpose(
                name=PURPOSE,
                model="training.booking",
                landing=lambda link: reverse("training_link:follow_up", args=[link.pk]),
                what="say what has changed in your practice since a course",
            )
        )
        secure_links.register(
            secure_links.Purpose(
                name=CONFIRM,
                model="training.followup",
                landing=lambda link: reverse("training_link:confirm", args=[link.pk]),
                what="confirm a change in practice after a course",
            )
        )
