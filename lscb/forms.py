"""Forms for a person's own account: the password reset, the profile, the password change.

Django's account forms with GOV.UK layout; the rules (tokens, validators) stay Django's.
"""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model

from lscb.limits import TextLimitsMixin


def _helper(*fields, button: str) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.label_size = Size.SMALL
    helper.layout = Layout(*fields, Button("submit", button))
    return helper


class PasswordResetRequestForm(TextLimitsMixin, auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="The address your board's administrator has for you.",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.text("email"), button="Send the link")


class NewPasswordForm(TextLimitsMixin, auth_forms.SetPasswordForm):
    """The new password, chosen from the link in a reset email."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "New password"
        self.fields["new_password2"].label = "Confirm the new password"
        self.helper = _helper(
            Field.text("new_password1"), Field.text("new_password2"), button="Save the password"
        )


class PasswordChangeForm(TextLimitsMixin, auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Current password"
        self.fields["new_password1"].label = "New password"
        self.fields["new_password2"].label = "Confirm the new password"
        self.helper = _helper(
            Field.text("old_password"),
            Field.text("new_password1"),
            Field.text("new_password2"),
            button="Change the password",
        )


class ProfileForm(TextLimitsMixin, forms.ModelForm):
    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name", "email"]
        labels = {"first_name": "First name", "last_name": "Last name", "email": "Email address"}
        help_texts = {"email": "Password resets and report notices are sent here."}
        error_messages = {
            "first_name": {"required": "Enter your first name"},
            "last_name": {"required": "Enter your last name"},
            "email": {
                "required": "Enter your email address",
                "invalid": "Enter an email address in the correct format, like name@example.org",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.Meta.fields:
            self.fields[name].required = True
        self.fields["first_name"].widget.attrs.update(autocomplete="given-name")
        self.fields["last_name"].widget.attrs.update(autocomplete="family-name")
        self.fields["email"].widget.attrs.update(autocomplete="email", spellcheck="false")
        self.helper = _helper(
            Field.text("first_name"),
            Field.text("last_name"),
            Field.text("email"),
            button="Save your details",
        )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        others = get_user_model().objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if others.exists():
            # A second login with the same address would make password resets ambiguous.
            raise forms.ValidationError(
                "Another account already uses this email address. Enter a different one, "
                "or ask your board's administrator."
            )
        return email


def address_field(label: str, help_text: str) -> forms.EmailField:
    """The address a secure link is emailed to."""
    return forms.EmailField(
        label=label,
        max_length=254,
        help_text=help_text,
        error_messages={
            "required": "Enter the email address to send the link to.",
            "invalid": "Enter an email address in the correct format, like name@example.org.",
        },
    )
