import re

import pytest
from django.core import mail

from accounts.models import User
from tests.factories.accounts import PASSWORD, StaffRoleFactory, UserFactory
from tests.html import assert_accessible_shell, soup

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(
    "path", ["login/", "signup/", "password/reset/", "login/code/", "logout/"]
)
def test_account_pages_render_in_our_shell(client, site_pages, language, path):
    lang = "zh-Hans" if language == "zh-hans" else "en"
    if path == "logout/":
        client.force_login(UserFactory())
    response = client.get(f"/{language}/accounts/{path}")
    assert response.status_code == 200
    doc = assert_accessible_shell(response, lang=lang)
    for field in doc.select("main input:not([type=hidden]):not([type=submit])"):
        label = doc.select_one(f'label[for="{field["id"]}"]')
        assert label is not None and label.get_text(strip=True), (
            f"label for {field['name']}"
        )


def test_login_form_fields_help_password_managers(client, site_pages):
    doc = soup(client.get("/en/accounts/login/"))
    assert doc.select_one('input[name="login"]')["autocomplete"] == "email"
    assert (
        doc.select_one('input[name="password"]')["autocomplete"] == "current-password"
    )


def test_failed_login_shows_an_error_summary_and_keeps_the_email(client, site_pages):
    UserFactory(email="trainee@example.org")
    response = client.post(
        "/en/accounts/login/", {"login": "trainee@example.org", "password": "wrong"}
    )
    assert response.status_code == 200
    doc = soup(response)
    summary = doc.select_one(".error-summary")
    assert summary is not None
    assert summary.has_attr("autofocus")
    assert summary.h2.get_text(strip=True) == "There is a problem"
    assert doc.select_one('input[name="login"]')["value"] == "trainee@example.org"


def test_signup_errors_link_to_their_fields(client, site_pages):
    response = client.post(
        "/zh-hans/accounts/signup/",
        {"email": "not-an-email", "password1": "a", "password2": "b"},
    )
    doc = soup(response)
    links = [a["href"] for a in doc.select(".error-summary a")]
    assert "#id_email" in links
    email = doc.select_one("#id_email")
    assert email["aria-invalid"] == "true"
    assert "id_email_error" in email["aria-describedby"]
    assert doc.select_one("#id_email_error") is not None
    assert email["value"] == "not-an-email"


def test_signup_verify_and_login_end_to_end(client, site_pages):
    response = client.post(
        "/en/accounts/signup/",
        {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    user = User.objects.get(email="new@example.org")
    assert len(mail.outbox) == 1
    key = re.search(r"/accounts/confirm-email/([^/\s]+)/", mail.outbox[0].body).group(1)
    response = client.post(f"/en/accounts/confirm-email/{key}/")
    assert response.status_code == 302
    assert user.emailaddress_set.get().verified
    client.logout()
    response = client.post(
        "/en/accounts/login/", {"login": "new@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/learning/#notice"
    assert User.objects.get(email="new@example.org").preferred_language == "en"


def test_logout_returns_home_in_the_same_language(client, site_pages):
    client.force_login(UserFactory())
    response = client.post("/en/accounts/logout/")
    assert response["Location"] == "/en/#notice"


def test_login_by_emailed_code(client, site_pages):
    user = UserFactory(email="coder@example.org")
    response = client.post("/en/accounts/login/code/", {"email": user.email})
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/code/confirm/#notice"
    page = soup(client.get(response["Location"]))
    assert page.select_one("#id_code")["autocomplete"] == "one-time-code"
    code = re.search(r"^\s*([0-9]{6})\s*$", mail.outbox[-1].body, re.MULTILINE).group(1)
    response = client.post("/en/accounts/login/code/confirm/", {"code": code})
    assert response.status_code == 302
    assert response["Location"] == "/en/learning/#notice"
    assert client.get("/en/learning/").status_code == 200


def test_a_wrong_code_is_explained_and_can_be_retried(client, site_pages):
    user = UserFactory(email="coder2@example.org")
    client.post("/en/accounts/login/code/", {"email": user.email})
    response = client.post("/en/accounts/login/code/confirm/", {"code": "000000x"})
    assert response.status_code == 200
    assert soup(response).select_one(".error-summary a[href='#id_code']")


def test_password_reset_end_to_end(client, site_pages):
    user = UserFactory(email="reset@example.org")
    response = client.post("/zh-hans/accounts/password/reset/", {"email": user.email})
    assert response.status_code == 302
    link = re.search(r"/accounts/password/reset/key/\S+/", mail.outbox[-1].body).group(
        0
    )
    response = client.get(f"/zh-hans{link}")
    assert response.status_code == 302  # allauth moves the key out of the URL
    response = client.post(
        response["Location"],
        {"password1": "brand-new-pass-2026", "password2": "brand-new-pass-2026"},
    )
    assert response.status_code == 302
    client.logout()
    response = client.post(
        "/en/accounts/login/", {"login": user.email, "password": "brand-new-pass-2026"}
    )
    assert response.status_code == 302


def test_emails_greet_from_our_site(client, site_pages):
    UserFactory(email="greet@example.org")
    client.post("/en/accounts/login/code/", {"email": "greet@example.org"})
    assert mail.outbox[-1].body.startswith("Hello from Accessible Vocational Training.")


@pytest.mark.parametrize(
    ("role", "landing"),
    [
        (None, "/en/learning/"),
        ("instructor", "/admin/"),
        ("manager", "/admin/"),
        ("auditor", "/en/learning/"),
        ("federation_admin", "/admin/"),
    ],
)
def test_people_land_where_their_work_is(client, site_pages, role, landing):
    user = UserFactory()
    if role in ("instructor", "manager"):
        StaffRoleFactory(user=user, role=role)
    elif role:
        StaffRoleFactory(user=user, role=role, base=None)
    response = client.post(
        "/en/accounts/login/", {"login": user.email, "password": PASSWORD}
    )
    # The admin shows its own messages; our pages focus the sign-in notice.
    assert response["Location"] == (
        landing if landing.startswith("/admin/") else f"{landing}#notice"
    )
