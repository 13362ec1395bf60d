"""The one permission-checked getter per object type; every reviews view loads through these."""

from __future__ import annotations

from django.http import Http404

from boards.access import BoardAccess, Need, get_board_for_user
from boards.models import Board
from lscb.models import SecureLink
from reviews.models import (
    ACTION_SOURCE,
    Action,
    ActionProgress,
    Finding,
    PartnerDigestOptOut,
    Recommendation,
    Review,
    ReviewKind,
    S11Rating,
    S11Return,
    Standard,
)
from reviews.selectors.partner_links import CONTACT_PURPOSES


def get_review_for_user(
    user, board_slug: str, pk: int, need: Need = Need.VIEW
) -> tuple[Board, BoardAccess, Review]:
    board, access = get_board_for_user(user, board_slug, need)
    review = Review.objects.filter(board=board, pk=pk).select_related("signed_off_by").first()
    if review is None:
        raise Http404("No such review.")
    return board, access, review


def get_action_for_user(
    user, board_slug: str, pk: int, need: Need = Need.VIEW, *, of_a_plan: bool = False
) -> tuple[Board, BoardAccess, Action]:
    """An action of the board, from any source; `of_a_plan` for the pages that write a
    review's plan, where an action decided at a meeting does not exist."""
    board, access = get_board_for_user(user, board_slug, need)
    actions = Action.objects.filter(board=board, pk=pk)
    if of_a_plan:
        actions = actions.filter(recommendation__isnull=False)
    action = actions.select_related(*ACTION_SOURCE, "agency").first()
    if action is None:
        raise Http404("No such action.")
    return board, access, action


def get_progress_for_user(
    user, board_slug: str, pk: int, need: Need = Need.VIEW
) -> tuple[Board, BoardAccess, ActionProgress]:
    board, access = get_board_for_user(user, board_slug, need)
    update = (
        ActionProgress.objects.filter(action__board=board, pk=pk)
        .select_related("action__recommendation__review")
        .first()
    )
    if update is None:
        raise Http404("No such progress update.")
    return board, access, update


def get_finding_for_user(
    user, board_slug: str, pk: int, need: Need = Need.VIEW
) -> tuple[Board, BoardAccess, Finding]:
    board, access = get_board_for_user(user, board_slug, need)
    finding = Finding.objects.filter(review__board=board, pk=pk).select_related("review").first()
    if finding is None:
        raise Http404("No such finding.")
    return board, access, finding


def get_recommendation_for_user(
    user, board_slug: str, pk: int, need: Need = Need.VIEW
) -> tuple[Board, BoardAccess, Recommendation]:
    board, access = get_board_for_user(user, board_slug, need)
    rec = Recommendation.objects.filter(review__board=board, pk=pk).select_related("review").first()
    if rec is None:
        raise Http404("No such recommendation.")
    return board, access, rec


def get_action_link_for_user(
    user, board_slug: str, pk: int, need: Need = Need.EDIT
) -> tuple[Board, BoardAccess, SecureLink, Action]:
    """A partner link to one of the board's actions, with its action; officers' work."""
    board, access = get_board_for_user(user, board_slug, need)
    link = SecureLink.objects.filter(board=board, pk=pk, purpose="action_update").first()
    action = (
        Action.objects.filter(board=board, pk=link.object_id).select_related(*ACTION_SOURCE).first()
        if link is not None
        else None
    )
    if link is None or action is None:
        raise Http404("No such link.")
    return board, access, link, action


def get_opt_out_for_user(
    user, board_slug: str, pk: int, need: Need = Need.EDIT
) -> tuple[Board, BoardAccess, PartnerDigestOptOut]:
    """A partner contact's opt-out from the weekly email, if a link of this board ever went
    to their address: an officer answers only for the board's own contacts."""
    board, access = get_board_for_user(user, board_slug, need)
    addresses = SecureLink.objects.filter(board=board, purpose__in=CONTACT_PURPOSES).values(
        "sent_to"
    )
    opt_out = PartnerDigestOptOut.objects.filter(pk=pk, address__in=addresses).first()
    if opt_out is None:
        raise Http404("No such partner contact.")
    return board, access, opt_out


def get_s11_round_for_user(
    user, board_slug: str, pk: int, need: Need = Need.VIEW
) -> tuple[Board, BoardAccess, Review]:
    """A section 11 audit round of the board; any other kind of review is not one."""
    board, access = get_board_for_user(user, board_slug, need)
    review = Review.objects.filter(board=board, pk=pk, kind=ReviewKind.SECTION_11).first()
    if review is None:
        raise Http404("No such audit round.")
    return board, access, review


def get_s11_return_for_user(
    user, board_slug: str, pk: int, need: Need = Need.VIEW
) -> tuple[Board, BoardAccess, S11Return]:
    board, access = get_board_for_user(user, board_slug, need)
    found = (
        S11Return.objects.filter(review__board=board, pk=pk)
        .select_related("review", "agency")
        .first()
    )
    if found is None:
        raise Http404("No such return.")
    return board, access, found


def get_s11_rating_for_user(
    user, board_slug: str, pk: int, need: Need = Need.VIEW
) -> tuple[Board, BoardAccess, S11Rating]:
    board, access = get_board_for_user(user, board_slug, need)
    found = (
        S11Rating.objects.filter(s11_return__review__board=board, pk=pk)
        .select_related("s11_return")
        .first()
    )
    if found is None:
        raise Http404("No such rating.")
    return board, access, found


def get_s11_link_for_user(
    user, board_slug: str, pk: int, need: Need = Need.EDIT
) -> tuple[Board, BoardAccess, SecureLink, S11Return]:
    """A link to one of the board's section 11 returns, with its return; officers' work."""
    board, access = get_board_for_user(user, board_slug, need)
    link = SecureLink.objects.filter(board=board, pk=pk, purpose="s11_return").first()
    found = (
        S11Return.objects.filter(review__board=board, pk=link.object_id)
        .select_related("review", "agency")
        .first()
        if link is not None
        else None
    )
    if link is None or found is None:
        raise Http404("No such link.")
    return board, access, link, found


def get_s11_standard_for_user(
    user, board_slug: str, pk: int, need: Need = Need.EDIT
) -> tuple[Board, BoardAccess, Standard]:
    board, access = get_board_for_user(user, board_slug, need)
    standard = Standard.objects.filter(board=board, pk=pk).first()
    if standard is None:
        raise Http404("No such standard.")
    return board, access, standard
