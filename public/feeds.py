"""An Atom feed of what a board publishes: its yearly reports, practice reviews and public
agenda packs and approved minutes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from public import selectors


@dataclass(frozen=True)
class Entry:
    title: str
    description: str
    link: str
    published: dt.datetime


class PublishedFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, board_slug: str):
        return selectors.public_board(board_slug)

    def title(self, board) -> str:
        return f"{board.name}: published documents"

    def link(self, board) -> str:
        return reverse("public:board", args=[board.slug])

    def subtitle(self, board) -> str:
        return (
            f"Yearly reports, practice reviews, agenda packs and minutes published by {board.name}."
        )

    def items(self, board) -> list[Entry]:
        entries = [
            Entry(
                title=f"Yearly report {r.year_label}",
                description=r.summary,
                link=reverse("public:yearly", args=[board.slug, r.year]),
                published=r.published_at,
            )
            for r in selectors.published_yearly_reports(board)
        ]
        entries += [
            Entry(
                title=r.title,
                description=r.get_kind_display(),
                link=reverse("public:review", args=[board.slug, r.pk]),
                published=timezone.make_aware(dt.datetime.combine(r.published_date, dt.time(9))),
            )
            for r in selectors.published_reviews(board)
        ]
        for m in selectors.public_meetings(board, timezone.localdate()):
            documents = (
                ("Agenda pack for", "The agenda and its papers.", "public:pack", m.public_pack),
                ("Minutes of", "The approved minutes.", "public:minutes", m.public_minutes),
            )
            entries += [
                Entry(
                    title=f"{title} the meeting on {m.date:%-d %B %Y}",
                    description=description,
                    link=reverse(url, args=[board.slug, m.pk]),
                    published=document.ready_at,
                )
                for title, description, url, document in documents
                if document is not None
            ]
        return sorted(entries, key=lambda e: e.published, reverse=True)

    def item_title(self, item: Entry) -> str:
        return item.title

    def item_description(self, item: Entry) -> str:
        return item.description

    def item_link(self, item: Entry) -> str:
        return item.link

    def item_pubdate(self, item: Entry) -> dt.datetime:
        return item.published
