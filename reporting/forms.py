"""Forms for figures, narratives, imports and report requests; the rules live in services."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from boards.models import Board
from lscb.limits import TextLimitsMixin
from lscb.vocab import Quarter
from lscb.widgets import GovukDateField
from reporting.models import Indicator, ReportNarrative
from reporting.narrative_defaults import NARRATIVE_FIELDS
from reviews.models import Review


class FiguresForm(TextLimitsMixin, forms.Form):
    """One optional number per indicator; a blank field means no figure for the quarter."""

    def __init__(self, *args, indicators: list[Indicator], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for ind in indicators:
            self.fields[ind.code] = forms.DecimalField(
                label=ind.name,
                required=False,
                min_value=Decimal(0),
                max_digits=12,
                decimal_places=2 if ind.decimal else 0,
                widget=forms.TextInput(
                    attrs={
                        "class": "govuk-input govuk-input--width-5",
                        "inputmode": "decimal" if ind.decimal else "numeric",
                        "spellcheck": "false",
                    }
                ),
                help_text=f"{ind.unit.capitalize()}; {ind.get_aggregation_display().lower()}",
                error_messages={
                    "invalid": f"Enter {ind.name.lower()} as a number, like 12.",
                    "min_value": f"{ind.name} cannot be less than 0.",
                    "max_decimal_places": f"Enter {ind.name.lower()} as a whole number.",
                    "max_digits": f"{ind.name} is too large.",
                },
            )

    def grouped(self) -> list[tuple[str, list]]:
        groups: dict[str, list] = {}
        for ind in self.indicators:
            groups.setdefault(ind.group, []).append((ind, self[ind.code]))
        return list(groups.items())

    def values(self) -> dict[str, Decimal | None]:
        return {ind.code: self.cleaned_data.get(ind.code) for ind in self.indicators}


class ReviewChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Review) -> str:
        return f"{obj.title} ({obj.get_kind_display()}, started {obj.start_date:%B %Y})"


def _after(fields: list[str], name: str, new: str) -> list[str]:
    at = fields.index(name) + 1
    return [*fields[:at], new, *fields[at:]]


class NarrativeForm(TextLimitsMixin, forms.ModelForm):
    class Meta:
        model = ReportNarrative
        # The reviews to report on are asked for beside the review panel's paragraph.
        fields = _after(NARRATIVE_FIELDS, "review_panel", "reported_reviews")
        field_classes = {"reported_reviews": ReviewChoiceField}
        widgets = {
            "reported_reviews": forms.CheckboxSelectMultiple(
                attrs={"class": "govuk-checkboxes__input"}
            )
        }
        help_texts = {
            "report_date": "The date of the portfolio meeting that receives the report.",
            "activity_commentary": "Shown under the figures. Leave it empty for figures alone.",
            "review_panel": "Serious case reviews active in the quarter are listed automatically.",
            "development_day": "What the board's development day covered, if there was one.",
            "background_papers": "One paper a line.",
            "contact_officer": "Name, job title, organisation, telephone and email, one a line.",
        }

    def __init__(self, *args, board: Board, quarter: Quarter, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        reviews = self.fields["reported_reviews"]
        # The board's reviews under way by the quarter's end, newest first.
        reviews.queryset = Review.objects.filter(board=board, start_date__lte=quarter.end).order_by(
            "-start_date", "-pk"
        )
        reviews.error_messages["invalid_choice"] = (
            "Choose only reviews of this board that had started by the quarter's end."
        )
        for name, field in list(self.fields.items()):
            if name == "reported_reviews":
                continue
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs.setdefault("rows", 4)
                field.widget.attrs["class"] = "govuk-textarea"
            elif name == "report_date":
                self.fields[name] = GovukDateField(
                    label=str(field.label), required=field.required, help_text=field.help_text
                )
            else:
                field.widget.attrs["class"] = "govuk-input"


class FiguresImportForm(TextLimitsMixin, forms.Form):
    file = forms.FileField(
        widget=forms.ClearableFileInput(attrs={"class": "govuk-file-upload", "accept": ".csv"}),
        label="CSV file",
        help_text="Columns: quarter (like 2008Q3), indicator (its code) and value.",
        error_messages={"required": "Choose a CSV file to import."},
    )


class ReportRequestForm(TextLimitsMixin, forms.Form):
    quarter = forms.CharField(max_length=10)
