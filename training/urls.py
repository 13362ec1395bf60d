from django.urls import path

from training.views import links, pages, records

app_name = "training"
urlpatterns = [
    path("", pages.training_home, name="home"),
    path("needs/", pages.need_list, name="needs"),
    path("courses/", pages.course_list, name="courses"),
    path("sessions/", pages.session_list, name="sessions"),
    path("sessions/<int:pk>/", pages.session_detail, name="session"),
    path("sessions/<int:pk>/book/", records.book, name="book"),
    path("sessions/<int:pk>/attendance/", records.attendance, name="attendance"),
    path("sessions/<int:pk>/follow-ups/", links.send_follow_ups, name="send_follow_ups"),
    path("bookings/<int:pk>/cancel/", records.cancel, name="cancel"),
    path("bookings/<int:pk>/evaluation/", records.evaluate, name="evaluate"),
    path("bookings/<int:pk>/follow-up/", records.follow_up, name="follow_up"),
]
