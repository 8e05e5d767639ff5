"""Text messages, through a pluggable backend.

`settings.SMS_BACKEND` is the dotted path of a class with this interface:

    class MyProviderBackend:
        def __init__(self, **options): ...      # settings.SMS_OPTIONS
        def send(self, *, to: str, text: str) -> None: ...

`send` raises `SmsError` (or any exception) when the provider refuses or
cannot be reached: the delivery is then kept as failed with the error and
retried by `manage.py send_scheduled_notices`. `SMS_OPTIONS` (a dict) holds
what the provider needs (account id, key, sender id or signature and template
code for providers in mainland China, such as Alibaba Cloud SMS or Tencent
Cloud SMS); read them from the environment in the settings, never in code.

Two backends come with the project: `ConsoleSmsBackend` (development: prints
the message) and `DummySmsBackend` (tests: keeps messages in `outbox`)."""

import sys

from django.conf import settings
from django.utils.module_loading import import_string


class SmsError(Exception):
    """The provider did not accept the message."""


class BaseSmsBackend:
    def __init__(self, **options) -> None:
        self.options = options

    def send(self, *, to: str, text: str) -> None:
        raise NotImplementedError


class ConsoleSmsBackend(BaseSmsBackend):
    """Prints each message (development)."""

    def send(self, *, to: str, text: str) -> None:
        stream = self.options.get("stream") or sys.stdout
        stream.write(f"SMS to {to}:\n{text}\n{'-' * 40}\n")
        stream.flush()


outbox: list[dict] = []


class DummySmsBackend(BaseSmsBackend):
    """Keeps messages in `notifications.sms.outbox` (tests)."""

    def send(self, *, to: str, text: str) -> None:
        outbox.append({"to": to, "text": text})


def get_backend() -> BaseSmsBackend:
    backend = getattr(settings, "SMS_BACKEND", "notifications.sms.ConsoleSmsBackend")
    return import_string(backend)(**getattr(settings, "SMS_OPTIONS", {}))


def send_sms(*, to: str, text: str) -> None:
    get_backend().send(to=to, text=text)
