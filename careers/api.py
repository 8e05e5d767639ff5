"""The job-matching platform's API, version 1: read-only JSON under
/api/jobs/v1/ (no language prefix), with its OpenAPI schema at
/api/jobs/v1/openapi.json. Built with Django Ninja.

- Only a bearer token authenticates (careers.auth): a session cookie does
  not, so the API needs no CSRF protection and has none.
- Every profile is exactly `careers.selectors.profiles.profile_payload`, the
  same dict the trainee previews; the schemas below list its fields, so a
  field added there does not leave the LMS until it is added here too.
- Every call by an authenticated client is logged (careers.services
  .api_clients.api_call_record), with the people whose profiles it returned.
- The interactive docs page is off: it loads scripts from a CDN that our
  Content-Security-Policy blocks. The OpenAPI JSON is what clients need."""

import datetime
import uuid
from functools import wraps
from typing import Annotated

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import AuthenticationError
from ninja.responses import Status
from pydantic import AfterValidator, StringConstraints

from careers.auth import ApiToken
from careers.models import ApiClient, Placement
from careers.selectors import api as selectors
from careers.selectors.placements import placement_by_reference
from careers.selectors.profiles import profile_payload, profile_payloads
from careers.services.api_clients import api_call_record
from careers.services.placements import PlacementError, placement_receive

API_VERSION = "1"
API_URLCONF = "careers.urls.api"
BAD_CURSOR = _("The cursor is not one this API gave out. Start again without it.")
PROFILE_NOT_SHARED = _(
    "No shared profile has this id. It may have been withdrawn: check the revocations."
)
UNAUTHORIZED = "Unauthorized"


def _no_control_characters(value: str) -> str:
    if any(ord(char) < 32 and char not in "\t\n\r" for char in value):
        raise ValueError("control characters are not allowed")
    return value


def _text(max_length: int):
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length),
        AfterValidator(_no_control_characters),
    ]


# Schemas -------------------------------------------------------------------------


class Error(Schema):
    detail: str


class Skill(Schema):
    code: str
    name_zh: str
    name_en: str


class Certificate(Schema):
    code: str
    course_zh: str
    course_en: str
    issued_on: datetime.date
    verify_path: str


class Adjustment(Schema):
    code: str
    label_zh: str
    label_en: str


class Profile(Schema):
    """Only what the trainee chose to share: never a name or a contact."""

    id: uuid.UUID
    updated_at: datetime.datetime
    skills: list[Skill]
    certificates: list[Certificate]
    work_kinds: list[str]
    district: str
    adjustments: list[Adjustment]
    adjustments_note: str


class ProfilePage(Schema):
    items: list[Profile]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null on the last page."
    )


class Revocation(Schema):
    id: uuid.UUID = Field(description="The id of a profile to delete.")
    revoked_at: datetime.datetime


class RevocationPage(Schema):
    items: list[Revocation]
    next_cursor: str | None


class PlacementIn(Schema):
    profile_id: uuid.UUID
    employer: _text(200)
    job_title: _text(200)
    start_date: datetime.date
    reference: _text(100) = Field(
        description="Your own id for the placement. Posting it again returns "
        "the same placement and changes nothing."
    )


class PlacementOut(Schema):
    reference: str
    profile_id: uuid.UUID
    employer: str
    job_title: str
    start_date: datetime.date
    status: Placement.Status
    received_at: datetime.datetime


class ProfileFilters(Schema):
    changed_since: datetime.datetime | None = Field(
        None, description="Only profiles changed after this time (ISO 8601)."
    )
    cursor: str | None = Field(None, max_length=1000)
    limit: int = Field(selectors.PAGE_SIZE, ge=1, le=selectors.PAGE_SIZE)


class RevocationFilters(Schema):
    since: datetime.datetime | None = Field(
        None, description="Only profiles withdrawn after this time (ISO 8601)."
    )
    cursor: str | None = Field(None, max_length=1000)
    limit: int = Field(selectors.PAGE_SIZE, ge=1, le=selectors.PAGE_SIZE)


# The API --------------------------------------------------------------------------

api = NinjaAPI(
    title="Job-matching platform API",
    version=API_VERSION,
    description=(
        "Job-ready profiles that trainees chose to share, the profiles they "
        "withdrew, and placements the platform reports back. Send "
        "`Authorization: Bearer <token>` with a token a federation admin "
        "issued."
    ),
    urls_namespace="jobs_api",
    docs_url=None,
    auth=ApiToken(),
)


@api.exception_handler(AuthenticationError)
def _unauthorized(request: HttpRequest, exc: AuthenticationError):
    response = api.create_response(request, {"detail": UNAUTHORIZED}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="jobs"'
    return response


def keep_answer(request: HttpRequest) -> None:
    """Django's LocaleMiddleware answers a 404 on a path without a language
    prefix with a redirect to /zh-hans/… (the site's page route makes every
    prefixed path look valid): a client would follow it to an HTML page.
    With the API's own URLconf on the request, the middleware sees no
    language-prefixed routes and leaves the JSON answer alone."""
    request.urlconf = API_URLCONF


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any other path under /api/jobs/: a JSON 404."""
    keep_answer(request)
    return JsonResponse({"detail": "Not Found"}, status=404)


def _logged(run):
    """Every call an authenticated client makes goes in the log, failures
    too, with the people whose profiles the answer held."""

    @wraps(run)
    def wrapper(request: HttpRequest, *args, **kwargs):
        keep_answer(request)
        response = run(request, *args, **kwargs)
        client = getattr(request, "auth", None)
        if isinstance(client, ApiClient):
            ok = 200 <= response.status_code < 300
            api_call_record(
                client=client,
                method=request.method,
                path=request.get_full_path(),
                status_code=response.status_code,
                shared_user_ids=getattr(request, "shared_user_ids", ()) if ok else (),
            )
        response["Cache-Control"] = "no-store"
        return response

    return wrapper


api.add_decorator(_logged, mode="view")


def _aware(moment: datetime.datetime | None) -> datetime.datetime | None:
    if moment is not None and timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return moment


@api.get(
    "/profiles",
    response={200: ProfilePage, 400: Error},
    summary="Shared profiles, oldest change first",
)
def profiles(request: HttpRequest, filters: Query[ProfileFilters]):
    """Opted-in profiles, `limit` at a time (100 at most), in a stable order.
    Follow `next_cursor` until it is null; next time, ask with
    `changed_since` set to the newest `updated_at` you hold."""
    try:
        page = selectors.profiles_page(
            changed_since=_aware(filters.changed_since),
            cursor=filters.cursor,
            size=filters.limit,
        )
    except selectors.BadCursor:
        return Status(400, {"detail": str(BAD_CURSOR)})
    request.shared_user_ids = [profile.user_id for profile in page.items]
    return {"items": profile_payloads(page.items), "next_cursor": page.next_cursor}


@api.get(
    "/profiles/{profile_id}",
    response={200: Profile, 404: Error},
    summary="One shared profile",
)
def profile(request: HttpRequest, profile_id: uuid.UUID):
    """404 once the trainee has withdrawn it."""
    found = selectors.shared_profile(profile_id)
    if found is None:
        return Status(404, {"detail": str(PROFILE_NOT_SHARED)})
    request.shared_user_ids = [found.user_id]
    return profile_payload(found)


@api.get(
    "/revocations",
    response={200: RevocationPage, 400: Error},
    summary="Withdrawn profiles, to delete",
)
def revocations(request: HttpRequest, filters: Query[RevocationFilters]):
    """Profiles trainees withdrew (or whose accounts were removed): delete
    what you hold under these ids. Paged like /profiles."""
    try:
        page = selectors.revocations_page(
            since=_aware(filters.since), cursor=filters.cursor, size=filters.limit
        )
    except selectors.BadCursor:
        return Status(400, {"detail": str(BAD_CURSOR)})
    return {
        "items": [
            {"id": revocation.public_id, "revoked_at": revocation.revoked_at}
            for revocation in page.items
        ],
        "next_cursor": page.next_cursor,
    }


def _placement_out(placement: Placement, profile_id: uuid.UUID) -> dict:
    """The trainee's profile id as shared now; the id posted when they share
    nothing now (withdrawing gives the profile a new id, which the platform
    must not learn)."""
    held = getattr(placement.user, "job_profile", None)
    shared = held is not None and held.opted_in
    return {
        "reference": placement.external_id,
        "profile_id": held.public_id if shared else profile_id,
        "employer": placement.employer,
        "job_title": placement.job_title,
        "start_date": placement.start_date,
        "status": placement.status,
        "received_at": placement.received_at,
    }


@api.post(
    "/placements",
    response={200: PlacementOut, 201: PlacementOut, 404: Error, 422: Error},
    summary="Report a job a trainee started",
)
def placement_create(request: HttpRequest, data: PlacementIn):
    """The placement waits for the trainee's training base to confirm it;
    only then does it count as an outcome. 201 when it is new; 200 with the
    placement already held when `reference` was posted before."""
    existing = placement_by_reference(request.auth, data.reference)
    if existing is not None:
        return Status(200, _placement_out(existing, data.profile_id))
    found = selectors.shared_profile(data.profile_id)
    if found is None:
        return Status(404, {"detail": str(PROFILE_NOT_SHARED)})
    try:
        placement, created = placement_receive(
            client=request.auth,
            user=found.user,
            reference=data.reference,
            employer=data.employer,
            job_title=data.job_title,
            start_date=data.start_date,
        )
    except PlacementError as error:
        return Status(422, {"detail": str(error)})
    return Status(201 if created else 200, _placement_out(placement, data.profile_id))
