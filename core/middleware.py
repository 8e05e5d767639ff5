"""Response headers shared by every page."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase

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
