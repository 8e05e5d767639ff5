from django.http import HttpRequest, HttpResponse


def reconciliation_index(request: HttpRequest) -> HttpResponse:
    # Placeholder until the feature lands.
    return HttpResponse(status=204)
