"""Forms for booking a place, recording a session's attendance and an attendee's
evaluation (Kirkpatrick levels 1 and 2), and the follow-up on practice (level 3)."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size, Submit
from django import forms

from boards.models import Agency
from lscb import limits
from lscb.limits import TextLimitsMixin
from training.models import Attendance, Booking, Question

SCORES = [(n, str(n)) for n in range(1, 6)]


def score_field(label: str, help_text: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": f"Choose a score from 1 to 5 for “{label}”."},
    )


class BookingForm(TextLimitsMixin, forms.Form):
    attendee_name = forms.CharField(
        label="Attendee's name (optional)",
        required=False,
        max_length=limits.NAME,
        help_text="Leave empty to hold a place the agency will name later.",
    )
    attendee_email = forms.EmailField(
        label="Attendee's work email address (optional)",
        required=False,
        max_length=limits.NAME,
        help_text="Six to eight weeks after the session, a link to the practice follow-up "
        "goes here.",
        error_messages={"invalid": "Enter an email address like name@example.org."},
    )
    agency = forms.ModelChoiceField(
        label="Agency",
        queryset=Agency.objects.order_by("name"),
        empty_label="Choose an agency",
        error_messages={"required": "Choose the agency the attendee works for."},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text("attendee_name"),
            Field.text("attendee_email"),
            Field.select("agency"),
            Submit("submit", "Book the place"),
        )


class AttendanceForm(forms.Form):
    """One question per booked place: did they attend?"""

    def __init__(self, *args, bookings: list[Booking], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.bookings = bookings
        for booking in bookings:
            name = booking.display_name
            self.fields[self.field_name(booking)] = forms.ChoiceField(
                label=f"{name}, {booking.agency}",
                choices=Attendance.choices,
                widget=forms.RadioSelect,
                initial=booking.attendance or None,
                error_messages={"required": f"Say whether {name} attended."},
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            *(
                Field.radios(self.field_name(b), legend_size=Size.SMALL, inline=True, small=True)
                for b in bookings
            ),
            Submit("submit", "Save attendance"),
        )

    @staticmethod
    def field_name(booking: Booking) -> str:
        return f"booking_{booking.pk}"

    def attended(self) -> dict[int, str]:
        return {b.pk: self.cleaned_data[self.field_name(b)] for b in self.bookings}


class EvaluationForm(TextLimitsMixin, forms.Form):
    """Level 1 (the reaction on the day) and level 2 (confidence before and after)."""

    score = score_field("How useful was the session?", "1 is not at all useful, 5 is very useful.")
    comment = forms.CharField(
        label="Comment (optional)",
        required=False,
        max_length=limits.NOTES,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, questions: list[Question], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        parts = []
        for q in questions:
            before, after = f"before_{q.pk}", f"after_{q.pk}"
            self.fields[before] = score_field(f"Before: {q.text}")
            self.fields[after] = score_field(f"After: {q.text}")
            parts.append(
                Fieldset(
                    Field.radios(before, legend_size=Size.SMALL, inline=True, small=True),
                    Field.radios(after, legend_size=Size.SMALL, inline=True, small=True),
                    legend=q.text,
                    legend_size=Size.MEDIUM,
                )
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.radios("score", legend_size=Size.MEDIUM, inline=True, small=True),
            Field.textarea("comment"),
            *parts,
            Submit("submit", "Save the evaluation"),
        )

    def answers(self) -> dict[int, tuple[int, int]]:
        data = self.cleaned_data
        return {q.pk: (data[f"before_{q.pk}"], data[f"after_{q.pk}"]) for q in self.questions}


class FollowUpForm(TextLimitsMixin, forms.Form):
    """Level 3: what changed in practice, 6 to 8 weeks after the session."""

    what_changed = forms.CharField(
        label="What has changed in your practice?",
        max_length=limits.STATEMENT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what has changed in practice."},
    )
    example = forms.CharField(
        label="An example (optional)",
        required=False,
        max_length=limits.STATEMENT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Do not name children or give dates of birth.",
    )
    manager_confirmed = forms.BooleanField(
        label="The line manager has confirmed this", required=False
    )
    manager_name = forms.CharField(
        label="Line manager's name", required=False, max_length=limits.NAME
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.textarea("what_changed"),
            Field.textarea("example"),
            Field.checkbox("manager_confirmed"),
            Field.text("manager_name"),
            Submit("submit", "Save the follow-up"),
        )
