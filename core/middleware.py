"""Response headers shared by every page."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.views.defaults import bad_request

ADMIN_PATH_PREFIX = "/admin/"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the Wagtail admin's own policy.

    Every public and teaching page gets ``CONTENT_SECURITY_POLICY`` (strict:
    no inline script or style). The Wagtail admin runs inline scripts and
    styles of its own, so paths under ``/admin/`` get
    ``CONTENT_SECURITY_POLICY_ADMIN`` instead, unless a view chose a policy
    itself (django-csp's decorators still win).
    """

    def get_policy_parts(
        self,
        request: HttpRequest,
        response: HttpResponseBase,
        report_only: bool = False,
    ) -> PolicyParts:
        parts = super().get_policy_parts(
            request=request, response=response, report_only=report_only
        )
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(ADMIN_PATH_PREFIX)
        ):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        return parts


def _holds_nul(pairs) -> bool:
    return any("\x00" in key or "\x00" in value for key, value in pairs)


class RejectNulCharactersMiddleware:
    """Answers 400 (our own page) to a query string or form that carries a NUL
    character. No field of ours accepts one (Django's form fields refuse it),
    and PostgreSQL refuses it in any text it stores or compares, so letting
    it through would only turn it into an error deeper down."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        pairs = list(request.GET.items())
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            pairs += [
                (key, value) for key, values in request.POST.lists() for value in values
            ]
        if _holds_nul(pairs) or "\x00" in request.path:
            return bad_request(request, SuspiciousOperation("NUL character"))
        return self.get_response(request)
