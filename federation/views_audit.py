from django.http import HttpRequest, HttpResponse


def audit_trail(request: HttpRequest) -> HttpResponse:
    # Placeholder until the feature lands.
    return HttpResponse(status=204)
