"""Bearer tokens for the job platform's API.

A token reads `jobs_<prefix>_<secret>`: the prefix (8 hex characters) finds
the client, the secret (`secrets.token_urlsafe`, 256 bits) proves it. Only a
SHA-256 hash of the whole token is stored, so a copy of the database lets no
one call the API, and the hash is compared in constant time. A plain hash is
enough for a random secret of this length (no password to guess), and it
keeps working when SECRET_KEY is rotated."""

import hashlib
import hmac
import secrets

from django.http import HttpRequest
from ninja.security import HttpBearer

from careers.models import ApiClient

TOKEN_KIND = "jobs"  # noqa: S105 (the token's leading word, not a secret)
PREFIX_BYTES = 4
SECRET_BYTES = 32


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_make() -> tuple[str, str]:
    """A new (prefix, token). The caller stores the prefix and the hash."""
    prefix = secrets.token_hex(PREFIX_BYTES)
    return prefix, f"{TOKEN_KIND}_{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}"


def token_prefix(token: str) -> str | None:
    kind, _, rest = token.partition("_")
    prefix, _, secret = rest.partition("_")
    if kind != TOKEN_KIND or len(prefix) != PREFIX_BYTES * 2 or not secret:
        return None
    return prefix


def client_for_token(token: str) -> ApiClient | None:
    """The client the token belongs to, if the token is right and the client
    is not revoked. One query."""
    prefix = token_prefix(token)
    if prefix is None:
        return None
    client = ApiClient.objects.filter(
        token_prefix=prefix, revoked_at__isnull=True
    ).first()
    if client is None or not hmac.compare_digest(client.token_hash, token_hash(token)):
        return None
    return client


class ApiToken(HttpBearer):
    """`Authorization: Bearer jobs_…` and nothing else: a signed-in session's
    cookie never authenticates the API."""

    openapi_description = "A token issued by a federation admin (jobs_…)."

    def authenticate(self, request: HttpRequest, token: str) -> ApiClient | None:
        return client_for_token(token)
