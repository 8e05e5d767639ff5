from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import translation

from accounts import permissions


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

    def get_signup_redirect_url(self, request):
        return resolve_url(settings.LOGIN_REDIRECT_URL)

    def get_email_verification_redirect_url(self, email_address):
        if self.request.user.is_authenticated:
            return self.get_login_redirect_url(self.request)
        return reverse("account_login")
