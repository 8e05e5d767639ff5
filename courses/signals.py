"""Keep authoring-group membership in step with staff roles, which live in
`accounts` (a lower layer that must not know about courses)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from accounts.models import StaffRole, TrainingBase
from core.page_cache import invalidate, invalidate_on
from courses.models import (
    CourseAdaptation,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    LessonVersion,
    QuizPage,
    Skill,
    TrainingBasePage,
)
from courses.services import (
    authoring_membership_sync,
    base_authoring_group_sync,
    federation_editors_group_sync,
)
from courses.services.mirrors import mirror_after_commit


@receiver(post_save, sender=StaffRole)
@receiver(post_delete, sender=StaffRole)
def staff_role_changed(sender, instance: StaffRole, **kwargs) -> None:
    authoring_membership_sync(user=instance.user)


@receiver(page_published, sender=TrainingBasePage)
def base_section_published(sender, instance: TrainingBasePage, **kwargs) -> None:
    base_authoring_group_sync(base=instance.base)


@receiver(page_published, sender=CourseIndexPage)
def catalogue_published(sender, instance: CourseIndexPage, **kwargs) -> None:
    federation_editors_group_sync()


@receiver(page_published, sender=CoursePage)
@receiver(page_published, sender=LessonPage)
@receiver(page_published, sender=QuizPage)
def course_content_published(sender, instance, **kwargs) -> None:
    """A page published in one language shows in the other's catalogue as
    it is until someone translates it (courses/services/mirrors.py)."""
    if not instance.alias_of_id:
        mirror_after_commit(instance)


# Anonymous visitors' kept pages (core.page_cache) -----------------------------

# Every page (any type, any app), what pages show of bases and skills, and the
# images, documents, sites, locales and redirects pages are served with, and
# view restrictions (a page made private is no longer served from the cache).
invalidate_on(
    Page,
    PageViewRestriction,
    CourseAdaptation,
    LessonVersion,
    Skill,
    TrainingBase,
    get_image_model(),
    get_document_model(),
    Site,
    Locale,
    Redirect,
)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def page_changed(sender, **kwargs) -> None:
    """Publishing saves the page anyway; a move rewrites paths with an update
    that sends no save signal."""
    invalidate()
