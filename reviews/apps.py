from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Reviews and inspections"

    def ready(self) -> None:
        from lscb import dashboard
        from reviews.panels import reviews_panel

        dashboard.register("reviews", reviews_panel, order=20)
