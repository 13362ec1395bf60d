"""The forms behind the follow-up links: the attendee's short practice follow-up, on the
course's own questions, and their line manager's confirmation."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size, Submit
from django import forms

from lscb import limits
from lscb.limits import TextLimitsMixin
from training.forms import score_field
from training.models import Question


class AttendeeFollowUpForm(TextLimitsMixin, forms.Form):
    what_changed = forms.CharField(
        label="What do you do differently in your work since the course?",
        max_length=limits.STATEMENT,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Say what has changed in your practice since the course."},
    )
    example = forms.CharField(
        label="An example (optional)",
        required=False,
        max_length=limits.STATEMENT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Do not name children or families, or give dates of birth.",
    )
    manager_name = forms.CharField(
        label="Your line manager's name (optional)", required=False, max_length=limits.NAME
    )
    manager_email = forms.EmailField(
        label="Your line manager's email address (optional)",
        required=False,
        max_length=limits.NAME,
        help_text="We will email them a link to confirm the change you describe.",
        error_messages={"invalid": "Enter an email address like name@example.org."},
    )

    def __init__(self, *args, questions: list[Question], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for q in questions:
            self.fields[f"now_{q.pk}"] = score_field(
                q.text, "1 is not at all confident, 5 is very confident."
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        parts = [Field.textarea("what_changed"), Field.textarea("example")]
        if questions:
            parts.append(
                Fieldset(
                    *(
                        Field.radios(f"now_{q.pk}", legend_size=Size.SMALL, inline=True, small=True)
                        for q in questions
                    ),
                    legend="How confident do you feel now?",
                    legend_size=Size.MEDIUM,
                )
            )
        parts.append(
            Fieldset(
                Field.text("manager_name"),
                Field.text("manager_email"),
                legend="Your line manager",
                legend_size=Size.MEDIUM,
            )
        )
        self.helper.layout = Layout(*parts, Submit("submit", "Send my answers"))

    def confidence(self) -> dict[int, int | None]:
        return {q.pk: self.cleaned_data.get(f"now_{q.pk}") for q in self.questions}


class ManagerConfirmForm(TextLimitsMixin, forms.Form):
    confirmed = forms.TypedChoiceField(
        label="Do you see this change in their work?",
        choices=[("yes", "Yes, I confirm it"), ("no", "No, I cannot confirm it")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether you confirm the change."},
    )
    comment = forms.CharField(
        label="Comment",
        required=False,
        max_length=limits.NOTES,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Required if you cannot confirm it. Do not name children or families.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.radios("confirmed", legend_size=Size.MEDIUM),
            Field.textarea("comment"),
            Submit("submit", "Send my answer"),
        )
