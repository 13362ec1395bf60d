"""Forms for planning a meeting, its agenda and papers, publishing the agenda, attendance
and declarations. They collect what was typed; the rules live in boards.services.meetings."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms

from boards.meeting_models import AgendaItem, AttendanceKind, ExemptParagraph
from boards.meeting_selectors import AttendanceLine
from lscb import limits
from lscb.limits import TextLimitsMixin
from lscb.widgets import GovukDateField, GovukSelect


def _helper(*fields, submit: str) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.label_size = Size.SMALL
    helper.legend_size = Size.SMALL
    helper.layout = Layout(*fields, Submit("submit", submit))
    return helper


class MeetingForm(TextLimitsMixin, forms.Form):
    subgroup = forms.TypedChoiceField(
        label="Which body meets",
        coerce=int,
        empty_value=None,
        required=False,
        widget=GovukSelect,
    )
    date = GovukDateField(label="Date", help_text="For example 15 10 2026.")
    start_time = forms.TimeField(
        label="Start time (optional)",
        required=False,
        help_text="In 24-hour time, for example 14:00.",
        error_messages={"invalid": "Enter the start time like 14:00."},
    )
    venue = forms.CharField(
        label="Place", max_length=limits.NAME, required=False, help_text="Leave empty if online."
    )
    video_link = forms.URLField(
        label="Video link (optional)",
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter the video link as a web address."},
    )

    def __init__(self, *args, board, subgroups, board_itself: bool, editing=False, **kwargs):
        """`subgroups` are those the user may plan for; `board_itself` whether they may plan
        the board's own meetings. A meeting being changed keeps its body."""
        super().__init__(*args, **kwargs)
        fields = ["date", "start_time", "venue", "video_link"]
        if editing:
            del self.fields["subgroup"]
        else:
            choices = [("", board.name)] if board_itself else []
            self.fields["subgroup"].choices = choices + [(s.pk, s.name) for s in subgroups]
            self.fields["subgroup"].required = not board_itself
            self.fields["subgroup"].error_messages["required"] = "Choose the subgroup that meets."
            fields.insert(0, "subgroup")
        self.helper = _helper(
            *(Field.text(f, field_width=5) if f == "start_time" else Field(f) for f in fields),
            submit="Save meeting",
        )


class AgendaItemForm(TextLimitsMixin, forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=limits.TITLE,
        error_messages={"required": "Enter the item's title."},
    )
    presenter = forms.CharField(
        label="Presented by (optional)", max_length=limits.NAME, required=False
    )
    exempt_paragraph = forms.TypedChoiceField(
        label="Is the item taken in private?",
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", "No: the item is taken in public"), *ExemptParagraph.choices],
        widget=forms.RadioSelect,
        help_text="Exempt information under Schedule 12A to the Local Government Act 1972. "
        "Safeguarding items are usually paragraph 1 or 2.",
    )

    def __init__(self, *args, submit: str = "Save item", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.text("title"),
            Field.text("presenter"),
            Field.radios("exempt_paragraph", legend_size=Size.SMALL, small=True),
            submit=submit,
        )


class PaperForm(forms.Form):
    file = forms.FileField(
        label="Paper",
        help_text="A PDF, Word, OpenDocument, spreadsheet, text or image file.",
        error_messages={"required": "Choose the paper to attach."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field("file"), submit="Attach paper")


class PublishForm(TextLimitsMixin, forms.Form):
    reason = forms.CharField(
        label="Why is the agenda late?",
        max_length=limits.NOTES,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, late: bool, **kwargs):
        super().__init__(*args, **kwargs)
        fields = [Field.textarea("reason")] if late else []
        if not late:
            del self.fields["reason"]
        self.helper = _helper(*fields, submit="Publish the agenda")


KIND_CHOICES = [
    (AttendanceKind.PRESENT, "Present"),
    (AttendanceKind.APOLOGIES, "Apologies"),
    (AttendanceKind.ABSENT, "Absent"),
    (AttendanceKind.SUBSTITUTE, "Apologies, with a substitute"),
]


class AttendanceForm(forms.Form):
    """One set of choices per member of the body on the day, and a substitute's name."""

    def __init__(self, *args, lines: list[AttendanceLine], **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        layout = []
        for line in lines:
            person = line.membership.person
            kind = line.record.kind if line.record else ""
            if line.substitute:
                kind = AttendanceKind.SUBSTITUTE
            self.fields[f"kind_{person.pk}"] = forms.ChoiceField(
                label=f"{person.name}, {line.membership.role_label}",
                choices=KIND_CHOICES,
                required=False,
                initial=kind,
                widget=forms.RadioSelect,
            )
            self.fields[f"substitute_{person.pk}"] = forms.CharField(
                label=f"Name of {person.name}'s substitute",
                max_length=limits.NAME,
                required=False,
                initial=line.substitute.person.name if line.substitute else "",
            )
            layout += [
                Field.radios(f"kind_{person.pk}", inline=True, small=True),
                Field.text(f"substitute_{person.pk}", field_width=20),
            ]
        self.helper = _helper(*layout, submit="Save attendance")

    def clean(self):
        cleaned = super().clean()
        for line in self.lines:
            pk = line.membership.person.pk
            named = (cleaned.get(f"substitute_{pk}") or "").strip()
            if cleaned.get(f"kind_{pk}") == AttendanceKind.SUBSTITUTE and not named:
                self.add_error(f"substitute_{pk}", "Enter the name of the substitute.")
        return cleaned

    def grouped(self) -> dict[str, list]:
        """The members by what was chosen, and (substitute's name, member) pairs."""
        out: dict[str, list] = {k: [] for k, _ in KIND_CHOICES}
        for line in self.lines:
            person = line.membership.person
            kind = self.cleaned_data.get(f"kind_{person.pk}")
            if kind == AttendanceKind.SUBSTITUTE:
                out[kind].append((self.cleaned_data[f"substitute_{person.pk}"], person))
            elif kind:
                out[kind].append(person)
        return out


class DeclarationForm(TextLimitsMixin, forms.Form):
    person = forms.TypedChoiceField(
        label="Who declared it",
        coerce=int,
        widget=GovukSelect,
        error_messages={"required": "Choose who declared the interest."},
    )
    item = forms.TypedChoiceField(
        label="Agenda item (optional)",
        coerce=int,
        empty_value=None,
        required=False,
        widget=GovukSelect,
    )
    interest = forms.CharField(
        label="The interest",
        max_length=limits.NOTES,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Describe the interest declared."},
    )

    def __init__(self, *args, people, items: list[AgendaItem], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "Choose a person")] + [(p.pk, p.name) for p in people]
        self.fields["item"].choices = [("", "The business generally")] + [
            (i.pk, str(i)) for i in items
        ]
        self.helper = _helper(
            Field("person"), Field("item"), Field.textarea("interest"), submit="Record declaration"
        )


class MinutesForm(TextLimitsMixin, forms.Form):
    """A text box for the minute of each agenda item, with the text it started from, so a
    colleague's change made meanwhile is not overwritten (boards.services.minutes)."""

    def __init__(self, *args, items: list[AgendaItem], **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        layout = []
        for item in items:
            minute = getattr(item, "minute", None)
            text = minute.discussion if minute else ""
            self.fields[f"item_{item.pk}"] = forms.CharField(
                label=str(item),
                max_length=limits.REPORT_NARRATIVE,
                required=False,
                initial=text,
                widget=forms.Textarea(attrs={"rows": 6}),
                help_text="Taken in private: kept out of the public minutes."
                if item.is_exempt
                else "",
            )
            self.fields[f"original_{item.pk}"] = forms.CharField(
                max_length=limits.REPORT_NARRATIVE,
                required=False,
                initial=text,
                widget=forms.HiddenInput,
            )
            layout += [Field.textarea(f"item_{item.pk}", rows=6), Field(f"original_{item.pk}")]
        self.limit_texts()
        self.helper = _helper(*layout, submit="Save minutes")

    def texts(self) -> tuple[dict[int, str], dict[int, str]]:
        """(what was typed, what it started from), by agenda item id."""
        data = self.cleaned_data
        typed = {i.pk: data.get(f"item_{i.pk}", "") for i in self.items}
        return typed, {i.pk: data.get(f"original_{i.pk}", "") for i in self.items}
