from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import get_language

from home.selectors import accessibility_statement_for_language, help_index_for_language

# `help/?to=statement`: the footer's link, straight to the statement.
STATEMENT = "statement"


def help_redirect(request: HttpRequest) -> HttpResponseRedirect:
    """The "Help" link on every page. A fixed address keeps the link in the
    same place and costs the page no query; it leads to the help guides in the
    active language, wherever editors put them. Without help pages (a fresh
    database) it leads to the accessibility statement, then to the home page."""
    language = get_language()
    page = None
    if request.GET.get("to") != STATEMENT:
        page = help_index_for_language(language)
    if page is None:
        page = accessibility_statement_for_language(language)
    if page is None:
        return HttpResponseRedirect(reverse("home"))
    return HttpResponseRedirect(page.get_url(request))
