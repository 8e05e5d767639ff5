"""Checks on the demo's job platform client, called from
tests/demo/test_seed.py after the seed has run (twice)."""

import re

from django.test import Client

from careers.models import ApiClient, Placement
from careers.selectors.profiles import shared_profiles
from demo.api_clients import DEMO_CLIENT_NAME, seed_api_client

TOKEN_LINE = re.compile(r"^Job platform API token: (jobs_\S+)$", re.MULTILINE)


def check_api(printed: str) -> None:
    first_token = TOKEN_LINE.search(printed).group(1)
    demo = ApiClient.objects.get(name=DEMO_CLIENT_NAME)  # one, after two runs
    assert demo.revoked_at is None
    # Each run gives a new token; the one printed by an earlier run stops.
    assert _get(first_token, "/api/jobs/v1/profiles").status_code == 401
    token = seed_api_client()
    response = _get(token, "/api/jobs/v1/profiles")
    assert response.status_code == 200
    assert len(response.json()["items"]) == min(shared_profiles().count(), 100)
    assert ApiClient.objects.filter(name=DEMO_CLIENT_NAME).count() == 1
    # The demo job waits for its base, once however many runs.
    if shared_profiles().exists():
        assert Placement.objects.filter(client=demo).count() <= 1


def _get(token: str, path: str):
    return Client(headers={"Authorization": f"Bearer {token}"}).get(path)
