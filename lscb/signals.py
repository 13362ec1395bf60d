"""Sign-in events go to the audit trail: who signed in, failed or signed out, from where."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from lscb import audit


def _address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs) -> None:
    audit.record(
        actor=user,
        action="auth.login",
        obj=user,
        summary=f"{user.get_username()} signed in from {_address(request)}",
    )


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit.record(
            actor=user, action="auth.logout", obj=user, summary=f"{user.get_username()} signed out"
        )


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get("username", ""))[:150]
    audit.record(
        actor=None,
        action="auth.login_failed",
        summary=f"Failed sign-in for {username!r} from {_address(request)}",
    )
