from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from courses.blocks import RICHTEXT_FEATURES, ContentBlocks


class HomePage(Page):
    intro = StreamField(ContentBlocks(), blank=True, verbose_name=_("introduction"))

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["home.AccessibilityStatementPage", "courses.CourseIndexPage"]
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
