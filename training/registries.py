"""Places where higher apps add to training's pages without training knowing
them, filled in their AppConfig.ready() (as Wagtail hooks are)."""

import dataclasses
from collections.abc import Callable

from django.http import HttpRequest

from training.models import Certificate


@dataclasses.dataclass(frozen=True)
class CertificateAction:
    """A download or link offered on a certificate's page."""

    url: str
    label: str
    hint: str = ""


CertificateActionProvider = Callable[
    [HttpRequest, Certificate], CertificateAction | None
]
_certificate_actions: list[CertificateActionProvider] = []


def register_certificate_action(provider: CertificateActionProvider) -> None:
    if provider not in _certificate_actions:
        _certificate_actions.append(provider)


def certificate_actions(
    request: HttpRequest, certificate: Certificate
) -> list[CertificateAction]:
    actions = (provider(request, certificate) for provider in _certificate_actions)
    return [action for action in actions if action is not None]
