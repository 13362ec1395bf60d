from django.apps import AppConfig


class ToolingConfig(AppConfig):
    """Development tooling: the benchmark, the scale generator and the load test."""

    name = "tooling"
    verbose_name = "Development tooling"
