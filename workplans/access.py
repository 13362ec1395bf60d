"""The one permission-checked getter per workplans object; every view loads through these.

Outsiders get 404, members without the right get 403. Recording progress is wider than
Need.EDIT: a subgroup chair may record on their subgroup's outcomes and a named lead on
their own outcomes.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import prefetch_related_objects
from django.http import Http404

from boards.access import BoardAccess, Need, get_board_for_user
from boards.models import Board
from lscb.models import SecureLink
from workplans import selectors
from workplans.models import OUTCOME_LINK_PURPOSE, Outcome, ProgressUpdate, Workplan


def can_author_plan(access: BoardAccess) -> bool:
    """May add outcomes to the board's plans: officers, board-wide or of a subgroup."""
    return access.can(Need.EDIT) or bool(access.officer_subgroup_ids)


def can_author_outcome(access: BoardAccess, outcome: Outcome) -> bool:
    """May change, move or retire the outcome: board-wide officers and chairs, or officers of
    one of its lead subgroups (a named lead records progress but does not redefine it)."""
    if access.can(Need.EDIT):
        return True
    prefetch_related_objects([outcome], "lead_subgroups")
    return access.can_edit_for({s.pk for s in outcome.lead_subgroups.all()})


def get_workplan_for_user(
    user, board_slug: str, pk: int, need: Need = Need.VIEW, *, author: bool = False
) -> tuple[Workplan, BoardAccess]:
    """The workplan if the user may read it with `need`; author=True asks for the right to
    add and arrange its outcomes (can_author_plan)."""
    board, access = get_board_for_user(user, board_slug, need)
    if author and not can_author_plan(access):
        raise PermissionDenied("You cannot add outcomes to this board's workplans.")
    workplan = Workplan.objects.filter(board=board, pk=pk).select_related("approved_by").first()
    if workplan is None:
        raise Http404("No such workplan.")
    workplan.board = board
    return workplan, access


def can_record_progress(user, access: BoardAccess, outcome: Outcome) -> bool:
    """Board-wide officers and chairs, officers of a lead subgroup, or a named lead."""
    if access.can(Need.EDIT):
        return True
    # Reads both once, and not at all when they were prefetched; the page then uses them.
    prefetch_related_objects([outcome], "lead_subgroups", "leads")
    subgroup_ids = {s.pk for s in outcome.lead_subgroups.all()}
    if access.can_edit_for(subgroup_ids):
        return True
    return user.is_authenticated and any(p.user_id == user.pk for p in outcome.leads.all())


def mark_recordable(user, access: BoardAccess, workplan: Workplan, outcomes: list[Outcome]) -> None:
    """Sets `can_record` (can_record_progress) on each of the workplan's outcomes, given
    selectors.with_links; no query for board-wide editors, else one."""
    if access.can(Need.EDIT):
        for outcome in outcomes:
            outcome.can_record = True
        return
    led = selectors.outcomes_led_by(user, workplan) if user.is_authenticated and outcomes else ()
    for outcome in outcomes:
        outcome.can_record = access.can_edit_for(outcome.lead_subgroup_ids) or outcome.pk in led


def progress_rights_key(user, access: BoardAccess) -> str:
    """What decides, for every outcome, whether this login may record progress on it.

    Board-wide editors may record on all; anyone else's rights also depend on which
    outcomes name them as lead, so their pages are their own."""
    if access.can(Need.EDIT):
        return "all"
    return f"{access.cache_key}|user:{user.pk}"


def get_outcome_for_user(
    user,
    board_slug: str,
    pk: int,
    need: Need = Need.VIEW,
    *,
    record_progress: bool = False,
    author: bool = False,
    prefetch: bool = True,
) -> tuple[Outcome, BoardAccess]:
    """The outcome if the user may read it with `need`; record_progress=True asks for that
    right, author=True for the right to change, move or retire it (can_author_outcome).

    Loads the lead subgroups and named leads once, since both the check and the pages use them.
    prefetch=False leaves them to be read when first used: a page whose body is cached
    reads them only for a viewer whose rights depend on them.
    """
    wider = record_progress or author
    board, access = get_board_for_user(user, board_slug, Need.VIEW if wider else need)
    outcomes = Outcome.objects.filter(workplan__board=board, pk=pk).select_related(
        "workplan", "carried_from__workplan"
    )
    if prefetch:
        outcomes = outcomes.prefetch_related("lead_subgroups", "leads", "themes")
    outcome = outcomes.first()
    if outcome is None:
        raise Http404("No such outcome.")
    outcome.workplan.board = board
    if record_progress and not can_record_progress(user, access, outcome):
        raise PermissionDenied("You cannot record progress on this outcome.")
    if author and not can_author_outcome(access, outcome):
        raise PermissionDenied("You cannot change this outcome.")
    return outcome, access


def get_update_for_user(
    user, board_slug: str, pk: int, need: Need = Need.VIEW
) -> tuple[ProgressUpdate, BoardAccess]:
    """A progress update on one of the board's outcomes (for its evidence download)."""
    board, access = get_board_for_user(user, board_slug, need)
    update = (
        ProgressUpdate.objects.filter(outcome__workplan__board=board, pk=pk)
        .select_related("outcome")
        .first()
    )
    if update is None:
        raise Http404("No such progress update.")
    return update, access


def get_board(user, board_slug: str, need: Need = Need.VIEW) -> tuple[Board, BoardAccess]:
    return get_board_for_user(user, board_slug, need)


def get_outcome_link_for_user(user, board_slug: str, pk: int) -> tuple[SecureLink, Outcome]:
    """A lead's link to one of the board's outcomes, with its outcome, for those who may
    send such links (can_author_outcome)."""
    board, access = get_board_for_user(user, board_slug, Need.VIEW)
    link = SecureLink.objects.filter(board=board, pk=pk, purpose=OUTCOME_LINK_PURPOSE).first()
    outcome = (
        Outcome.objects.filter(workplan__board=board, pk=link.object_id)
        .select_related("workplan")
        .first()
        if link is not None
        else None
    )
    if link is None or outcome is None:
        raise Http404("No such link.")
    if not can_author_outcome(access, outcome):
        raise PermissionDenied("You cannot revoke links for this outcome.")
    return link, outcome
