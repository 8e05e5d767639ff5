"""Certificates as Open Badges 3.0 credentials: a W3C Verifiable Credential
signed as a VC-JWT (EdDSA, Ed25519) that the holder can take anywhere, and
the check that tells anyone whether one is ours, intact and still valid.

The holder is named only by a salted hash of their email address: a reader
who knows the email can confirm it, nobody can read it back."""

import base64
import binascii
import dataclasses
import hashlib
import hmac
import json
import re
import uuid
import warnings
from datetime import UTC, datetime

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from joserfc import jwt
from joserfc.errors import BadSignatureError, JoseError

from careers.keys import key_id, signing_key, verification_key
from core.net import absolute_url
from training.models import Certificate
from training.selectors.certificates import code_display, code_normalise

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
ALGORITHM = "EdDSA"
# A credential is a few kilobytes; anything much bigger is not one.
MAX_CREDENTIAL_CHARS = 20_000


class Status:
    VALID = "valid"
    REVOKED = "revoked"
    BAD_SIGNATURE = "bad_signature"
    UNKNOWN_KEY = "unknown_key"
    NOT_A_CREDENTIAL = "not_a_credential"
    UNSIGNED = "unsigned"
    UNKNOWN_CERTIFICATE = "unknown_certificate"
    MALFORMED = "malformed"


def _signing(func, *args, **kwargs):
    """RFC 9864 prefers "Ed25519" to "EdDSA" and joserfc warns; the VC-JWT
    verifiers our holders meet today read "EdDSA"."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="EdDSA is deprecated")
        return func(*args, **kwargs)


def _without_language(name: str, *args) -> str:
    """A URL without the language prefix (the site sends a reader to their
    own language), so a credential's ids do not depend on who downloaded it."""
    language = settings.LANGUAGE_CODE
    with translation.override(language):
        path = reverse(name, args=args)
    return absolute_url(path.replace(f"/{language}/", "/", 1))


def issuer_id() -> str:
    return absolute_url(reverse("credential_issuer"))


def issuer_profile() -> dict:
    """The federation as an Open Badges Profile, named in both languages."""
    return {
        "id": issuer_id(),
        "type": ["Profile"],
        "name": (
            f"{settings.CREDENTIAL_ISSUER_NAME} ({settings.CREDENTIAL_ISSUER_NAME_EN})"
        ),
        "url": absolute_url("/"),
    }


def credential_id(certificate: Certificate) -> str:
    """The public check page of the certificate: stable, and it shows
    whether the certificate still stands."""
    return _without_language("certificate_verify_code", code_display(certificate.code))


def identity_salt(certificate: Certificate) -> str:
    """The same salt for every download of one certificate, unguessable
    without the site's secret."""
    message = f"credential-salt:{certificate.code}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[
        :32
    ]


def identity_hash(email: str, salt: str) -> str:
    return "sha256$" + hashlib.sha256((email + salt).encode()).hexdigest()


def _in_language(chinese: str, english: str) -> tuple[str, str]:
    if get_language() == "en" and english:
        return english, "en"
    return chinese, "zh-Hans"


def credential_build(certificate: Certificate) -> dict:
    """The credential in the language of the request. `certificate` comes
    with its enrolment and trainee (careers.selectors.credentials)."""
    enrolment = certificate.enrolment
    title, language = _in_language(
        certificate.course_title, certificate.course_title_en
    )
    base, _base_language = _in_language(certificate.base_name, certificate.base_name_en)
    salt = identity_salt(certificate)
    skills = [
        {
            "code": s.get("code", ""),
            "name": _in_language(s["name"], s.get("name_en"))[0],
        }
        for s in certificate.skills
        if s.get("name")
    ]
    with translation.override(language):
        description = translation.gettext(
            "Completed the course %(course)s at %(base)s, a training base of "
            "the federation."
        ) % {"course": title, "base": base}
        narrative = translation.gettext(
            "Took part in the course and finished it as the training base "
            "requires: the lessons, the quizzes and the attendance."
        )
    achievement = {
        "id": "urn:uuid:"
        + str(
            uuid.uuid5(
                uuid.NAMESPACE_URL,
                absolute_url(f"/courses/{enrolment.session.course_id}"),
            )
        ),
        "type": ["Achievement"],
        "achievementType": "Certificate",
        "name": title,
        "description": description,
        "criteria": {"narrative": narrative},
        "inLanguage": language,
        "tag": [skill["name"] for skill in skills],
        "alignment": [
            {
                "type": ["Alignment"],
                "targetName": skill["name"],
                "targetCode": skill["code"],
                "targetType": "ceasn:Competency",
                "targetFramework": settings.CREDENTIAL_ISSUER_NAME_EN,
                "targetUrl": f"{issuer_id()}#skill-{skill['code']}",
            }
            for skill in skills
        ],
    }
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": credential_id(certificate),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": title,
        "issuer": issuer_profile(),
        "validFrom": _iso(certificate.issued_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": identity_hash(enrolment.trainee.email, salt),
                    "identityType": "emailAddress",
                    "hashed": True,
                    "salt": salt,
                }
            ],
            "achievement": achievement,
        },
    }


def _iso(moment: datetime) -> str:
    return (
        moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    )


def credential_sign(credential: dict) -> str:
    """The VC-JWT: the credential in the `vc` claim, the registered claims
    mirroring it."""
    subject = credential["credentialSubject"]["identifier"][0]["identityHash"]
    claims = {
        "iss": credential["issuer"]["id"],
        "jti": credential["id"],
        "sub": subject,
        "nbf": int(datetime.fromisoformat(credential["validFrom"]).timestamp()),
        "iat": int(datetime.now(tz=UTC).timestamp()),
        "vc": credential,
    }
    header = {"alg": ALGORITHM, "kid": key_id(), "typ": "JWT"}
    return _signing(jwt.encode, header, claims, signing_key(), algorithms=[ALGORITHM])


@dataclasses.dataclass(frozen=True)
class Verification:
    status: str
    credential: dict | None = None
    certificate: Certificate | None = None

    @property
    def valid(self) -> bool:
        return self.status == Status.VALID

    @property
    def identity_hash(self) -> str:
        return _identifier(self.credential).get("identityHash", "")

    def email_matches(self, email: str) -> bool:
        identifier = _identifier(self.credential)
        salt = identifier.get("salt", "")
        expected = identifier.get("identityHash", "")
        typed = email.strip()
        # Addresses are kept as people typed them; most are in lower case.
        return bool(expected) and any(
            hmac.compare_digest(identity_hash(variant, salt), expected)
            for variant in {typed, typed.lower()}
        )


def _identifier(credential: dict | None) -> dict:
    try:
        return credential["credentialSubject"]["identifier"][0]
    except (KeyError, IndexError, TypeError):
        return {}


_COMPACT = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$")
_CODE_IN_ID = re.compile(r"/verify/([^/]+)/?$")


def _header(token: str) -> dict | None:
    segment = token.split(".", 1)[0]
    try:
        raw = base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
        header = json.loads(raw)
    except (binascii.Error, ValueError):
        return None
    return header if isinstance(header, dict) else None


def credential_verify(text: str) -> Verification:
    """Never raises: whatever was pasted or uploaded gets a status."""
    token = "".join((text or "").split())
    if not token or len(token) > MAX_CREDENTIAL_CHARS:
        return Verification(Status.MALFORMED)
    if token.startswith("{"):
        return Verification(_unsigned_status(text))
    if not _COMPACT.fullmatch(token):
        return Verification(Status.MALFORMED)
    header = _header(token)
    if header is None:
        return Verification(Status.MALFORMED)
    key = verification_key(str(header.get("kid", "")))
    if header.get("alg") != ALGORITHM or key is None:
        return Verification(Status.UNKNOWN_KEY)
    try:
        claims = _signing(jwt.decode, token, key, algorithms=[ALGORITHM]).claims
    except BadSignatureError:
        return Verification(Status.BAD_SIGNATURE)
    except (JoseError, ValueError, TypeError):
        return Verification(Status.MALFORMED)
    credential = claims.get("vc")
    if not _is_ours(claims, credential):
        return Verification(Status.NOT_A_CREDENTIAL)
    match = _CODE_IN_ID.search(str(credential.get("id", "")))
    code = code_normalise(match.group(1)) if match else None
    certificate = (
        Certificate.objects.filter(code=code)
        .only("code", "issued_at", "revoked_at", "revoked_reason")
        .first()
        if code
        else None
    )
    if certificate is None:
        return Verification(Status.UNKNOWN_CERTIFICATE, credential)
    if certificate.revoked_at is not None:
        return Verification(Status.REVOKED, credential, certificate)
    return Verification(Status.VALID, credential, certificate)


def _unsigned_status(text: str) -> str:
    """The readable copy (.json) has no signature: say so rather than
    "malformed", so the reader asks for the signed file."""
    try:
        data = json.loads(text)
    except ValueError:
        return Status.MALFORMED
    if isinstance(data, dict) and "OpenBadgeCredential" in (data.get("type") or []):
        return Status.UNSIGNED
    return Status.NOT_A_CREDENTIAL


def _is_ours(claims: dict, credential) -> bool:
    if not isinstance(credential, dict):
        return False
    issuer = credential.get("issuer")
    return (
        isinstance(credential.get("type"), list)
        and "OpenBadgeCredential" in credential["type"]
        and isinstance(issuer, dict)
        and claims.get("iss") == issuer.get("id") == issuer_id()
        and isinstance(credential.get("credentialSubject"), dict)
    )
