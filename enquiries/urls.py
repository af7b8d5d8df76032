from django.urls import path

from enquiries import views

app_name = "enquiries"

urlpatterns = [
    path("", views.ContactView.as_view(), name="contact"),
    path("thanks/", views.ThanksView.as_view(), name="thanks"),
]
