"""Issue 15, item 6: demo certificates download as credentials that verify."""

from django.utils import translation

from careers.credentials import Status, credential_verify
from training.models import Certificate
from training.selectors.certificates import code_display


def check_credentials(client) -> None:
    certificate = (
        Certificate.objects.filter(revoked_at__isnull=True)
        .select_related("enrolment__trainee")
        .order_by("pk")
        .first()
    )
    assert certificate is not None, "the demo issues certificates"
    client.force_login(certificate.enrolment.trainee)
    code = code_display(certificate.code)
    with translation.override("en"):
        page = client.get(f"/en/certificates/{code}/")
    assert f"/en/certificates/{code}/credential.jwt" in page.text
    response = client.get(f"/en/certificates/{code}/credential.jwt")
    assert response.status_code == 200
    assert credential_verify(response.content.decode()).status == Status.VALID
    client.logout()
