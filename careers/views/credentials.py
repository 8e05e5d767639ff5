"""Credentials: the holder's download, the public key and issuer profile, and
the public check (a page for people, an endpoint for machines)."""

import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from careers.credentials import (
    MAX_CREDENTIAL_CHARS,
    Status,
    Verification,
    credential_build,
    credential_sign,
    credential_verify,
    issuer_profile,
)
from careers.forms.credentials import CredentialVerifyForm
from careers.keys import public_key_set
from careers.selectors.credentials import certificate_for_credential
from core.net import absolute_url, client_ip, rate_count
from training.models import Certificate
from training.permissions import can_view_certificate
from training.registries import CertificateAction
from training.selectors.certificates import code_display, revoked_reason_display

# The same allowance as the code check on /verify/: plenty for people.
VERIFY_LIMIT = 30
VERIFY_WINDOW_SECONDS = 60

# What each result means, in plain words.
HEADINGS = {
    Status.VALID: _("This credential is real and valid"),
    Status.REVOKED: _("This credential was revoked"),
    Status.BAD_SIGNATURE: _("This credential was changed"),
    Status.UNKNOWN_KEY: _("We did not issue this credential"),
    Status.NOT_A_CREDENTIAL: _("This is not one of our credentials"),
    Status.UNSIGNED: _("This copy cannot be checked"),
    Status.UNKNOWN_CERTIFICATE: _("We have no record of this certificate"),
    Status.MALFORMED: _("This is not a credential"),
}
EXPLANATIONS = {
    Status.VALID: _(
        "We signed it, nobody changed it, and the certificate has not been revoked."
    ),
    Status.REVOKED: _(
        "We signed it and nobody changed it, but the certificate no longer stands."
    ),
    Status.BAD_SIGNATURE: _(
        "It looks like one of ours, but something in it was changed after we "
        "signed it, so the signature does not match. Do not trust what it says."
    ),
    Status.UNKNOWN_KEY: _(
        "It is not signed with our key. Someone else made it, or it was "
        "signed in a way we do not use."
    ),
    Status.NOT_A_CREDENTIAL: _(
        "It is signed, but it is not a certificate credential from us."
    ),
    Status.UNSIGNED: _(
        "This is the readable copy of a credential. It has no signature, so "
        "anyone could have written it. Ask the holder for the file that ends "
        "in .jwt."
    ),
    Status.UNKNOWN_CERTIFICATE: _(
        "We signed it, but we cannot find the certificate it is about. Ask "
        "the training base."
    ),
    Status.MALFORMED: _(
        "It could not be read. A credential is a long line of letters and "
        "numbers with two dots. Check that you copied all of it."
    ),
}


def _certificate_or_404(request: HttpRequest, code: str) -> Certificate:
    certificate = certificate_for_credential(code)
    if (
        certificate is None
        or certificate.revoked_at is not None
        or not can_view_certificate(request.user, certificate)
    ):
        raise Http404
    return certificate


def _download(content: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def credential_jwt(request: HttpRequest, code: str) -> HttpResponse:
    certificate = _certificate_or_404(request, code)
    token = credential_sign(credential_build(certificate))
    return _download(token, "application/jwt", f"certificate-{certificate.code}.jwt")


@login_required
@require_GET
def credential_json(request: HttpRequest, code: str) -> HttpResponse:
    """The credential as readable JSON, without its signature."""
    certificate = _certificate_or_404(request, code)
    text = json.dumps(credential_build(certificate), ensure_ascii=False, indent=2)
    return _download(
        text, "application/json; charset=utf-8", f"certificate-{certificate.code}.json"
    )


def certificate_credential_action(
    request: HttpRequest, certificate: Certificate
) -> CertificateAction | None:
    """The download link on the certificate's page (training.registries)."""
    if certificate.revoked_at is not None:
        return None
    return CertificateAction(
        url=reverse("credential_jwt", args=[code_display(certificate.code)]),
        label=str(_("Download the digital credential (Open Badges file)")),
        hint=str(
            _(
                "A signed file for job websites and digital wallets that "
                "accept Open Badges. Anyone can check it on our website."
            )
        ),
    )


@require_GET
def jwks(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(public_key_set())
    response["Cache-Control"] = "public, max-age=3600"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def issuer(request: HttpRequest) -> JsonResponse:
    profile = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        **issuer_profile(),
        "publicKey": absolute_url(reverse("credential_jwks")),
    }
    response = JsonResponse(profile, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=3600"
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _allowed(request: HttpRequest) -> bool:
    key = f"credential-verify:{client_ip(request)}"
    return rate_count(key, window_seconds=VERIFY_WINDOW_SECONDS) <= VERIFY_LIMIT


def _skills(credential: dict | None) -> list[str]:
    try:
        return [
            str(tag) for tag in credential["credentialSubject"]["achievement"]["tag"]
        ]
    except (KeyError, TypeError):
        return []


def _summary(result: Verification) -> dict:
    """What the credential says, read only from a credential we signed."""
    if result.status not in (Status.VALID, Status.REVOKED, Status.UNKNOWN_CERTIFICATE):
        return {}
    credential = result.credential
    subject = credential["credentialSubject"]
    achievement = subject.get("achievement") or {}
    return {
        "issuer": str(credential["issuer"].get("name", "")),
        "course": str(achievement.get("name", "")),
        "skills": _skills(credential),
        "valid_from": str(credential.get("validFrom", "")),
        "identity_hash": result.identity_hash,
    }


def _revocation(result: Verification) -> dict:
    if result.status != Status.REVOKED:
        return {}
    certificate = result.certificate
    return {
        "revoked_at": certificate.revoked_at.isoformat(),
        "reason": str(revoked_reason_display(certificate)),
    }


@never_cache
@require_http_methods(["GET", "POST"])
def credential_verify_page(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(
            request, "careers/credential_verify.html", {"form": CredentialVerifyForm()}
        )
    form = CredentialVerifyForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "careers/credential_verify.html", {"form": form})
    if not _allowed(request):
        return render(
            request,
            "training/certificates/verify_limited.html",
            {"minutes": VERIFY_WINDOW_SECONDS // 60},
            status=429,
        )
    result = credential_verify(form.cleaned_data["text"])
    email = form.cleaned_data["email"]
    return render(
        request,
        "careers/credential_verify_result.html",
        {
            "result": result,
            "heading": HEADINGS[result.status],
            "explanation": EXPLANATIONS[result.status],
            "summary": _summary(result),
            "certificate": result.certificate,
            "revoked_reason": (
                revoked_reason_display(result.certificate)
                if result.status == Status.REVOKED
                else ""
            ),
            "email": email,
            "email_matches": result.email_matches(email) if email else None,
            "form": CredentialVerifyForm(),
        },
    )


def _request_text(request: HttpRequest) -> str | None:
    """The credential from a JSON body {"credential": "..."} or the body
    itself (application/jwt or text/plain)."""
    if len(request.body) > MAX_CREDENTIAL_CHARS * 2:
        return None
    try:
        body = request.body.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    if request.content_type == "application/json":
        try:
            data = json.loads(body)
        except ValueError:
            return None
        value = data.get("credential") if isinstance(data, dict) else None
        return value if isinstance(value, str) else None
    return body


@csrf_exempt
@require_http_methods(["POST"])
def credential_verify_api(request: HttpRequest) -> JsonResponse:
    """For machines: the same check as the page, as JSON. Always 200 with a
    status for something we could read; 400 for a body that holds no
    credential; 429 over the limit."""
    if not _allowed(request):
        return JsonResponse(
            {
                "status": "rate_limited",
                "message": str(_("Too many checks. Wait a minute.")),
            },
            status=429,
        )
    text = _request_text(request)
    result = credential_verify(text or "")
    return JsonResponse(
        {
            "valid": result.valid,
            "status": result.status,
            "title": str(HEADINGS[result.status]),
            "message": str(EXPLANATIONS[result.status]),
            "credential": _summary(result),
            "revocation": _revocation(result),
        },
        status=400 if text is None else 200,
        json_dumps_params={"ensure_ascii": False},
    )
