from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import translation

from accounts import permissions
from core.net import absolute_url

# The links allauth puts in its mails (confirm, reset, sign up).
MAIL_LINKS = ("activate_url", "password_reset_url", "signup_url")


def on_site(url: str) -> str:
    """allauth builds its links from the request's host: the same path on
    the site's public address (SITE_URL) instead."""
    parts = urlsplit(url)
    return absolute_url(urlunsplit(("", "", parts.path, parts.query, parts.fragment)))


@dataclass(frozen=True)
class _Site:
    """What allauth's mail templates read as ``current_site``: the site's
    address, not the request's host (no django.contrib.sites here)."""

    domain: str
    name: str


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # The language someone signs up in is the one they read.
        user.preferred_language = translation.get_language()
        return super().save_user(request, user, form, commit=commit)

    def get_login_redirect_url(self, request):
        """Staff who author or run courses land in the Wagtail admin; everyone
        else on their learning page, in the language they are using."""
        user = request.user
        if permissions.is_federation_admin(user) or permissions.base_ids_with_role(
            user, permissions.Role.INSTRUCTOR, permissions.Role.MANAGER
        ):
            return reverse("wagtailadmin_home")
        return resolve_url(settings.LOGIN_REDIRECT_URL)

    def send_mail(self, template_prefix, email, context):
        netloc = urlsplit(settings.SITE_URL).netloc
        context = {**context, "current_site": _Site(domain=netloc, name=netloc)}
        for key in MAIL_LINKS:
            if context.get(key):
                context[key] = on_site(context[key])
        return super().send_mail(template_prefix, email, context)

    def get_reset_password_from_key_url(self, key):
        return on_site(super().get_reset_password_from_key_url(key))

    def get_email_confirmation_url(self, request, emailconfirmation):
        return on_site(super().get_email_confirmation_url(request, emailconfirmation))

    def get_signup_redirect_url(self, request):
        return resolve_url(settings.LOGIN_REDIRECT_URL)

    def get_email_verification_redirect_url(self, email_address):
        if self.request.user.is_authenticated:
            return self.get_login_redirect_url(self.request)
        return reverse("account_login")
