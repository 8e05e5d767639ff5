"""Background work, run by a worker (`manage.py db_worker`) outside the web
request, through Django's Tasks API (django-tasks)."""

from django_tasks import task

from notifications.delivery import notification_deliver


@task()
def deliver_notification(notification_id: int) -> int:
    """Send a notification's waiting email and text message; returns how many
    were sent."""
    return notification_deliver(notification_id=notification_id)
