"""An e-mail backend whose SMTP server is down: the only thing our tests fake."""

from smtplib import SMTPException

from django.core.mail.backends.base import BaseEmailBackend

PATH = "accounts.tests.failing_mail.FailingBackend"


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise SMTPException("451 The mail server is down")
