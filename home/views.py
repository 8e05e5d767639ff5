from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import get_language

from home.selectors import accessibility_statement_for_language


def help_redirect(request: HttpRequest) -> HttpResponseRedirect:
    """The "Help and accessibility" link on every page. A fixed address keeps
    the link in the same place and costs the page no query; it leads to the
    accessibility statement in the active language, wherever editors put it."""
    page = accessibility_statement_for_language(get_language())
    if page is None:
        return HttpResponseRedirect(reverse("home"))
    return HttpResponseRedirect(page.get_url(request))
