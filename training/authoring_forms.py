"""Forms for the officer's side of the programme: a row of the needs analysis, a course and
a session. Choices are the board's own; the services check them again."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Submit
from django import forms

from boards.models import Agency, Board
from lscb import limits
from lscb.limits import TextLimitsMixin
from lscb.widgets import GovukDateField
from reviews.models import Recommendation
from training.models import Course, Level, Need, Session
from workplans.models import Outcome


def _helper(*fields, submit: str) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*fields, Submit("submit", submit))
    return helper


def _levels(board: Board):
    return Level.objects.filter(scheme__board=board).select_related("scheme")


class NeedForm(TextLimitsMixin, forms.ModelForm):
    class Meta:
        model = Need
        fields = [
            "agency",
            "role_group",
            "level",
            "headcount",
            "courses",
            "refresh_months",
            "outcome",
            "recommendation",
            "notes",
        ]
        labels = {
            "role_group": "Role group",
            "level": "Level of training needed",
            "headcount": "How many staff need it",
            "courses": "Courses that meet it",
            "refresh_months": "Refresh every (months)",
            "outcome": "Raised by a workplan outcome (optional)",
            "recommendation": "Raised by a review recommendation (optional)",
        }
        error_messages = {
            "agency": {"required": "Choose the agency."},
            "role_group": {"required": "Name the role group, for example Health visitors."},
            "level": {"required": "Choose the level of training the group needs."},
            "headcount": {
                "required": "Enter how many staff need the training.",
                "invalid": "Enter the number of staff as a whole number, like 40.",
            },
            "refresh_months": {"invalid": "Enter the months as a whole number, like 36."},
        }
        widgets = {"courses": forms.CheckboxSelectMultiple}

    def __init__(self, *args, board: Board, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.order_by("name")
        self.fields["agency"].empty_label = "Choose an agency"
        self.fields["level"].queryset = _levels(board)
        self.fields["level"].empty_label = "Choose a level"
        self.fields["courses"].queryset = Course.objects.filter(board=board).order_by("title")
        self.fields["outcome"].queryset = (
            Outcome.objects.filter(workplan__board=board, retired_on__isnull=True)
            .select_related("workplan")
            .order_by("-workplan__start", "order", "pk")
        )
        self.fields["outcome"].label_from_instance = lambda o: f"{o.workplan.title}: {o.title}"
        self.fields["recommendation"].queryset = (
            Recommendation.objects.filter(review__board=board, withdrawn_at__isnull=True)
            .select_related("review")
            .order_by("-review__pk", "kind", "number")
        )
        self.fields["recommendation"].label_from_instance = lambda r: (
            f"{r.review.title}: {r} – {r.text[:80]}"
        )
        self.helper = _helper(
            Field.select("agency"),
            Field.text("role_group"),
            Field.select("level"),
            Field.text("headcount", field_width=5),
            Field.checkboxes("courses", small=True),
            Field.text("refresh_months", field_width=5),
            Field.select("outcome"),
            Field.select("recommendation"),
            Field.textarea("notes", rows=3),
            submit="Save the need",
        )


class CourseForm(TextLimitsMixin, forms.ModelForm):
    class Meta:
        model = Course
        fields = [
            "title",
            "level",
            "refresh_months",
            "summary",
            "results_indicator",
            "results_note",
        ]
        labels = {
            "level": "Level it meets",
            "refresh_months": "Counts for (months)",
            "results_indicator": "Indicator it should move (optional)",
        }
        error_messages = {
            "title": {"required": "Enter the course's title."},
            "level": {"required": "Choose the level the course meets."},
            "refresh_months": {
                "required": "Enter how many months the training counts for.",
                "invalid": "Enter the months as a whole number, like 36.",
            },
        }

    def __init__(self, *args, board: Board, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = _levels(board)
        self.fields["level"].empty_label = "Choose a level"
        self.fields[
            "results_indicator"
        ].help_text = (
            "The code of a quarterly dataset indicator, such as CP1, for Kirkpatrick level 4."
        )
        self.helper = _helper(
            Field.text("title"),
            Field.select("level"),
            Field.text("refresh_months", field_width=5),
            Field.textarea("summary", rows=3),
            Field.text("results_indicator", field_width=10),
            Field.textarea("results_note", rows=3),
            submit="Save the course",
        )


class SessionForm(TextLimitsMixin, forms.ModelForm):
    date = GovukDateField(label="Date of the session", help_text="For example 14 1 2027.")
    online_link = forms.URLField(
        label="Link, for an online session",
        required=False,
        max_length=limits.NAME,
        assume_scheme="https",
        error_messages={"invalid": "Enter the full link, starting https://."},
    )

    class Meta:
        model = Session
        fields = ["course", "date", "trainer", "venue", "online_link", "capacity"]
        labels = {"capacity": "Places"}
        error_messages = {
            "course": {"required": "Choose the course."},
            "trainer": {"required": "Name the trainer."},
            "capacity": {
                "required": "Enter how many places the session has.",
                "invalid": "Enter the places as a whole number, like 20.",
                "min_value": "A session needs at least one place.",
            },
        }

    def __init__(self, *args, board: Board, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = Course.objects.filter(board=board).order_by("title")
        self.fields["course"].empty_label = "Choose a course"
        self.helper = _helper(
            Field.select("course"),
            Field("date"),
            Field.text("trainer"),
            Field.text("venue"),
            Field.text("online_link"),
            Field.text("capacity", field_width=5),
            submit="Save the session",
        )

    def clean(self):
        data = super().clean()
        if not (data.get("venue") or "").strip() and not (data.get("online_link") or "").strip():
            self.add_error("venue", "Give the venue, or a link for an online session.")
        return data
