"""Progress, modelled once: workplan outcomes and review actions both record it this way.

Each concrete model (workplans.ProgressUpdate, reviews.ActionProgress) inherits the abstract
ProgressRecord and adds only the foreign key to what it reports on. Validation shared by both
services lives here too, so the rules cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat

from lscb import limits
from lscb.file_limits import MAX_EVIDENCE_INFLATED_BYTES, FileLimitError, check_zip_inflation
from lscb.vocab import RAG, RAG_NEEDS_NARRATIVE, Impact, Quarter

EVIDENCE_EXTENSIONS = {
    ".pdf",
    ".docx",
    ".doc",
    ".xlsx",
    ".xls",
    ".csv",
    ".odt",
    ".ods",
    ".txt",
    ".png",
    ".jpg",
    ".jpeg",
}


# What a download of each allowed type is served as. Anything else (a file stored before a
# type was allowed, say) goes out as opaque bytes, so a browser never renders it as a page.
EVIDENCE_CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xls": "application/vnd.ms-excel",
    ".csv": "text/csv",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".txt": "text/plain",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}


def evidence_response(record: ProgressRecord) -> FileResponse:
    """The record's evidence as a download; callers check permission before calling this."""
    if not record.evidence:
        raise Http404("No evidence was attached.")
    name = PurePath(record.evidence.name).name
    try:
        handle = record.evidence.open("rb")
    except FileNotFoundError:
        raise Http404("The evidence file is missing.") from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=name,
        content_type=EVIDENCE_CONTENT_TYPES.get(
            PurePath(name).suffix.lower(), "application/octet-stream"
        ),
    )


# Long enough to recognise a document by, short enough that the folder and the suffix
# storage adds to keep names unique stay well inside the field's 255 characters.
EVIDENCE_NAME_MAX = 80


def evidence_path(instance: models.Model, filename: str) -> str:
    # Random-looking names are not needed: files are only served through permission checks.
    # A long name loses the end of its stem, never its extension, so the file is still
    # served as the type it is.
    name = PurePath(limits.strip_bidi_controls(filename)).name.replace(" ", "_")
    suffix = PurePath(name).suffix
    if len(suffix) > 10:  # not an extension, just a dot in a long name
        suffix = ""
    stem = name[: len(name) - len(suffix)]
    safe = stem[: EVIDENCE_NAME_MAX - len(suffix)] + suffix
    return f"evidence/{instance._meta.app_label}/{dt.date.today():%Y/%m}/{safe}"


class ProgressRecord(models.Model):
    """One dated statement of progress: two ratings, each with its narrative, who said it
    and optional evidence.

    Delivery (the `rag` column, which held the single RAG status before impact was rated
    apart) says whether the work is being done as planned; impact says whether it is making
    a difference for children. Impact is blank on statements made before it was asked for,
    and whenever the author could not yet say."""

    date = models.DateField(help_text="The date this progress statement describes.")
    quarter = models.CharField(max_length=6, db_index=True, editable=False)
    rag = models.CharField("delivery", max_length=12, choices=RAG.choices)
    narrative = models.TextField(
        "delivery narrative", blank=True, **limits.model_limit(limits.PROGRESS)
    )
    impact = models.CharField(max_length=12, choices=Impact.choices, blank=True, default="")
    impact_narrative = models.TextField(
        "impact evidence", blank=True, default="", **limits.model_limit(limits.PROGRESS)
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="%(app_label)s_%(class)s_set",
    )
    evidence = models.FileField(upload_to=evidence_path, blank=True, max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-date", "-created_at", "-id"]

    def save(self, *args, **kwargs) -> None:
        # The quarter is derived so reports never disagree with the date.
        self.quarter = Quarter.containing(self.date).code
        super().save(*args, **kwargs)

    @property
    def rag_label(self) -> str:
        return RAG(self.rag).label

    @property
    def impact_label(self) -> str:
        return Impact(self.impact).label if self.impact else "Not rated"


# How each allowed type begins, so that a program or a web page renamed to look like a
# document is refused. Office Open and OpenDocument files are zip archives; the old Office
# formats are OLE compound files. Text types only need to be text.
_ZIP, _OLE = (b"PK\x03\x04",), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
_EVIDENCE_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".docx": _ZIP,
    ".xlsx": _ZIP,
    ".odt": _ZIP,
    ".ods": _ZIP,
    ".doc": _OLE,
    ".xls": _OLE,
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
}


def upload_limit_text() -> str:
    return filesizeformat(settings.MAX_UPLOAD_BYTES).replace("\xa0", " ")


def _looks_like(upload: UploadedFile, suffix: str) -> bool:
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if suffix in _EVIDENCE_SIGNATURES:
        return head.startswith(_EVIDENCE_SIGNATURES[suffix])
    # .txt and .csv: text has no NUL bytes (programs and images nearly always do).
    return b"\x00" not in head


# The order in which statements supersede each other: the latest by date, and on the same
# date the one recorded last. A back-dated statement never replaces a newer one.
LATEST_FIRST = ("-date", "-created_at", "-id")


def current_status(updates: models.QuerySet) -> tuple[ProgressRecord | None, dict]:
    """The statement that is now current, and the denormalised fields it sets on its owner.

    The current impact is the latest statement's that rated impact: a delivery update that
    could not yet say what difference the work makes leaves the last judgement standing."""
    latest = updates.order_by(*LATEST_FIRST).first()
    impact = (
        updates.exclude(impact="").order_by(*LATEST_FIRST).values_list("impact", flat=True).first()
    )
    return latest, {
        "current_rag": latest.rag if latest else "",
        "current_narrative": latest.narrative if latest else "",
        "current_impact": impact or "",
        "last_update_date": latest.date if latest else None,
    }


def ratings_summary(rag: str, impact: str) -> str:
    """How the audit trail words a statement: "delivery on track, impact some difference"."""
    text = f"delivery {RAG(rag).label.lower()}"
    return f"{text}, impact {Impact(impact).label.lower()}" if impact else text


def validate_evidence(upload: UploadedFile | None) -> None:
    if not upload:
        return
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in EVIDENCE_EXTENSIONS:
        allowed = ", ".join(sorted(EVIDENCE_EXTENSIONS))
        raise ValidationError({"evidence": f"Evidence must be one of these file types: {allowed}."})
    if upload.size and upload.size > settings.MAX_UPLOAD_BYTES:
        raise ValidationError(
            {"evidence": f"Evidence must be no larger than {upload_limit_text()}."}
        )
    if not _looks_like(upload, suffix):
        raise ValidationError(
            {
                "evidence": f"The file is not a {suffix[1:].upper()} file, although its name "
                "ends that way. Attach the document itself."
            }
        )
    if _EVIDENCE_SIGNATURES.get(suffix) == _ZIP:
        _check_unpacked_size(upload, suffix)


def _check_unpacked_size(upload: UploadedFile, suffix: str) -> None:
    """An Office or OpenDocument file is a zip: refuse one built to unpack huge."""
    kind = suffix[1:].upper()
    try:
        check_zip_inflation(
            upload, max_inflated=MAX_EVIDENCE_INFLATED_BYTES, what=f"{kind} document"
        )
    except FileLimitError as exc:
        raise ValidationError({"evidence": str(exc)}) from exc
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ValidationError(
            {"evidence": f"The {kind} file is damaged and could not be opened. Save it again."}
        ) from exc


def validate_progress(
    *,
    rag: str,
    narrative: str,
    date: dt.date,
    period: tuple[dt.date, dt.date] | None = None,
    evidence: UploadedFile | None = None,
    evidence_required_for_complete: bool = False,
    today: dt.date | None = None,
    impact: str = "",
    impact_narrative: str = "",
) -> None:
    """Raise ValidationError with field-keyed messages when a progress statement is not valid.

    Impact may be left unrated; once rated, its evidence must be given, whatever the rating,
    since "making a difference" is a claim to be shown as much as "no difference yet"."""
    errors: dict[str, str] = {}
    if rag not in RAG.values:
        errors["rag"] = "Choose a delivery rating."
    elif rag in RAG_NEEDS_NARRATIVE and not narrative.strip():
        errors["narrative"] = (
            f"Explain why delivery is {RAG(rag).label.lower()}: a narrative is required."
        )
    if impact and impact not in Impact.values:
        errors["impact"] = "Choose an impact rating."
    elif impact and not impact_narrative.strip():
        errors["impact_narrative"] = (
            "Say what shows the difference for children: impact evidence is required."
        )
    elif impact_narrative.strip() and not impact:
        errors["impact"] = "Choose the impact rating that this evidence supports."
    if rag == RAG.COMPLETE and evidence_required_for_complete and not evidence:
        errors["evidence"] = "Attach evidence to close this as complete."
    if date > (today or dt.date.today()):
        errors["date"] = "The progress date cannot be in the future."
    elif period and not (period[0] <= date <= period[1]):
        errors["date"] = (
            f"The date must fall within {period[0]:%-d %B %Y} to {period[1]:%-d %B %Y}."
        )
    if "\x00" in narrative:
        errors["narrative"] = "The narrative contains a character that cannot be stored."
    elif too_long := limits.length_error("The narrative", narrative, limits.PROGRESS):
        errors["narrative"] = too_long
    if "\x00" in impact_narrative:
        errors["impact_narrative"] = (
            "The impact evidence contains a character that cannot be stored."
        )
    elif too_long := limits.length_error("The impact evidence", impact_narrative, limits.PROGRESS):
        errors["impact_narrative"] = too_long
    if errors:
        raise ValidationError(errors)
    validate_evidence(evidence)
