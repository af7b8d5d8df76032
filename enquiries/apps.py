from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnquiriesConfig(AppConfig):
    name = "enquiries"
    verbose_name = _("Enquiries")

    def ready(self):
        from enquiries import services

        # Each enquiry follows its messages in the outbox (newsroom/shared/mail.py).
        services.connect_signals()
