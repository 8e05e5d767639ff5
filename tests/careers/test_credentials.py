"""Certificates as Open Badges 3.0 credentials: what they say, that they are
signed (checked with PyJWT, not the library that signs), who may download
them, and the public check (page and endpoint) for good, changed, foreign,
revoked and garbage input."""

import base64
import datetime
import hashlib
import json

import jwt as pyjwt
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from joserfc import jwt as jose_jwt
from joserfc.jwk import OKPKey

from accounts.models import StaffRole
from careers import credentials
from careers.credentials import Status, _signing, credential_verify
from careers.forms.credentials import BOTH_GIVEN, FILE_TOO_BIG, NOTHING_GIVEN
from careers.views.credentials import HEADINGS, VERIFY_LIMIT
from tests.factories import training as training_factories
from tests.factories.accounts import StaffRoleFactory, TrainingBaseFactory, UserFactory
from tests.html import assert_accessible_shell, soup
from tests.shared_data import fresh, shared_data
from training.models import AuditEntry, Certificate
from training.selectors.certificates import REVOKED_HOLDER_ERASED, code_display
from training.services.certificates import (
    certificate_revoke,
    certificates_revoke_for_erased_holder,
)
from training.services.enrolment import enrolment_create
from training.services.progress import certificate_issue

pytestmark = pytest.mark.django_db

EMAIL = "zhang.wei@example.org"
NAME = "张伟"
SKILLS = [
    {"code": "livestream-selling", "name": "直播带货", "name_en": "Livestream selling"},
    {"code": "video-editing", "name": "短视频剪辑", "name_en": "Short-video editing"},
]


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def _world(django_db_setup, django_db_blocker):
    # The session's course page tree is built once for the module.
    with shared_data(django_db_blocker):
        base = TrainingBaseFactory(
            name="渝中区残疾人职业培训基地", name_en="Yuzhong Base"
        )
        yield {
            "session": training_factories.session(base=base),
            "trainee": UserFactory(name=NAME, email=EMAIL),
        }


@pytest.fixture
def session(_world, db):
    return fresh(_world["session"])


@pytest.fixture
def trainee(_world, db):
    return fresh(_world["trainee"])


def _certificate(session, trainee) -> Certificate:
    enrolment = enrolment_create(trainee=trainee, session=session, actor=trainee)
    certificate = certificate_issue(enrolment=enrolment, actor=trainee)
    Certificate.objects.filter(pk=certificate.pk).update(
        course_title="直播电商基础",
        course_title_en="Livestream E-commerce Basics",
        skills=SKILLS,
        issued_at=timezone.now() - datetime.timedelta(days=3),
    )
    certificate.refresh_from_db()
    return certificate


@pytest.fixture
def certificate(session, trainee):
    return _certificate(session, trainee)


def _url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


def _download(client, certificate, user, kind="credential_jwt", language="en"):
    client.force_login(user)
    return client.get(_url(kind, code_display(certificate.code), language=language))


@pytest.fixture
def token(client, certificate, trainee) -> str:
    response = _download(client, certificate, trainee)
    assert response.status_code == 200
    client.logout()
    return response.content.decode()


def _segments(token: str) -> list[str]:
    return token.split(".")


def _b64(data: dict) -> str:
    raw = json.dumps(data).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _payload(token: str) -> dict:
    segment = _segments(token)[1]
    return json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))


def _pyjwt_decode(client, token: str) -> dict:
    """Verification as a stranger would do it: the key from our published
    JWK set, picked by the token's kid, with a different JOSE library."""
    keys = client.get("/.well-known/jwks.json").json()["keys"]
    kid = pyjwt.get_unverified_header(token)["kid"]
    (jwk,) = [k for k in keys if k["kid"] == kid]
    assert "d" not in jwk  # the private part is never published
    key = pyjwt.PyJWK(jwk).key
    return pyjwt.decode(token, key, algorithms=["EdDSA"])


# The signature, checked by another library


def test_signature_verifies_with_pyjwt_and_the_published_key(client, token):
    claims = _pyjwt_decode(client, token)
    header = pyjwt.get_unverified_header(token)
    assert (header["alg"], header["typ"]) == ("EdDSA", "JWT")
    vc = claims["vc"]
    assert claims["iss"] == vc["issuer"]["id"]
    assert claims["jti"] == vc["id"]
    assert claims["sub"] == vc["credentialSubject"]["identifier"][0]["identityHash"]
    assert claims["nbf"] <= timezone.now().timestamp()
    assert credential_verify(token).status == Status.VALID


def test_a_changed_payload_is_rejected_by_both_libraries(client, token):
    header, _payload_segment, signature = _segments(token)
    changed = _payload(token)
    changed["vc"]["credentialSubject"]["achievement"]["name"] = "Brain surgery"
    forged = ".".join([header, _b64(changed), signature])
    assert credential_verify(forged).status == Status.BAD_SIGNATURE
    with pytest.raises(pyjwt.InvalidSignatureError):
        _pyjwt_decode(client, forged)


def test_a_changed_signature_is_rejected_by_both_libraries(client, token):
    header, payload, signature = _segments(token)
    flipped = ("B" if signature[0] == "A" else "A") + signature[1:]
    forged = ".".join([header, payload, flipped])
    assert credential_verify(forged).status == Status.BAD_SIGNATURE
    with pytest.raises(pyjwt.InvalidSignatureError):
        _pyjwt_decode(client, forged)


def test_a_credential_signed_with_another_key_is_not_ours(token):
    stranger = OKPKey.generate_key("Ed25519")
    header = {"alg": "EdDSA", "kid": stranger.thumbprint(), "typ": "JWT"}
    forged = _signing(
        jose_jwt.encode, header, _payload(token), stranger, algorithms=["EdDSA"]
    )
    assert credential_verify(forged).status == Status.UNKNOWN_KEY
    # Claiming our key id does not help: the signature does not match.
    header["kid"] = pyjwt.get_unverified_header(token)["kid"]
    forged = _signing(
        jose_jwt.encode, header, _payload(token), stranger, algorithms=["EdDSA"]
    )
    assert credential_verify(forged).status == Status.BAD_SIGNATURE


def test_an_unsigned_token_is_not_ours(token):
    unsigned = ".".join(
        [_b64({"alg": "none", "typ": "JWT"}), _b64(_payload(token)), ""]
    )
    assert credential_verify(unsigned).status == Status.UNKNOWN_KEY


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("", Status.MALFORMED),
        ("hello", Status.MALFORMED),
        ("a.b.c", Status.MALFORMED),
        ("!!!.???.***", Status.MALFORMED),
        ("x" * 30_000, Status.MALFORMED),
        ('{"type": ["VerifiableCredential", "OpenBadgeCredential"]}', Status.UNSIGNED),
        ('{"hello": 1}', Status.NOT_A_CREDENTIAL),
        ("{not json", Status.MALFORMED),
        (_b64({"alg": "EdDSA"}) + ".e30.", Status.UNKNOWN_KEY),
        (_b64([1, 2]) + ".e30.abc", Status.MALFORMED),
    ],
)
def test_garbage_gets_a_status_never_an_error(text, status):
    assert credential_verify(text).status == status


def test_a_token_we_signed_that_is_not_a_credential(token):
    from careers.keys import key_id, signing_key

    header = {"alg": "EdDSA", "kid": key_id(), "typ": "JWT"}
    other = _signing(
        jose_jwt.encode, header, {"hello": "world"}, signing_key(), algorithms=["EdDSA"]
    )
    assert credential_verify(other).status == Status.NOT_A_CREDENTIAL


# What the credential says


def test_credential_structure_names_no_one(client, token, certificate):
    vc = _payload(token)["vc"]
    assert vc["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert vc["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert vc["id"].endswith(f"/verify/{code_display(certificate.code)}/")
    assert vc["issuer"]["type"] == ["Profile"]
    assert "重庆市残疾人联合会" in vc["issuer"]["name"]
    assert "Chongqing Disabled Persons' Federation" in vc["issuer"]["name"]
    assert vc["issuer"]["id"] == client.get("/credentials/issuer.json").json()["id"]
    assert vc["validFrom"].endswith("Z")
    subject = vc["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    (identifier,) = subject["identifier"]
    assert identifier["type"] == "IdentityObject"
    assert identifier["identityType"] == "emailAddress"
    assert identifier["hashed"] is True
    salt = identifier["salt"]
    expected = "sha256$" + hashlib.sha256((EMAIL + salt).encode()).hexdigest()
    assert identifier["identityHash"] == expected
    achievement = subject["achievement"]
    assert achievement["type"] == ["Achievement"]
    assert achievement["achievementType"] == "Certificate"
    assert achievement["name"] == "Livestream E-commerce Basics"
    assert achievement["criteria"]["narrative"]
    assert achievement["tag"] == ["Livestream selling", "Short-video editing"]
    assert [a["targetCode"] for a in achievement["alignment"]] == [
        "livestream-selling",
        "video-editing",
    ]
    text = json.dumps(_payload(token), ensure_ascii=False)
    assert NAME not in text and EMAIL not in text and "zhang" not in text


def test_the_credential_speaks_the_language_it_was_downloaded_in(
    client, certificate, trainee
):
    response = _download(client, certificate, trainee, language="zh-hans")
    vc = _payload(response.content.decode())["vc"]
    achievement = vc["credentialSubject"]["achievement"]
    assert achievement["name"] == "直播电商基础"
    assert achievement["inLanguage"] == "zh-Hans"
    assert achievement["tag"] == ["直播带货", "短视频剪辑"]


def test_readable_copy_is_the_same_credential_without_signature(
    client, certificate, trainee, token
):
    response = _download(client, certificate, trainee, kind="credential_json")
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    readable = json.loads(response.content)
    assert readable == _payload(token)["vc"]
    assert credential_verify(response.content.decode()).status == Status.UNSIGNED


def test_the_same_certificate_always_has_the_same_salt(client, certificate, trainee):
    first = _payload(_download(client, certificate, trainee).content.decode())
    second = _payload(_download(client, certificate, trainee).content.decode())
    assert first["sub"] == second["sub"]


def test_email_check_matches_only_the_holders_address(token):
    result = credential_verify(token)
    assert result.email_matches(EMAIL)
    assert result.email_matches(f"  {EMAIL} ")
    assert result.email_matches(EMAIL.upper())
    assert not result.email_matches("")
    assert not result.email_matches("someone.else@example.org")


def test_published_key_set_and_issuer(client):
    keys = client.get("/.well-known/jwks.json")
    assert keys.status_code == 200
    (key,) = keys.json()["keys"]
    assert (key["kty"], key["crv"], key["alg"], key["use"]) == (
        "OKP",
        "Ed25519",
        "EdDSA",
        "sig",
    )
    assert "d" not in key and key["kid"]
    issuer = client.get("/credentials/issuer.json").json()
    assert issuer["type"] == ["Profile"]
    assert issuer["publicKey"].endswith("/.well-known/jwks.json")


# Who may download


def _instructor(base):
    return StaffRoleFactory(role=StaffRole.Role.INSTRUCTOR, base=base).user


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("owner", True),
        ("other_trainee", False),
        ("instructor_here", True),
        ("manager_here", True),
        ("instructor_elsewhere", False),
        ("auditor", False),
        ("federation_admin", True),
    ],
)
@pytest.mark.parametrize("view", ["credential_jwt", "credential_json"])
def test_download_permissions(
    client, certificate, session, trainee, who, allowed, view
):
    users = {
        "owner": lambda: trainee,
        "other_trainee": UserFactory,
        "instructor_here": lambda: _instructor(session.base),
        "manager_here": lambda: (
            StaffRoleFactory(role=StaffRole.Role.MANAGER, base=session.base).user
        ),
        "instructor_elsewhere": lambda: _instructor(TrainingBaseFactory()),
        "auditor": lambda: (
            StaffRoleFactory(role=StaffRole.Role.AUDITOR, base=None).user
        ),
        "federation_admin": lambda: (
            StaffRoleFactory(role=StaffRole.Role.FEDERATION_ADMIN, base=None).user
        ),
    }
    response = _download(client, certificate, users[who](), kind=view)
    assert response.status_code == (200 if allowed else 404)
    if allowed:
        assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("view", ["credential_jwt", "credential_json"])
def test_signed_out_people_are_asked_to_sign_in(client, certificate, view):
    response = client.get(_url(view, certificate.code))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_unknown_or_malformed_codes_are_not_found(client, trainee):
    client.force_login(trainee)
    for code in ["ABCD-EFGH-JKLM-NPQR-STUV", "nonsense", "%00"]:
        assert client.get(_url("credential_jwt", code)).status_code == 404


def test_a_revoked_certificate_cannot_be_downloaded_or_offered(
    client, certificate, trainee
):
    certificate_revoke(certificate=certificate, reason="issued in error", actor=None)
    assert _download(client, certificate, trainee).status_code == 404
    doc = soup(client.get(_url("certificate_detail", certificate.code)))
    assert not doc.select(f'a[href$="{code_display(certificate.code)}/credential.jwt"]')
    assert "issued in error" in doc.get_text()


def test_certificate_page_offers_the_credential(client, certificate, trainee):
    client.force_login(trainee)
    doc = soup(client.get(_url("certificate_detail", certificate.code)))
    link = doc.select_one('a[href$="/credential.jwt"]')
    assert link is not None and link.has_attr("download")
    assert link["href"] == _url("credential_jwt", code_display(certificate.code))


def test_download_queries_do_not_grow_with_skills(client, session, trainee):
    small = _certificate(session, trainee)
    other = UserFactory(email="li.na@example.org")
    big = _certificate(training_factories.session(base=session.base), other)
    Certificate.objects.filter(pk=big.pk).update(skills=SKILLS * 10)
    counts = []
    for certificate, user in [(small, trainee), (big, other)]:
        client.force_login(user)
        url = _url("credential_jwt", certificate.code)
        client.get(url)  # warm-up
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


# Revocation


def test_revoked_credentials_verify_as_revoked(client, token, certificate):
    certificate_revoke(certificate=certificate, reason="issued in error", actor=None)
    result = credential_verify(token)
    assert (result.status, result.valid) == (Status.REVOKED, False)
    assert result.certificate.revoked_reason == "issued in error"


def test_revoking_is_audited_once_and_idempotent(certificate):
    admin = StaffRoleFactory(role=StaffRole.Role.FEDERATION_ADMIN, base=None).user
    first = certificate_revoke(certificate=certificate, reason=" wrong ", actor=admin)
    again = certificate_revoke(certificate=certificate, reason="other", actor=admin)
    assert (again.revoked_at, again.revoked_reason) == (first.revoked_at, "wrong")
    entries = AuditEntry.objects.filter(action="certificate.revoke")
    assert entries.count() == 1
    assert entries.get().actor == admin
    with pytest.raises(ValueError):
        certificate_revoke(certificate=certificate, reason="  ", actor=admin)


def test_erasing_the_holder_revokes_their_certificates(client, token, certificate):
    assert certificates_revoke_for_erased_holder(person=certificate.enrolment.trainee)
    certificate.refresh_from_db()
    assert certificate.revoked_reason == REVOKED_HOLDER_ERASED
    assert credential_verify(token).status == Status.REVOKED
    response = client.post(
        "/api/credentials/verify",
        token,
        content_type="application/jwt",
        headers={"accept-language": "en"},
    )
    assert response.json()["revocation"]["reason"] == (
        "The holder's personal data was erased."
    )


def test_the_code_check_page_shows_a_revoked_certificate_as_revoked(
    client, certificate
):
    certificate_revoke(certificate=certificate, reason="issued in error", actor=None)
    response = client.get(_url("certificate_verify_code", certificate.code))
    assert response.status_code == 200
    doc = assert_accessible_shell(response, lang="en")
    assert doc.h1.get_text(strip=True) == "This certificate was revoked"
    assert "issued in error" in doc.get_text()


# The public check: page


def _post_page(client, language="en", **data):
    return client.post(_url("credential_verify", language=language), data)


def test_verify_page_is_linked_from_the_code_check_and_has_labelled_fields(
    client, site_pages
):
    doc = soup(client.get(_url("certificate_verify")))
    assert doc.select_one(f'a[href="{_url("credential_verify")}"]')
    response = client.get(_url("credential_verify"))
    doc = assert_accessible_shell(response, lang="en")
    form = doc.select_one("main form")
    assert form["method"] == "post" and form["enctype"] == "multipart/form-data"
    for name in ["credential", "file", "email"]:
        field = form.select_one(f'[name="{name}"]')
        assert doc.select_one(f'label[for="{field["id"]}"]')


def test_a_good_credential_pasted_is_explained(client, token, certificate):
    response = _post_page(client, credential=token)
    assert response.status_code == 200
    doc = assert_accessible_shell(response, lang="en")
    assert doc.h1.get_text(strip=True) == str(HEADINGS[Status.VALID])
    text = doc.get_text(" ")
    assert "Livestream E-commerce Basics" in text
    assert "Livestream selling" in text
    assert _payload(token)["sub"] in text
    assert NAME not in text


def test_a_good_credential_uploaded_with_the_holders_email(client, token):
    upload = SimpleUploadedFile("certificate.jwt", token.encode(), "application/jwt")
    response = _post_page(client, file=upload, email=EMAIL)
    doc = soup(response)
    assert doc.h1.get_text(strip=True) == str(HEADINGS[Status.VALID])
    assert "is the holder's" in doc.get_text(" ")
    response = _post_page(client, credential=token, email="other@example.org")
    assert "is not the holder's" in soup(response).get_text(" ")


def test_a_changed_credential_on_the_page(client, token):
    header, payload, signature = _segments(token)
    forged = ".".join([header, payload[:-4] + "AAAA", signature])
    doc = soup(_post_page(client, credential=forged))
    assert doc.h1.get_text(strip=True) in {
        str(HEADINGS[Status.BAD_SIGNATURE]),
        str(HEADINGS[Status.MALFORMED]),
    }


def test_revoked_credential_on_the_page(client, token, certificate):
    certificate_revoke(certificate=certificate, reason="issued in error", actor=None)
    doc = soup(_post_page(client, credential=token))
    assert doc.h1.get_text(strip=True) == str(HEADINGS[Status.REVOKED])
    assert "issued in error" in doc.get_text()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, NOTHING_GIVEN),
        (
            {
                "credential": "abc",
                "file": SimpleUploadedFile("a.jwt", b"abc"),
            },
            BOTH_GIVEN,
        ),
        (
            {"file": SimpleUploadedFile("big.jwt", b"x" * (65 * 1024))},
            FILE_TOO_BIG,
        ),
    ],
)
def test_form_errors_are_summarised(client, site_pages, data, message):
    response = _post_page(client, **data)
    assert response.status_code == 200
    doc = assert_accessible_shell(response, lang="en")
    summary = doc.select_one(".error-summary")
    assert summary is not None
    assert str(message) in summary.get_text(" ")
    assert doc.title.get_text().startswith("Error:")


@pytest.mark.parametrize(
    "content", [b"\xff\xfe\x00garbage", b"\x00\x01\x02", "不是证书".encode()]
)
def test_garbage_files_never_fail(client, site_pages, content):
    upload = SimpleUploadedFile("x.jwt", content)
    response = _post_page(client, file=upload)
    assert response.status_code == 200


def test_the_page_keeps_what_was_typed_on_error(client, site_pages):
    response = _post_page(
        client,
        credential="abc",
        email="x@example.org",
        file=SimpleUploadedFile("a.jwt", b"abc"),
    )
    doc = soup(response)
    assert doc.select_one('[name="credential"]').get_text().strip() == "abc"
    assert doc.select_one('[name="email"]')["value"] == "x@example.org"


def test_the_page_is_rate_limited(client, token):
    for _ in range(VERIFY_LIMIT):
        assert _post_page(client, credential="x").status_code == 200
    assert _post_page(client, credential=token).status_code == 429


def test_page_queries_do_not_grow(client, session, trainee, token):
    for index in range(5):
        _certificate(
            training_factories.session(base=session.base),
            UserFactory(email=f"t{index}@example.org"),
        )
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            _post_page(client, credential=token)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 3


# The public check: endpoint


def test_api_accepts_json_or_the_bare_token(client, token):
    for body, content_type in [
        (json.dumps({"credential": token}), "application/json"),
        (token, "application/jwt"),
        (token, "text/plain"),
    ]:
        response = client.post(
            "/api/credentials/verify", body, content_type=content_type
        )
        assert response.status_code == 200
        data = response.json()
        assert (data["valid"], data["status"]) == (True, "valid")
        assert data["credential"]["identity_hash"] == _payload(token)["sub"]
        assert data["credential"]["skills"]


def test_api_needs_no_csrf_token(token):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        "/api/credentials/verify", token, content_type="application/jwt"
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("body", "content_type", "status_code", "status"),
    [
        ("{", "application/json", 400, "malformed"),
        ('{"credential": 5}', "application/json", 400, "malformed"),
        ("[1]", "application/json", 400, "malformed"),
        ("hello", "text/plain", 200, "malformed"),
        (b"\xff\xfe", "application/octet-stream", 400, "malformed"),
        ("", "text/plain", 200, "malformed"),
    ],
)
def test_api_garbage(client, db, body, content_type, status_code, status):
    response = client.post("/api/credentials/verify", body, content_type=content_type)
    assert response.status_code == status_code
    assert response.json()["status"] == status
    assert response.json()["valid"] is False


def test_api_refuses_get_and_is_rate_limited(client, db):
    assert client.get("/api/credentials/verify").status_code == 405
    for _ in range(VERIFY_LIMIT):
        client.post("/api/credentials/verify", "x", content_type="text/plain")
    response = client.post("/api/credentials/verify", "x", content_type="text/plain")
    assert response.status_code == 429


def test_api_tampered(client, token):
    header, _payload_segment, signature = _segments(token)
    changed = _payload(token)
    changed["vc"]["validFrom"] = "2000-01-01T00:00:00Z"
    forged = ".".join([header, _b64(changed), signature])
    response = client.post("/api/credentials/verify", forged, content_type="text/plain")
    assert response.json()["status"] == "bad_signature"
    assert response.json()["credential"] == {}


def test_credential_ids_do_not_depend_on_the_language(client, certificate, trainee):
    zh = _payload(
        _download(client, certificate, trainee, language="zh-hans").content.decode()
    )
    en = _payload(
        _download(client, certificate, trainee, language="en").content.decode()
    )
    assert zh["jti"] == en["jti"] and zh["iss"] == en["iss"]
    assert "/zh-hans/" not in zh["jti"] and "/en/" not in en["jti"]
    assert credentials.issuer_id().endswith("/credentials/issuer.json")
