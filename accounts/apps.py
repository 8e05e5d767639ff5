from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("People and places")

    def ready(self):
        from accounts import notices
        from accounts.personal_data_accounts import register_accounts_providers

        register_accounts_providers()
        notices.register_kinds()
        self._register_user_cache()

    def _register_user_cache(self):
        """A signed-in page's staff roles and display settings, kept per
        person (core.user_cache) and forgotten on every write to them."""
        from accounts import permissions, selectors
        from accounts.models import DisplayPreferences, StaffRole, User
        from core import user_cache

        user_cache.register(permissions.ROLES_PART, permissions.roles_load)
        user_cache.register(selectors.DISPLAY_PART, selectors.display_load)
        user_cache.register(permissions.ADMIN_PART, permissions.admin_access_load)
        user_cache.forget_on(StaffRole, permissions.ROLES_PART)
        user_cache.forget_on(DisplayPreferences, selectors.DISPLAY_PART)

        def _forget_person(sender, instance, **kwargs):
            user_cache.forget(instance.pk)

        post_delete.connect(_forget_person, sender=User, weak=False)
        self._forget_admin_access(User)

    def _forget_admin_access(self, User):
        """Admin access (Wagtail's permission) changes with a person's groups,
        their own permissions, their groups' permissions, a group deleted,
        and their account (active, superuser)."""
        from django.contrib.auth.models import Group
        from django.db.models.signals import m2m_changed, post_save, pre_delete

        from accounts.permissions import ADMIN_PART
        from core import user_cache

        def forget(user_ids):
            for user_id in user_ids:
                user_cache.forget(user_id, ADMIN_PART)

        def forget_members(holder):
            """The people of a group or holding a permission (`user_set`)."""
            forget(list(holder.user_set.values_list("pk", flat=True)))

        def people_changed(sender, instance, action, pk_set, **kwargs):
            """A person's groups or own permissions, from either side."""
            if isinstance(instance, User):
                if action.startswith("post_"):
                    forget([instance.pk])
            elif action == "pre_clear":  # a group's (permission's) people
                forget_members(instance)
            elif action in ("post_add", "post_remove"):
                forget(pk_set or ())

        def group_changed(sender, instance, action, pk_set, **kwargs):
            """A group's permissions, from either side."""
            if action not in ("pre_clear", "post_add", "post_remove"):
                return
            if isinstance(instance, Group):
                forget_members(instance)
                return
            if action == "pre_clear":
                groups = list(instance.group_set.values_list("pk", flat=True))
            else:
                groups = pk_set or ()
            forget(
                list(
                    User.objects.filter(groups__in=groups)
                    .values_list("pk", flat=True)
                    .distinct()
                )
            )

        def group_deleted(sender, instance, **kwargs):
            forget_members(instance)

        def account_saved(sender, instance, update_fields=None, **kwargs):
            if update_fields is None or {"is_active", "is_superuser"} & set(
                update_fields
            ):
                forget([instance.pk])

        for through in (User.groups.through, User.user_permissions.through):
            m2m_changed.connect(people_changed, sender=through, weak=False)
        m2m_changed.connect(group_changed, sender=Group.permissions.through, weak=False)
        pre_delete.connect(group_deleted, sender=Group, weak=False)
        post_save.connect(account_saved, sender=User, weak=False)


class LMSUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's users app, with forms for our one-name, email-login user."""

    user_viewset = "accounts.wagtail_admin.UserViewSet"
