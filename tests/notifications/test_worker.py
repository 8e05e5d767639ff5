"""End to end through the database task backend and its worker, as
production runs it (`manage.py db_worker`), on SQLite and PostgreSQL."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from notifications import services
from notifications.models import Delivery
from tests.factories.accounts import UserFactory
from training import notices

pytestmark = pytest.mark.django_db

TASK_PATH = "notifications.tasks.deliver_notification"
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_a_worker_delivers_what_notify_enqueued(
    settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_TASKS
    # The worker recycles its connection between tasks; here it shares the
    # test's connection, whose transaction must stay open (PostgreSQL would
    # otherwise close it under the test).
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections",
        lambda: None,
    )
    mail.outbox = []
    person = UserFactory(preferred_language="en")
    data = {
        "session_id": 1,
        "session_name": "直播电商 秋季班",
        "session_name_en": "Livestream selling, autumn",
        "starts_on": "2030-01-01",
        "ends_on": "2030-02-01",
    }
    ours = DBTaskResult.objects.filter(task_path=TASK_PATH)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        notification = services.notify(person, notices.ENROLLED, data, dedupe_key="e")
        assert not ours.exists(), "enqueued only on commit"
    assert ours.count() == 1
    assert mail.outbox == []

    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0
    )

    email = notification.deliveries.get(channel=Delivery.Channel.EMAIL)
    assert email.status == Delivery.Status.SENT
    [message] = mail.outbox
    assert "Livestream selling, autumn" in message.subject
    assert ours.get().status == "SUCCESSFUL"
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()
