from django.urls import path

from reviews.views import authoring, files, minutes, pages, partner, plan, s11, themes

app_name = "reviews"
urlpatterns = [
    path("", pages.review_list, name="list"),
    path("new/", pages.review_create, name="create"),
    path("themes/", themes.themes, name="themes"),
    path("themes/<slug:theme_slug>/", themes.theme_items, name="theme_items"),
    path("<int:pk>/", pages.review_detail, name="detail"),
    path("<int:pk>/edit/", pages.review_edit, name="edit"),
    path("<int:pk>/history/", pages.review_history, name="history"),
    path("<int:pk>/sign-off/", plan.sign_off, name="sign_off"),
    path("<int:pk>/reopen/", plan.reopen, name="reopen"),
    path("<int:pk>/import/", files.import_plan, name="import"),
    path("<int:pk>/import/confirm/", files.import_confirm, name="import_confirm"),
    path("<int:pk>/export.xlsx", files.export_plan, name="export"),
    path("actions/", minutes.open_actions, name="open_actions"),
    path("actions/<int:pk>/progress/", plan.record_progress, name="record_progress"),
    # Decisions recorded in a meeting's minutes become actions (reviews.views.minutes).
    path(
        "minute-items/<int:pk>/decisions/new/",
        minutes.minute_action_add,
        name="minute_action_add",
    ),
    path("decisions/<int:pk>/edit/", minutes.minute_action_edit, name="minute_action_edit"),
    path(
        "decisions/<int:pk>/withdraw/",
        minutes.minute_action_withdraw,
        name="minute_action_withdraw",
    ),
    path("progress/<int:pk>/evidence/", plan.evidence, name="evidence"),
    # Partner contacts report on an action through a secure link (reviews.views.partner).
    path("links/", partner.board_links, name="links"),
    path("actions/<int:pk>/links/", partner.action_links, name="action_links"),
    path("links/<int:pk>/revoke/", partner.link_revoke, name="link_revoke"),
    # A partner contact who stopped the weekly email of their links, sent it again.
    path("links/opted-out/<int:pk>/clear/", partner.opt_out_clear, name="opt_out_clear"),
    # Section 11 audits: the grid of a round, agencies' returns and their links.
    path("section-11/standards/", s11.standards, name="s11_standards"),
    path("section-11/standards/<int:pk>/", s11.standard_edit, name="s11_standard_edit"),
    path("<int:pk>/section-11/", s11.grid, name="s11_grid"),
    path("<int:pk>/section-11/issue/", s11.issue, name="s11_issue"),
    path("section-11/returns/<int:pk>/", s11.return_detail, name="s11_return"),
    path("section-11/returns/<int:pk>/challenge/", s11.challenge, name="s11_challenge"),
    path("section-11/ratings/<int:pk>/document/", s11.rating_file, name="s11_file"),
    path("section-11/links/<int:pk>/revoke/", s11.link_revoke, name="s11_link_revoke"),
    # Writing the plan on the review page (reviews.views.authoring).
    path("<int:pk>/findings/new/", authoring.finding_add, name="finding_add"),
    path("findings/<int:pk>/edit/", authoring.finding_edit, name="finding_edit"),
    path("findings/<int:pk>/move/", authoring.finding_move, name="finding_move"),
    path("findings/<int:pk>/withdraw/", authoring.finding_withdraw, name="finding_withdraw"),
    path("<int:pk>/recommendations/new/", authoring.recommendation_add, name="recommendation_add"),
    path(
        "recommendations/<int:pk>/edit/", authoring.recommendation_edit, name="recommendation_edit"
    ),
    path(
        "recommendations/<int:pk>/move/", authoring.recommendation_move, name="recommendation_move"
    ),
    path(
        "recommendations/<int:pk>/withdraw/",
        authoring.recommendation_withdraw,
        name="recommendation_withdraw",
    ),
    path("recommendations/<int:pk>/actions/new/", authoring.action_add, name="action_add"),
    path("actions/<int:pk>/edit/", authoring.action_edit, name="action_edit"),
    path("actions/<int:pk>/move/", authoring.action_move, name="action_move"),
    path("actions/<int:pk>/withdraw/", authoring.action_withdraw, name="action_withdraw"),
]
