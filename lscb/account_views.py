"""A person's own account: forgotten password by email, profile, password change.

Django's views and tokens do the work; these set the GOV.UK templates, the rate limit and
the one message that never says whether an address has an account.
"""

from __future__ import annotations

from functools import partial

from axes.helpers import get_client_ip_address
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy

from lscb import forms, services, tasks


class PasswordResetView(auth_views.PasswordResetView):
    form_class = forms.PasswordResetRequestForm
    template_name = "registration/password_reset_form.html"

    def form_valid(self, form):
        # Same answer, and the same work in this request, whether the address has an
        # account, has none, or has asked too often: the email goes from a background job.
        email = form.cleaned_data["email"]
        if services.password_reset_allowed(
            email=email, address=get_client_ip_address(self.request)
        ):
            transaction.on_commit(partial(tasks.send_password_reset.delay, email))
        return redirect(self.get_success_url())


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = forms.NewPasswordForm
    template_name = "registration/password_reset_confirm.html"


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = forms.PasswordChangeForm
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("profile")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "Your password has been changed.")
        return response


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = forms.ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.profile_update(by=request.user, **form.cleaned_data)
        messages.success(request, "Your details have been saved.")
        return redirect("profile")
    return render(request, "lscb/profile.html", {"form": form})
