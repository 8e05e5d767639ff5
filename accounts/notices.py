"""What accounts tells people through the notifications module."""

from django.utils.translation import gettext_lazy as _

from notifications import kinds

DELETION_HANDLED = "accounts.deletion_handled"


def register_kinds() -> None:
    kinds.register(
        DELETION_HANDLED,
        label=_("Account deleted"),
        template_prefix="notifications/deletion_handled",
        url=lambda data: "",
        account_links=False,
    )
