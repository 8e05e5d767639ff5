import pytest
from django.core import mail

from notifications import sms
from tests.factories import training as training_factories
from tests.factories.accounts import UserFactory

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def immediate_tasks(settings):
    """Tasks run as soon as they are enqueued (after the commit), in the
    test's thread: what a worker would do, without one."""
    settings.TASKS = IMMEDIATE
    sms.outbox.clear()
    mail.outbox = []
    yield
    sms.outbox.clear()


@pytest.fixture
def session(site_pages):
    return training_factories.session(
        name="直播电商 秋季班", name_en="Livestream selling, autumn"
    )


@pytest.fixture
def trainee(db):
    return UserFactory(preferred_language="en", phone="13800138000")
