from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import TemplateView

app_name = "accounts"

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="accounts/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Placeholders until the reporter issue lands its registration and desk.
    path("register/", TemplateView.as_view(template_name="accounts/register.html"), name="register"),
    path("desk/", TemplateView.as_view(template_name="accounts/desk.html"), name="desk"),
]
