from functools import cache

from django.conf import settings
from django.db import models
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, get_page_models
from wagtail.search import index
from wagtail.url_routing import RouteResult

from core.sites import KeptTranslationsMixin
from core.view_restrictions import ViewRestrictionsKnownMixin
from courses.blocks import (
    RICHTEXT_FEATURES,
    AccessibleRichTextBlock,
    ContentBlocks,
    EasyReadBlock,
    HeadingBlock,
    HeadingOrderStreamBlock,
    KeyTermsBlock,
    PageLinkBlock,
    StepsBlock,
)
from home.selectors import help_guides_for_reader


@cache
def _plain_routing() -> bool:
    """Whether every page type routes as Wagtail's Page does."""
    return all(
        model.route is Page.route
        for model in get_page_models()
        if not issubclass(model, HomePage)
    )


class HomePage(KeptTranslationsMixin, ViewRestrictionsKnownMixin, Page):
    intro = StreamField(ContentBlocks(), blank=True, verbose_name=_("introduction"))

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.AccessibilityStatementPage",
        "home.HelpIndexPage",
        "courses.CourseIndexPage",
    ]
    # One home page per content language (translations are siblings).
    max_count = len(settings.WAGTAIL_CONTENT_LANGUAGES)

    # Kept for anonymous visitors (core.page_cache).
    anonymous_page_cache = True

    class Meta:
        verbose_name = _("home page")

    def route(self, request: HttpRequest, path_components: list[str]) -> RouteResult:
        """Wagtail walks the path one level at a time (two queries a level:
        eleven down to a lesson). Under a home page, the page and every page
        on the way are found by their `url_path` in one query instead, then
        the page's own type (with its locale) in one more, with Wagtail's
        rules: the page found must be live, the pages on the way need not
        be. Each page knows its parent, so breadcrumbs and the course of a
        lesson cost nothing more. Only while no page type routes by itself
        (a `RoutablePageMixin`, say); otherwise Wagtail's walk."""
        if not path_components or not _plain_routing():
            return super().route(request, path_components)
        url_paths = [
            self.url_path + "".join(f"{part}/" for part in path_components[:depth])
            for depth in range(1, len(path_components) + 1)
        ]
        by_url_path = {
            page.url_path: page
            for page in Page.objects.filter(
                url_path__in=url_paths, path__startswith=self.path
            )
        }
        found = by_url_path.get(url_paths[-1])
        if found is None or not found.live:
            raise Http404
        model = found.specific_class
        if model is None:  # a page type whose model is gone: Wagtail's way
            return super().route(request, path_components)
        related = getattr(model, "route_select_related", ())
        page = (
            model.objects.select_related("locale", "alias_of__locale", *related)
            .filter(pk=found.pk)
            .first()
        )
        if page is None:
            raise Http404
        parent = self
        for url_path in url_paths[:-1]:
            ancestor = by_url_path.get(url_path)
            if ancestor is None:
                break
            ancestor._cached_parent_obj = parent
            parent = ancestor
        else:
            page._cached_parent_obj = parent
        return RouteResult(page)


class AccessibilityStatementPage(ViewRestrictionsKnownMixin, Page):
    """The site's accessibility statement: the standard it targets, known
    limitations and how to report a barrier. Editors keep it current."""

    standard = RichTextField(
        _("standard we aim for"),
        features=RICHTEXT_FEATURES,
        help_text=_("Which standard the site targets and how well it meets it."),
    )
    known_limitations = RichTextField(
        _("known limitations"), features=RICHTEXT_FEATURES, blank=True
    )
    report_a_barrier = RichTextField(
        _("how to report a barrier"),
        features=RICHTEXT_FEATURES,
        help_text=_(
            "Give several ways: email, text message, in person. Never phone only."
        ),
    )
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("more information"))
    last_reviewed = models.DateField(_("last reviewed"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("standard"),
        FieldPanel("known_limitations"),
        FieldPanel("report_a_barrier"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("standard"),
        index.SearchField("known_limitations"),
        index.SearchField("report_a_barrier"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    # Kept for anonymous visitors (core.page_cache).
    anonymous_page_cache = True

    class Meta:
        verbose_name = _("accessibility statement")


class HelpBlocks(HeadingOrderStreamBlock):
    """What a help guide is made of: the accessible blocks lessons use for
    instructions (numbered steps, key terms, an easy-read summary)."""

    heading = HeadingBlock()
    text = AccessibleRichTextBlock()
    steps = StepsBlock()
    key_terms = KeyTermsBlock()
    easy_read = EasyReadBlock()
    link = PageLinkBlock()


class HelpIndexPage(ViewRestrictionsKnownMixin, Page):
    """Help in one language: the guides below it, those for the reader's role
    first, and the accessibility statement."""

    intro = RichTextField(_("introduction"), features=RICHTEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.HelpPage"]
    max_count_per_parent = 1

    # Kept for anonymous visitors (core.page_cache).
    anonymous_page_cache = True

    class Meta:
        verbose_name = _("help index")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context.update(help_guides_for_reader(self, request.user))
        return context


class HelpPage(ViewRestrictionsKnownMixin, Page):
    """One guide, written for one role (or everyone)."""

    class Audience(models.TextChoices):
        TRAINEE = "trainee", _("Trainees")
        INSTRUCTOR = "instructor", _("Instructors and base managers")
        AUDITOR = "auditor", _("Federation auditors")
        EVERYONE = "everyone", _("Everyone")

    audience = models.CharField(
        _("written for"),
        max_length=20,
        choices=Audience.choices,
        default=Audience.EVERYONE,
        help_text=_("Readers in this role see the guide first in the help index."),
    )
    intro = models.TextField(
        _("introduction"),
        max_length=500,
        help_text=_("One or two plain sentences: what this guide helps you do."),
    )
    body = StreamField(HelpBlocks(), verbose_name=_("guide"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("audience"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("audience"),
    ]

    parent_page_types = ["home.HelpIndexPage"]
    subpage_types: list[str] = []

    # Kept for anonymous visitors (core.page_cache).
    anonymous_page_cache = True

    class Meta:
        verbose_name = _("help guide")
