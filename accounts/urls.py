from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import RedirectView, TemplateView

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("register/", views.RegisterView.as_view(), name="register"),
    path("register/done/", views.RegisterDoneView.as_view(), name="register-done"),
    path("terms/", views.TermsView.as_view(), name="terms"),
    path("confirm/<str:token>/", views.ConfirmEmailView.as_view(), name="confirm-email"),
    path("confirm-again/", views.ResendConfirmationView.as_view(), name="resend-confirmation"),
    path(
        "confirm-again/sent/",
        TemplateView.as_view(template_name="accounts/resend_confirmation_done.html"),
        name="resend-confirmation-done",
    ),
    # The reporter's desk moved beside the stories it lists (/desk/): links in older e-mails still work.
    path(
        "desk/", RedirectView.as_view(pattern_name="articles:desk", permanent=True, query_string=True), name="old-desk"
    ),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password-reset-done",
    ),
    path("password/reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password-reset-confirm"),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password-reset-complete",
    ),
    path("password/change/", views.PasswordChangeView.as_view(), name="password-change"),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html"),
        name="password-change-done",
    ),
]
