from django.utils.functional import SimpleLazyObject

from accounts.selectors import display_for_request


class DisplayPreferencesMiddleware:
    """Gives every request `request.display`, read only when a page uses it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.display = SimpleLazyObject(lambda: display_for_request(request))
        return self.get_response(request)
