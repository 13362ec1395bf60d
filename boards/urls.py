from django.urls import path

from boards import meeting_views, minutes_views, views

app_name = "boards"
urlpatterns = [
    path("<slug:slug>/", views.board_detail, name="detail"),
    path("<slug:slug>/subgroups/<int:pk>/", views.subgroup_detail, name="subgroup"),
    path("<slug:slug>/activity/", views.activity, name="activity"),
    path("<slug:slug>/activity.csv", views.activity_csv, name="activity_csv"),
    path("<slug:slug>/meetings/", meeting_views.meeting_list, name="meetings"),
    path("<slug:slug>/meetings/new/", meeting_views.meeting_plan, name="meeting_plan"),
    path(
        "<slug:slug>/meetings/attendance/",
        meeting_views.attendance_year,
        name="meeting_attendance_year",
    ),
    path("<slug:slug>/meetings/<int:pk>/", meeting_views.meeting_detail, name="meeting"),
    path("<slug:slug>/meetings/<int:pk>/edit/", meeting_views.meeting_edit, name="meeting_edit"),
    path(
        "<slug:slug>/meetings/<int:pk>/items/new/",
        meeting_views.agenda_item_add,
        name="agenda_item_add",
    ),
    path(
        "<slug:slug>/meetings/<int:pk>/publish/",
        meeting_views.agenda_publish,
        name="agenda_publish",
    ),
    path(
        "<slug:slug>/meetings/<int:pk>/attendance/",
        meeting_views.meeting_attendance,
        name="meeting_attendance",
    ),
    path(
        "<slug:slug>/meetings/<int:pk>/declarations/new/",
        meeting_views.declaration_add,
        name="declaration_add",
    ),
    path(
        "<slug:slug>/meetings/<int:pk>/minutes/",
        minutes_views.minutes_edit,
        name="minutes_edit",
    ),
    path(
        "<slug:slug>/meetings/<int:pk>/minutes/approve/",
        minutes_views.minutes_approve,
        name="minutes_approve",
    ),
    path(
        "<slug:slug>/meetings/<int:pk>/minutes/reopen/",
        minutes_views.minutes_reopen,
        name="minutes_reopen",
    ),
    path("<slug:slug>/meetings/<int:pk>/held/", meeting_views.meeting_held, name="meeting_held"),
    path(
        "<slug:slug>/agenda-items/<int:pk>/edit/",
        meeting_views.agenda_item_edit,
        name="agenda_item_edit",
    ),
    path(
        "<slug:slug>/agenda-items/<int:pk>/move/",
        meeting_views.agenda_item_move,
        name="agenda_item_move",
    ),
    path(
        "<slug:slug>/agenda-items/<int:pk>/papers/new/",
        meeting_views.agenda_paper_add,
        name="agenda_paper_add",
    ),
    path("<slug:slug>/papers/<int:pk>/", meeting_views.agenda_paper, name="agenda_paper"),
]
