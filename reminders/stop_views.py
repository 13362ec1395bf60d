"""Stopping a partner's weekly email from the link it carries.

GET shows what the link does and a button; only a POST stops the email, so a mail
scanner opening the link changes nothing. Mail programs that offer their own unsubscribe
button (List-Unsubscribe-Post, RFC 8058) POST `List-Unsubscribe=One-Click` to the same
address from their servers, with no cookie and no form: that POST is exempt from the CSRF
check, which is safe because the signed token in the URL is the whole right and all it
allows is stopping one address's email. Bad tokens are "not found" and count against the
network address they came from, as secure links' do.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_variables
from django.views.decorators.http import require_http_methods

from lscb.secure_links_views import find_by_token, no_referrer
from reminders import services
from reviews.models import PartnerDigestOptOut
from reviews.services import digest_opt_outs


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@sensitive_variables("token")
def stop(request: HttpRequest, token: str) -> HttpResponse:
    sent, refused = find_by_token(request, token, services.digest_for_stop_token)
    if refused is not None:
        return refused
    if request.method == "POST":
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        digest_opt_outs.digest_opt_out(address=sent.address, one_click=one_click)
        stopped = True
    else:
        stopped = PartnerDigestOptOut.objects.filter(address=sent.address).exists()
    return no_referrer(
        render(request, "reminders/stop.html", {"address": sent.address, "stopped": stopped})
    )
