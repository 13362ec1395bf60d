"""Emailing a secure link (lscb.secure_links) to the address it was made for."""

from __future__ import annotations

from urllib.parse import urljoin

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.template.loader import render_to_string
from django.urls import reverse

from lscb.models import SecureLink


def clean_address(sent_to: str, field: str = "sent_to") -> str:
    """The address a link goes to, lower-cased; refused beside `field` if it is not one."""
    address = sent_to.strip().lower()
    try:
        validate_email(address)
    except ValidationError:
        raise ValidationError(
            {field: "Enter an email address in the correct format, like name@example.org."}
        ) from None
    return address


def email_link(link: SecureLink, token: str, *, subject: str, template: str, context: dict) -> None:
    """Email a link's token to the address it was made for, in plain text (`template`.txt)
    and HTML (`template`.html); replies go to the officer who sent it."""
    context = {
        "url": urljoin(settings.SITE_URL, reverse("secure_link", args=[token])),
        "link": link,
        "sender": link.created_by,
        "service_name": settings.SERVICE_NAME,
        **context,
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        to=[link.sent_to],
        reply_to=[link.created_by.email] if link.created_by.email else None,
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    message.send()
