"""Background jobs of the project package."""

from celery import shared_task

from lscb import services


@shared_task(ignore_result=True)
def send_password_reset(email: str) -> None:
    """Sent in the background so the page answers alike whether or not the address exists."""
    services.password_reset_send(email=email)
