"""Certificates: the trainee's own page and PDF, and the public check by code."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.net import absolute_url, client_ip, rate_count
from training.forms.certificates import VerifyForm
from training.models import Certificate
from training.pdf import certificate_pdf_render
from training.permissions import can_view_certificate
from training.registries import certificate_actions
from training.selectors.certificates import (
    certificate_base,
    certificate_course,
    certificate_for_owner,
    certificate_public,
    code_display,
    code_normalise,
    revoked_reason_display,
)

# Public lookups per client IP address per minute: plenty for people, too few
# to guess a ~99-bit code.
VERIFY_LIMIT = 30
VERIFY_WINDOW_SECONDS = 60


def _tagged(text: str, language: str) -> str:
    """Text in another language than the page keeps its own lang attribute
    (WCAG 3.1.2) inside a translated sentence."""
    return format_html('<span lang="{}">{}</span>', language, text)


def _certificate_or_404(request: HttpRequest, code: str) -> Certificate:
    certificate = certificate_for_owner(code)
    if certificate is None or not can_view_certificate(request.user, certificate):
        raise Http404
    return certificate


def verify_url(code: str) -> str:
    """The check page without a language prefix, printed on the certificate:
    the site redirects it to the reader's own language. On the site's public
    address (SITE_URL), never the host the trainee happened to use."""
    language = settings.LANGUAGE_CODE
    with translation.override(language):
        path = reverse("certificate_verify_code", args=[code_display(code)])
    return absolute_url(path.replace(f"/{language}/", "/", 1))


def _lookup_allowed(request: HttpRequest) -> bool:
    """Counts lookups per client IP (the same address allauth's sign-in limits
    use) in the shared cache."""
    key = f"certificate-verify:{client_ip(request)}"
    return rate_count(key, window_seconds=VERIFY_WINDOW_SECONDS) <= VERIFY_LIMIT


@never_cache
@login_required
@require_GET
def certificate_detail(request: HttpRequest, code: str) -> HttpResponse:
    certificate = _certificate_or_404(request, code)
    return render(
        request,
        "training/certificates/detail.html",
        {
            "certificate": certificate,
            "code": code_display(certificate.code),
            "is_owner": certificate.enrolment.trainee_id == request.user.pk,
            "course": _tagged(*certificate_course(certificate)),
            "base": _tagged(*certificate_base(certificate)),
            "verify_url": verify_url(certificate.code),
            "actions": certificate_actions(request, certificate),
            "revoked_reason": revoked_reason_display(certificate),
        },
    )


@login_required
@require_GET
def certificate_pdf(request: HttpRequest, code: str) -> HttpResponse:
    certificate = _certificate_or_404(request, code)
    pdf = certificate_pdf_render(
        certificate=certificate, verify_url=verify_url(certificate.code)
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        True, f"certificate-{certificate.code}.pdf"
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def certificate_verify(request: HttpRequest) -> HttpResponse:
    """A GET form: typing a well-formed code leads to its check page, where
    lookups are counted."""
    if "code" not in request.GET:
        return render(
            request, "training/certificates/verify.html", {"form": VerifyForm()}
        )
    form = VerifyForm(request.GET)
    if form.is_valid():
        return redirect(
            "certificate_verify_code", code=code_display(form.cleaned_data["code"])
        )
    return render(request, "training/certificates/verify.html", {"form": form})


@require_GET
def certificate_verify_code(request: HttpRequest, code: str) -> HttpResponse:
    if not _lookup_allowed(request):
        return render(
            request,
            "training/certificates/verify_limited.html",
            {"minutes": VERIFY_WINDOW_SECONDS // 60},
            status=429,
        )
    normalised = code_normalise(code)
    certificate = certificate_public(normalised) if normalised else None
    if certificate is None:
        typed = code_display(normalised) if normalised else code
        return render(
            request,
            "training/certificates/verify_not_found.html",
            {
                "typed": typed,
                "malformed": normalised is None,
                "form": VerifyForm(initial={"code": typed}),
            },
            status=404,
        )
    return render(
        request,
        "training/certificates/verify_result.html",
        {
            "certificate": certificate,
            "code": code_display(certificate.code),
            "revoked_reason": revoked_reason_display(certificate),
        },
    )
