"""The job platform's API client for trying the API locally, and one job it
reported for a demo trainee, waiting for their base to confirm it."""

import datetime

from careers.models import ApiClient, Placement
from careers.selectors.profiles import shared_profiles
from careers.services.api_clients import api_client_issue, api_client_rotate
from careers.services.placements import placement_receive
from training.models import Enrolment

DEMO_CLIENT_NAME = "Job platform (demo)"
DEMO_PLACEMENT_REFERENCE = "demo-placement-1"


def seed_api_client() -> str:
    """The demo client, with a new token each run (only a hash is kept, so
    the old one cannot be shown again). Returns the token to print."""
    client = ApiClient.objects.filter(name=DEMO_CLIENT_NAME).first()
    if client is None:
        client, token = api_client_issue(name=DEMO_CLIENT_NAME, actor=None)
    else:
        ApiClient.objects.filter(pk=client.pk).update(revoked_at=None)
        token = api_client_rotate(client=client)
    _seed_placement(client)
    return token


def _seed_placement(client: ApiClient) -> None:
    """A job for the first opted-in trainee who completed a session, started
    two weeks after it ended. Once: the reference makes it idempotent."""
    if Placement.objects.filter(
        client=client, external_id=DEMO_PLACEMENT_REFERENCE
    ).exists():
        return
    for profile in shared_profiles():
        enrolment = (
            Enrolment.objects.filter(
                trainee=profile.user, status=Enrolment.Status.COMPLETED
            )
            .select_related("session")
            .order_by("-session__ends_on", "-pk")
            .first()
        )
        if enrolment is None:
            continue
        placement_receive(
            client=client,
            user=profile.user,
            reference=DEMO_PLACEMENT_REFERENCE,
            employer="重庆云端电商有限公司",
            job_title="直播运营助理",
            start_date=enrolment.session.ends_on + datetime.timedelta(days=14),
        )
        return
