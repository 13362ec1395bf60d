"""Sign-in throttling beyond one username at one address: spraying and distributed guessing.

django-axes records every failed sign-in (one AccessAttempt row per username, address and
browser) and locks a username at an address after AXES_FAILURE_LIMIT failures. Axes has
one limit for all its lockout parameters, and the two further counts need their own:

- failures from one address across every username (LOGIN_FAILURES_PER_ADDRESS), which stops
  someone trying a few common passwords against many usernames;
- failures for one username across every address (LOGIN_FAILURES_PER_USERNAME), which stops
  guessing spread over many machines.

Both are counted from axes' own records over its cool-off window, so a lockout lasts as
long, shows the same page and is cleared the same way (`axes_reset`). A successful sign-in
clears only that username at that address, as before: signing in to one account the
attacker owns does not wipe the count of their failures against the others.
"""

from __future__ import annotations

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def _failures(**filters) -> int:
    total = AccessAttempt.objects.filter(**filters).aggregate(n=Sum("failures_since_start"))["n"]
    return total or 0


class SprayingAwareHandler(AxesDatabaseHandler):
    """Axes' database handler that also counts failures per address and per username."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        pair = super().get_failures(request, credentials)
        if settings.AXES_COOLOFF_TIME is None:
            # No window to count in; axes' own per-pair limit applies alone.
            return pair
        since = get_cool_off_threshold(request)
        address = request.axes_ip_address
        username = get_client_username(request, credentials)
        over = (
            address is not None
            and _failures(ip_address=address, attempt_time__gte=since)
            >= settings.LOGIN_FAILURES_PER_ADDRESS
        ) or (
            username is not None
            and _failures(username=username, attempt_time__gte=since)
            >= settings.LOGIN_FAILURES_PER_USERNAME
        )
        # Axes compares this number with its one limit: reaching either wider limit counts
        # as reaching that one.
        return max(pair, get_failure_limit(request, credentials)) if over else pair
