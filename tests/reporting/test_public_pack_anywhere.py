"""The public agenda pack and public minutes hold nothing of an item taken in private
anywhere in the file: not in the text a reader extracts (test_pack_document.py), nor in
the bookmarks, the tags' alternative texts, the metadata or any stream. The members'
versions, searched the same way, do hold it, which shows the search finds such words."""

from __future__ import annotations

import io

import pikepdf
import pytest

from boards.meeting_models import MeetingStatus, Minute
from reporting.minutes_document import render_minutes
from reporting.pack_models import PackKind
from reporting.packs import render_pack
from tests.reporting.pack_factories import meeting_with_papers

PRIVATE = [b"Child K", b"child-k", b"Confidential chronology"]


def _every_object(data: bytes) -> bytes:
    """Each object of the PDF as written out, streams decoded."""
    pdf = pikepdf.open(io.BytesIO(data))
    parts = []
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream):
            try:
                parts.append(obj.read_bytes())
            except pikepdf.PdfError:  # an image in a filter pikepdf cannot undo
                parts.append(obj.read_raw_bytes())
        else:
            parts.append(repr(obj).encode())
    return b"\n".join(parts)


@pytest.fixture
def minuted(board):
    meeting = meeting_with_papers(board)
    meeting.status = MeetingStatus.HELD
    meeting.save()
    for item in meeting.items.all():
        Minute.objects.create(item=item, discussion=f"Minute of {item.title}.")
    return meeting


@pytest.mark.parametrize(
    "render, public, members",
    [
        (render_pack, PackKind.PUBLIC, PackKind.MEMBERS),
        (render_minutes, PackKind.PUBLIC_MINUTES, PackKind.MEMBERS_MINUTES),
    ],
)
def test_nothing_of_the_private_item_is_anywhere_in_the_public_file(
    minuted, render, public, members
):
    everything = _every_object(render(minuted, public).data)
    assert [word for word in PRIVATE if word in everything] == []
    assert b"Child K" in _every_object(render(minuted, members).data)
