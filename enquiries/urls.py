from django.urls import path
from django.views.generic import TemplateView

app_name = "enquiries"

urlpatterns = [
    # Placeholder until the Contact Us issue lands its form.
    path("", TemplateView.as_view(template_name="enquiries/contact.html"), name="contact"),
]
