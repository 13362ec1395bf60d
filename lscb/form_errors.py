"""A service's refusal, shown on the form that asked for it."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put each message of `exc` beside the field it names, or above the form when it names
    no field of this form, so the error summary links every one of them."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def save_posted_form(
    request: HttpRequest, form: forms.BaseForm, save: Callable[[], tuple[str, str]]
) -> HttpResponse | None:
    """On a valid post, call `save`, which returns where to go and what to say: a redirect
    with that message once it succeeds. None when the form is to be shown again, blank or
    with its errors, the service's refusal among them and what was typed kept."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        url, done = save()
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
    messages.success(request, done)
    return redirect(url)
