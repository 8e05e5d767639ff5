"""The federation's credential signing key: an Ed25519 key from settings, its
public part as a JWK set, and the key id (its RFC 7638 thumbprint, so the id
changes only when the key does)."""

import functools
import os
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from joserfc.jwk import OKPKey

NO_KEY = (
    "CREDENTIAL_SIGNING_KEY is not set: set it to an Ed25519 private key (PEM) "
    "in the environment."
)


def _generated_key_file(path: Path) -> bytes:
    """Development only: a key made once and kept under var/ (not in git), so
    credentials downloaded yesterday still verify today."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        pem = OKPKey.generate_key("Ed25519").as_pem(private=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(pem)
    return path.read_bytes()


@functools.cache
def _load(pem: str, path: str) -> OKPKey:
    if pem:
        raw = pem.replace("\\n", "\n").encode()
    elif path:
        raw = _generated_key_file(Path(path))
    else:
        raise ImproperlyConfigured(NO_KEY)
    key = OKPKey.import_key(raw)
    if key.curve_name != "Ed25519" or not key.is_private:
        raise ImproperlyConfigured(NO_KEY)
    return key


def signing_key() -> OKPKey:
    """Read once per process and per setting (tests may override the setting)."""
    path = settings.CREDENTIAL_SIGNING_KEY_FILE
    return _load(settings.CREDENTIAL_SIGNING_KEY, str(path) if path else "")


def key_id() -> str:
    return signing_key().thumbprint()


def public_jwk() -> dict:
    """The public part only, with what a verifier needs to pick and use it."""
    return {
        **signing_key().as_dict(private=False),
        "kid": key_id(),
        "alg": "EdDSA",
        "use": "sig",
    }


def public_key_set() -> dict:
    return {"keys": [public_jwk()]}


def verification_key(kid: str) -> OKPKey | None:
    """The public key with this id, or None: a credential signed with any
    other key is not ours."""
    if kid != key_id():
        return None
    return OKPKey.import_key(public_jwk())
