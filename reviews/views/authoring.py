"""Officers writing a review's findings, recommendations and actions from the review page:
add, change, move up or down, and withdraw (with a reason, checked before it happens).

Every page loads its object through the getters in reviews.access with Need.EDIT, and
every write goes through reviews.services.authoring, which refuses while the plan is
signed off. Moving is a plain form post, so no script is needed.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_POST

from boards.access import Need
from lscb.form_errors import add_service_errors
from reviews.access import (
    get_action_for_user,
    get_finding_for_user,
    get_recommendation_for_user,
    get_review_for_user,
)
from reviews.authoring_forms import ActionForm, FindingForm, RecommendationForm, WithdrawForm
from reviews.models import Review
from reviews.selectors.authoring import item_name, recommendation_name
from reviews.services import authoring, authoring_actions
from reviews.services.authoring import StaleEdit


def _back(review: Review, anchor: str):
    return redirect(f"{review.get_absolute_url()}#{anchor}")


def _form_page(
    request: HttpRequest,
    *,
    board,
    review: Review,
    form,
    heading: str,
    caption: str,
    save: Callable[[], tuple[str, str]],
    cache_as: str = "",
) -> HttpResponse:
    """Show `form`; on a valid post call `save` (which returns the anchor of the saved item
    and what to tell the user) and go back to the review, else show the errors.

    `cache_as` names an empty form whose fields are the same for everyone on the board (an
    add page's, made by `_empty_until_posted`): it is a cached part of the page
    (lscb.fragments), keyed on the board's people and the shared lists (agencies, themes),
    so a hit builds no form and draws none of its choices."""
    if request.method == "POST" and form.is_valid():
        try:
            anchor, done = save()
        except StaleEdit as exc:
            form.add_error(None, exc.messages)
            form.show_stored(exc.stored)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return _back(review, anchor)
    return render(
        request,
        "reviews/item_form.html",
        {
            "board": board,
            "nav": "reviews",
            "review": review,
            "form": form,
            "heading": heading,
            "caption": caption,
            "locked": review.is_signed_off,
            "cache_as": "" if request.POST else cache_as,
        },
    )


def _empty_until_posted(request: HttpRequest, make: Callable[[object], object]):
    """An add page's form: bound to what was posted, else made only if the page's cached
    form part is missing (lazy)."""
    if request.POST:
        return make(request.POST)
    return SimpleLazyObject(lambda: make(None))


def _version(form) -> int:
    # A form without its version is as stale as one opened at an old version.
    return form.cleaned_data.get("version") or 0


def _move(request: HttpRequest, review: Review, anchor: str, move) -> HttpResponse:
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return HttpResponseBadRequest("Say whether to move the item up or down.")
    try:
        item = move(direction)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Moved {item_name(item).lower()} {direction}.")
    return _back(review, anchor)


def _withdraw_page(
    request: HttpRequest, *, board, review: Review, item, anchor: str, withdraw
) -> HttpResponse:
    """Ask for the reason, then show it back with the item before withdrawing."""
    name = item_name(item)
    form = WithdrawForm(request.POST or None)
    confirming = False
    if request.method == "POST" and form.is_valid():
        if request.POST.get("confirm") == "yes":
            try:
                withdraw(form.cleaned_data["reason"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, f"{name} is withdrawn; it keeps its number.")
                return _back(review, anchor)
        elif request.POST.get("change") != "yes":
            confirming = True
    return render(
        request,
        "reviews/item_withdraw.html",
        {
            "board": board,
            "nav": "reviews",
            "review": review,
            "item": item,
            "name": name,
            "form": form,
            "confirming": confirming,
            "locked": review.is_signed_off,
        },
    )


# ---- findings ------------------------------------------------------------------------------


@login_required
def finding_add(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, review = get_review_for_user(request.user, board_slug, pk, Need.EDIT)
    form = _empty_until_posted(request, FindingForm)

    def save():
        finding = authoring.finding_create(review=review, by=request.user, **form.values())
        return f"finding-{finding.pk}", "Finding added."

    return _form_page(
        request,
        board=board,
        review=review,
        form=form,
        heading="Add a finding",
        caption=review.title,
        save=save,
        cache_as="finding-form",
    )


@login_required
def finding_edit(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, finding = get_finding_for_user(request.user, board_slug, pk, Need.EDIT)
    form = FindingForm(request.POST or None, initial=FindingForm.initial_for(finding))

    def save():
        authoring.finding_update(
            finding=finding, by=request.user, expected_version=_version(form), **form.values()
        )
        return f"finding-{finding.pk}", "Finding saved."

    return _form_page(
        request,
        board=board,
        review=finding.review,
        form=form,
        heading=f"Change {item_name(finding).lower()}",
        caption=finding.review.title,
        save=save,
    )


@login_required
@require_POST
def finding_move(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, finding = get_finding_for_user(request.user, board_slug, pk, Need.EDIT)
    return _move(
        request,
        finding.review,
        f"finding-{finding.pk}",
        lambda d: authoring.finding_move(finding=finding, by=request.user, direction=d),
    )


@login_required
def finding_withdraw(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, finding = get_finding_for_user(request.user, board_slug, pk, Need.EDIT)
    return _withdraw_page(
        request,
        board=board,
        review=finding.review,
        item=finding,
        anchor=f"finding-{finding.pk}",
        withdraw=lambda reason: authoring.finding_withdraw(
            finding=finding, by=request.user, reason=reason
        ),
    )


# ---- recommendations -----------------------------------------------------------------------


@login_required
def recommendation_add(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, review = get_review_for_user(request.user, board_slug, pk, Need.EDIT)
    form = _empty_until_posted(request, RecommendationForm)

    def save():
        rec = authoring.recommendation_create(review=review, by=request.user, **form.values())
        return f"recommendation-{rec.pk}", f"{recommendation_name(rec)} added."

    return _form_page(
        request,
        board=board,
        review=review,
        form=form,
        heading="Add a requirement or recommendation",
        caption=review.title,
        save=save,
        cache_as="recommendation-form",
    )


@login_required
def recommendation_edit(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, rec = get_recommendation_for_user(request.user, board_slug, pk, Need.EDIT)
    form = RecommendationForm(request.POST or None, initial=RecommendationForm.initial_for(rec))

    def save():
        saved = authoring.recommendation_update(
            recommendation=rec, by=request.user, expected_version=_version(form), **form.values()
        )
        return f"recommendation-{rec.pk}", f"{recommendation_name(saved)} saved."

    return _form_page(
        request,
        board=board,
        review=rec.review,
        form=form,
        heading=f"Change {recommendation_name(rec).lower()}",
        caption=rec.review.title,
        save=save,
    )


@login_required
@require_POST
def recommendation_move(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, rec = get_recommendation_for_user(request.user, board_slug, pk, Need.EDIT)
    return _move(
        request,
        rec.review,
        f"recommendation-{rec.pk}",
        lambda d: authoring.recommendation_move(recommendation=rec, by=request.user, direction=d),
    )


@login_required
def recommendation_withdraw(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, rec = get_recommendation_for_user(request.user, board_slug, pk, Need.EDIT)
    return _withdraw_page(
        request,
        board=board,
        review=rec.review,
        item=rec,
        anchor=f"recommendation-{rec.pk}",
        withdraw=lambda reason: authoring.recommendation_withdraw(
            recommendation=rec, by=request.user, reason=reason
        ),
    )


# ---- actions -------------------------------------------------------------------------------


@login_required
def action_add(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, rec = get_recommendation_for_user(request.user, board_slug, pk, Need.EDIT)
    form = _empty_until_posted(request, lambda data: ActionForm(data, board=board))

    def save():
        action = authoring_actions.action_create(
            recommendation=rec, by=request.user, **form.values()
        )
        return f"action-{action.pk}", f"Action added to {recommendation_name(rec).lower()}."

    return _form_page(
        request,
        board=board,
        review=rec.review,
        form=form,
        heading=f"Add an action to {recommendation_name(rec).lower()}",
        caption=rec.review.title,
        save=save,
        cache_as="action-form",
    )


@login_required
def action_edit(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, action = get_action_for_user(
        request.user, board_slug, pk, Need.EDIT, of_a_plan=True
    )
    form = ActionForm(request.POST or None, initial=ActionForm.initial_for(action), board=board)

    def save():
        authoring_actions.action_update(
            action=action, by=request.user, expected_version=_version(form), **form.values()
        )
        return f"action-{action.pk}", "Action saved."

    return _form_page(
        request,
        board=board,
        review=action.recommendation.review,
        form=form,
        heading=f"Change {item_name(action).lower()}",
        caption=action.recommendation.review.title,
        save=save,
    )


@login_required
@require_POST
def action_move(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, action = get_action_for_user(
        request.user, board_slug, pk, Need.EDIT, of_a_plan=True
    )
    return _move(
        request,
        action.recommendation.review,
        f"action-{action.pk}",
        lambda d: authoring_actions.action_move(action=action, by=request.user, direction=d),
    )


@login_required
def action_withdraw(request: HttpRequest, board_slug: str, pk: int) -> HttpResponse:
    board, access, action = get_action_for_user(
        request.user, board_slug, pk, Need.EDIT, of_a_plan=True
    )
    return _withdraw_page(
        request,
        board=board,
        review=action.recommendation.review,
        item=action,
        anchor=f"action-{action.pk}",
        withdraw=lambda reason: authoring_actions.action_withdraw(
            action=action, by=request.user, reason=reason
        ),
    )
