"""The shared tasks the worker runs (django-tasks; `manage.py db_worker` in production)."""

from django_tasks import task

from newsroom.shared import mail


@task()
def send_queued_mail(mail_id):
    """Send one message of the outbox, if it is still waiting and due (newsroom/shared/mail.py deliver)."""
    return mail.deliver(mail_id)
