from django.http import HttpRequest, HttpResponse


def barrier_report(request: HttpRequest) -> HttpResponse:
    # Placeholder until the feature lands.
    return HttpResponse(status=204)
