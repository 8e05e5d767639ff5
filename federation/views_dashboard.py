from django.http import HttpRequest, HttpResponse


def dashboard(request: HttpRequest) -> HttpResponse:
    # Placeholder until the feature lands.
    return HttpResponse(status=204)
