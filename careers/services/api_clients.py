"""API clients: issuing, rotating and revoking tokens, and the record of
every call a client makes (with the profiles each answer contained)."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from careers.auth import token_hash, token_make
from careers.models import ApiCall, ApiClient, ProfileShare

NAME_REQUIRED = _("Give the client a name.")
PATH_MAX = ApiCall._meta.get_field("path").max_length


class ApiClientError(Exception):
    pass


@transaction.atomic
def api_client_issue(*, name: str, actor: User | None) -> tuple[ApiClient, str]:
    """A new client and its token. The token is returned once, here: only its
    hash is kept, so it cannot be shown again (issue a new one instead)."""
    name = name.strip()
    if not name:
        raise ApiClientError(NAME_REQUIRED)
    prefix, token = token_make()
    client = ApiClient(
        name=name,
        token_prefix=prefix,
        token_hash=token_hash(token),
        created_by=actor if actor is not None and actor.is_authenticated else None,
        created_at=timezone.now(),
    )
    client.full_clean()
    client.save()
    return client, token


@transaction.atomic
def api_client_rotate(*, client: ApiClient) -> str:
    """A new token for the client; the old one stops working at once."""
    prefix, token = token_make()
    ApiClient.objects.filter(pk=client.pk).update(
        token_prefix=prefix, token_hash=token_hash(token)
    )
    client.token_prefix, client.token_hash = prefix, token_hash(token)
    return token


@transaction.atomic
def api_client_revoke(*, client: ApiClient) -> tuple[ApiClient, bool]:
    """Revoke the client's token (every later call answers 401). Idempotent:
    the second element says whether this call revoked it."""
    client = ApiClient.objects.select_for_update().get(pk=client.pk)
    if client.revoked_at is not None:
        return client, False
    client.revoked_at = timezone.now()
    client.save(update_fields=["revoked_at"])
    return client, True


@transaction.atomic
def api_call_record(
    *,
    client: ApiClient,
    method: str,
    path: str,
    status_code: int,
    shared_user_ids: Iterable[int] = (),
) -> ApiCall:
    """One call in the log, the people whose profiles its answer contained
    (each sees it on their profile), and the client's last use. Three
    queries, however many profiles the answer held."""
    now = timezone.now()
    call = ApiCall.objects.create(
        client=client,
        at=now,
        method=method[:8],
        path=path[:PATH_MAX],
        status_code=status_code,
    )
    ProfileShare.objects.bulk_create(
        [ProfileShare(call=call, user_id=pk, at=now) for pk in shared_user_ids]
    )
    ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
    return call
