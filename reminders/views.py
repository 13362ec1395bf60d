from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from reminders import services
from reminders.forms import PreferenceForm


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    """A person's own choice of digest: nobody else's can be reached from here."""
    form = PreferenceForm(
        request.POST if request.method == "POST" else None,
        initial={"frequency": services.frequency_of(request.user)},
    )
    if request.method == "POST" and form.is_valid():
        services.digest_preference_save(
            user=request.user, frequency=form.cleaned_data["frequency"], by=request.user
        )
        messages.success(request, "Your choice of email has been saved.")
        return redirect("profile")
    return render(request, "reminders/preferences.html", {"form": form})
