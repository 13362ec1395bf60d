from django.urls import path

from training.views import authoring, links, pages, records

app_name = "training"
urlpatterns = [
    path("", pages.training_home, name="home"),
    path("needs/", pages.need_list, name="needs"),
    path("needs/new/", authoring.need_add, name="need_add"),
    path("needs/<int:pk>/edit/", authoring.need_edit, name="need_edit"),
    path("needs/<int:pk>/delete/", authoring.need_delete, name="need_delete"),
    path("courses/", pages.course_list, name="courses"),
    path("courses/new/", authoring.course_add, name="course_add"),
    path("courses/<int:pk>/edit/", authoring.course_edit, name="course_edit"),
    path("sessions/", pages.session_list, name="sessions"),
    path("sessions/new/", authoring.session_add, name="session_add"),
    path("sessions/<int:pk>/edit/", authoring.session_edit, name="session_edit"),
    path("sessions/<int:pk>/", pages.session_detail, name="session"),
    path("sessions/<int:pk>/book/", records.book, name="book"),
    path("sessions/<int:pk>/attendance/", records.attendance, name="attendance"),
    path("sessions/<int:pk>/follow-ups/", links.send_follow_ups, name="send_follow_ups"),
    path("bookings/<int:pk>/cancel/", records.cancel, name="cancel"),
    path(
        "bookings/<int:pk>/follow-up-link/withdraw/",
        links.withdraw_follow_up_link,
        name="withdraw_follow_up_link",
    ),
    path("bookings/<int:pk>/evaluation/", records.evaluate, name="evaluate"),
    path("bookings/<int:pk>/follow-up/", records.follow_up, name="follow_up"),
]
