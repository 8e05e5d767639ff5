from django.conf import settings
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

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


class HomePage(Page):
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

    class Meta:
        verbose_name = _("home page")


class AccessibilityStatementPage(Page):
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


class HelpIndexPage(Page):
    """Help in one language: the guides below it, those for the reader's role
    first, and the accessibility statement."""

    intro = RichTextField(_("introduction"), features=RICHTEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.HelpPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("help index")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context.update(help_guides_for_reader(self, request.user))
        return context


class HelpPage(Page):
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

    class Meta:
        verbose_name = _("help guide")
