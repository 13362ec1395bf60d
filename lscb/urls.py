from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from lscb import account_views, secure_links_views, views

# The admin is part of the product: its name on every admin page and tab, not Django's.
admin.site.site_header = f"{settings.SERVICE_NAME} administration"
admin.site.site_title = f"{settings.SERVICE_NAME} administration"
admin.site.index_title = "Boards, people and memberships"

handler403 = "lscb.views.permission_denied"
handler404 = "lscb.views.page_not_found"
handler500 = "lscb.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="registration/login.html"),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password-reset/", account_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        account_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        account_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        account_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("profile/", account_views.profile, name="profile"),
    path("profile/digest/", include("reminders.urls")),
    path(
        "profile/password/",
        account_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    # A secure link's token; its pages carry only the link's number (lscb.secure_links).
    path("link/<str:token>/", secure_links_views.open_link, name="secure_link"),
    path("link/", include("reviews.partner_urls")),
    path("link/", include("workplans.link_urls")),
    path("link/", include("training.link_urls")),
    path("link/", include("reminders.stop_urls")),
    path("admin/", admin.site.urls),
    path("boards/", include("boards.urls")),
    path("boards/<slug:board_slug>/workplans/", include("workplans.urls")),
    path("boards/<slug:board_slug>/reviews/", include("reviews.urls")),
    path("boards/<slug:board_slug>/training/", include("training.urls")),
    path("boards/<slug:board_slug>/voice/", include("voice.urls")),
    path("boards/<slug:board_slug>/reports/", include("reporting.urls")),
    # What anyone may read without signing in.
    path("public/", include("public.urls")),
]
