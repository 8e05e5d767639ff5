"""The personal-data providers for `accounts`' own models (and allauth's email
addresses), registered from `AccountsConfig.ready()`."""

from allauth.account.models import EmailAddress
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import (
    AccessNeeds,
    ConsentEvent,
    DeletionRequest,
    DisplayPreferences,
    NeedsAccessLog,
    StaffRole,
    User,
)
from accounts.personal_data import (
    FormerIdentity,
    PersonalDataProvider,
    describe,
    register,
)


def _account(person: User) -> list[dict]:
    return [
        describe(
            person,
            [
                "name",
                "email",
                "phone",
                "preferred_language",
                "home_base",
                "date_joined",
                "last_login",
            ],
        )
    ]


def _account_anonymise(person: User, former: FormerIdentity) -> None:
    """Identity erased; the row stays so that training records keep pointing
    at one (nameless) person and the federation's figures do not move."""
    if person.email.endswith(ANONYMISED_DOMAIN):
        return
    token = f"{person.pk:x}"
    person.name = ANONYMISED_NAME % {"id": token}
    person.email = f"anonymised-{token}{ANONYMISED_DOMAIN}"
    person.phone = ""
    person.is_active = False
    person.is_staff = False
    person.is_superuser = False
    person.set_unusable_password()
    person.save()
    person.groups.clear()
    person.user_permissions.clear()


# Stored, not translated per reader: one name in the database, shown as is.
ANONYMISED_NAME = "Anonymised trainee #%(id)s"
ANONYMISED_DOMAIN = "@anonymised.invalid"


def is_anonymised(person: User) -> bool:
    return person.email.endswith(ANONYMISED_DOMAIN)


def _email_addresses(person: User) -> list[dict]:
    return [
        {
            _("email address"): address.email,
            _("verified"): str(_("Yes") if address.verified else _("No")),
            _("primary"): str(_("Yes") if address.primary else _("No")),
        }
        for address in EmailAddress.objects.filter(user=person)
    ]


def _delete(model, field="user"):
    def anonymise(person: User, former: FormerIdentity) -> None:
        model.objects.filter(**{field: person}).delete()

    return anonymise


def _keep(person: User, former: FormerIdentity) -> None:
    """Kept as it is: it holds no identity once the account is anonymised."""


def _access_needs(person: User) -> list[dict]:
    needs = AccessNeeds.objects.filter(user=person).first()
    if needs is None:
        return []
    return [
        {
            _("Disability categories"): [
                str(label) for label in needs.get_categories_display()
            ],
            _("What helps you learn"): [
                str(label) for label in needs.get_needs_display()
            ],
            **describe(
                needs, ["extra_time_factor", "notes", "consent_given_at", "updated_at"]
            ),
        }
    ]


def _access_needs_anonymise(person: User, former: FormerIdentity) -> None:
    """Deleted like a withdrawal of consent, which is logged (date and kind
    only) as the record that consent ended."""
    deleted, _count = AccessNeeds.objects.filter(user=person).delete()
    if deleted:
        ConsentEvent.objects.create(user=person, kind=ConsentEvent.Kind.WITHDRAWN)


def _consent_events(person: User) -> list[dict]:
    return [describe(e, ["kind", "at"]) for e in person.consent_events.all()]


def _staff_roles(person: User) -> list[dict]:
    return [
        describe(role, ["role", "base"])
        for role in person.staff_roles.select_related("base")
    ]


def _needs_views(person: User) -> list[dict]:
    viewed_by = NeedsAccessLog.objects.filter(subject=person).select_related("viewer")
    viewed = NeedsAccessLog.objects.filter(viewer=person).select_related("subject")
    return [
        {
            _("Who viewed your access needs"): str(log.viewer),
            _("when"): log.at.isoformat(),
        }
        for log in viewed_by
    ] + [
        {
            _("Whose access needs you viewed"): str(log.subject),
            _("when"): log.at.isoformat(),
        }
        for log in viewed
    ]


def _deletion_requests(person: User) -> list[dict]:
    return [
        describe(r, ["requested_at", "reason", "handled_at"])
        for r in person.deletion_requests.all()
    ]


def _deletion_requests_anonymise(person: User, former: FormerIdentity) -> None:
    DeletionRequest.objects.filter(user=person).exclude(reason="").update(reason="")


def _display_preferences(person: User) -> list[dict]:
    preferences = DisplayPreferences.objects.filter(user=person).first()
    if preferences is None:
        return []
    return [
        describe(
            preferences,
            [
                "text_size",
                "theme",
                "legible_font",
                "wide_spacing",
                "reduced_motion",
                "underline_links",
                "captions_on",
                "easy_read_first",
            ],
        )
    ]


def register_accounts_providers() -> None:
    for provider in [
        PersonalDataProvider(
            key="accounts.account",
            model=User,
            person_fields=("email", "phone"),
            title=gettext_lazy("Your account"),
            records=_account,
            anonymise=_account_anonymise,
            order=1000,
        ),
        PersonalDataProvider(
            key="accounts.email_addresses",
            model=EmailAddress,
            person_fields=("user", "email"),
            title=gettext_lazy("Your email addresses"),
            records=_email_addresses,
            anonymise=_delete(EmailAddress),
            order=10,
        ),
        PersonalDataProvider(
            key="accounts.access_needs",
            model=AccessNeeds,
            person_fields=("user",),
            title=gettext_lazy("Your access needs"),
            records=_access_needs,
            anonymise=_access_needs_anonymise,
            order=10,
        ),
        PersonalDataProvider(
            key="accounts.consent_events",
            model=ConsentEvent,
            person_fields=("user",),
            title=gettext_lazy("Your consent history"),
            records=_consent_events,
            anonymise=_keep,
            order=20,
        ),
        PersonalDataProvider(
            key="accounts.staff_roles",
            model=StaffRole,
            person_fields=("user",),
            title=gettext_lazy("Your staff roles"),
            records=_staff_roles,
            anonymise=_delete(StaffRole),
            order=10,
        ),
        PersonalDataProvider(
            key="accounts.needs_views",
            model=NeedsAccessLog,
            person_fields=("viewer", "subject"),
            title=gettext_lazy("Views of access needs"),
            records=_needs_views,
            anonymise=_keep,
            order=20,
        ),
        PersonalDataProvider(
            key="accounts.deletion_requests",
            model=DeletionRequest,
            person_fields=("user",),
            title=gettext_lazy("Your deletion requests"),
            records=_deletion_requests,
            anonymise=_deletion_requests_anonymise,
            order=20,
        ),
        PersonalDataProvider(
            key="accounts.display_preferences",
            model=DisplayPreferences,
            person_fields=("user",),
            title=gettext_lazy("Your display settings"),
            records=_display_preferences,
            anonymise=_delete(DisplayPreferences),
            order=10,
        ),
    ]:
        register(provider)
