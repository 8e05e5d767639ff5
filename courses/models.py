"""Course content as Wagtail pages.

The tree: home page → CourseIndexPage (the catalogue) → TrainingBasePage (one
per training base: the part of the tree its instructors may author in, and a
public page listing the base's courses) → CoursePage → LessonPage.

Pages hold only what editors write; learner records live in `training`. The
choice enums live in `courses.choices` and `courses.versions` and are
importable from here as well.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpRequest
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from accounts.models import DisabilityCategory, TrainingBase
from core.view_restrictions import ViewRestrictionsKnownMixin
from courses.blocks import (
    ContentBlocks,
    CourseBlocks,
    LessonBlocks,
    OutcomeBlocks,
    QuizQuestionBlocks,
)
from courses.choices import DeliveryMode, SkillArea
from courses.selectors import course_catalogue, course_detail, courses_in, lesson_detail
from courses.versions import VERSION_COOKIE, VERSION_COOKIE_MAX_AGE, LessonVersionKind


class Skill(models.Model):
    """A skill a course teaches, from a short list the federation manages
    (livestream selling, short-video editing, ...). Completion, certificates,
    credentials and job-ready profiles carry them."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name (Chinese)"), max_length=100, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    skill_area = models.CharField(
        _("skill area"), max_length=32, choices=SkillArea.choices, blank=True
    )

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name


class CourseIndexPage(ViewRestrictionsKnownMixin, Page):
    """The catalogue: every course under it, with filters and search."""

    intro = StreamField(ContentBlocks(), blank=True, verbose_name=_("introduction"))

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.TrainingBasePage"]
    max_count_per_parent = 1

    # Kept for anonymous visitors (core.page_cache).
    anonymous_page_cache = True

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["catalogue"] = course_catalogue(self, request.GET)
        return context


DUPLICATE_BASE_SECTION = _(
    "This training base already has a courses page in this language."
)


class TrainingBasePage(ViewRestrictionsKnownMixin, Page):
    """A training base's courses. Authoring permissions are granted on this
    page, so a base's instructors can write only under it."""

    base = models.ForeignKey(
        TrainingBase,
        on_delete=models.PROTECT,
        related_name="course_sections",
        verbose_name=_("training base"),
    )
    intro = StreamField(ContentBlocks(), blank=True, verbose_name=_("introduction"))

    content_panels = [*Page.content_panels, FieldPanel("base"), FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.CoursePage"]

    # Kept for anonymous visitors (core.page_cache).
    anonymous_page_cache = True

    class Meta:
        verbose_name = _("training base courses page")

    def clean(self):
        super().clean()
        duplicate = (
            TrainingBasePage.objects.filter(
                base_id=self.base_id, locale_id=self.locale_id
            )
            .exclude(pk=self.pk)
            .exclude(translation_key=self.translation_key)
            .exists()
        )
        if self.base_id and duplicate:
            raise ValidationError({"base": DUPLICATE_BASE_SECTION})

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = courses_in(self)
        return context


WRONG_BASE = _(
    "This course is in the part of the site for %(base)s, so that base must own it."
)


class CoursePageForm(WagtailAdminPageForm):
    """The owning base is the base whose part of the tree the course is in:
    offered as the only choice, and checked."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        self.section = None
        if parent_page is not None:
            self.section = parent_page.specific_deferred
            if isinstance(self.section, TrainingBasePage) and "base" in self.fields:
                field = self.fields["base"]
                field.queryset = TrainingBase.objects.filter(pk=self.section.base_id)
                field.initial = self.section.base_id
                field.empty_label = None

    def clean_base(self):
        base = self.cleaned_data.get("base")
        section = self.section
        if (
            isinstance(section, TrainingBasePage)
            and base
            and base.pk != section.base_id
        ):
            raise forms.ValidationError(WRONG_BASE % {"base": section.base})
        return base


class CoursePage(ViewRestrictionsKnownMixin, Page):
    base = models.ForeignKey(
        TrainingBase,
        on_delete=models.PROTECT,
        related_name="courses",
        verbose_name=_("training base"),
        help_text=_("The training base that owns and runs this course."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("One or two sentences shown in the catalogue."),
    )
    skill_area = models.CharField(
        _("skill area"), max_length=32, choices=SkillArea.choices
    )
    delivery_mode = models.CharField(
        _("delivery mode"), max_length=16, choices=DeliveryMode.choices
    )
    estimated_hours = models.PositiveSmallIntegerField(
        _("estimated hours"), help_text=_("Total learning time, in hours.")
    )
    outcomes = StreamField(
        OutcomeBlocks(),
        blank=True,
        verbose_name=_("learning outcomes"),
        help_text=_("What trainees will be able to do: one outcome per item."),
    )
    description = StreamField(CourseBlocks(), blank=True, verbose_name=_("description"))
    skills = ParentalManyToManyField(
        Skill,
        blank=True,
        related_name="courses",
        verbose_name=_("skills taught"),
        help_text=_("The skills a trainee has once they complete the course."),
    )

    base_form_class = CoursePageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("base"),
                FieldPanel("skill_area"),
                FieldPanel("delivery_mode"),
                FieldPanel("estimated_hours"),
                FieldPanel("skills", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("About the course"),
        ),
        FieldPanel("outcomes"),
        InlinePanel(
            "adaptations",
            heading=_("Who the course is designed for"),
            label=_("Disability category"),
            help_text=_(
                "For each category the course is designed for, say how it is adapted."
            ),
        ),
        FieldPanel("description"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("outcomes"),
        index.SearchField("description"),
        index.FilterField("skill_area"),
        index.FilterField("delivery_mode"),
        index.FilterField("base"),
    ]

    parent_page_types = ["courses.TrainingBasePage"]
    subpage_types = ["courses.LessonPage", "courses.QuizPage"]

    # Read with the page when it is found by its address (HomePage.route).
    route_select_related = ("base",)
    # Kept for anonymous visitors (core.page_cache).
    anonymous_page_cache = True

    class Meta:
        verbose_name = _("course")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context.update(course_detail(self))
        return context


class CourseAdaptation(TranslatableMixin, Orderable):
    """How a course is adapted for one disability category. Translatable, so
    its note is translated with the course (wagtail-localize) rather than
    copied from the other language."""

    page = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="adaptations")
    category = models.CharField(
        _("disability category"), max_length=16, choices=DisabilityCategory.choices
    )
    note = models.TextField(
        _("how the course is adapted"),
        max_length=600,
        help_text=_("For example: every video has Chinese Sign Language and captions."),
    )

    panels = [FieldPanel("category"), FieldPanel("note")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("adaptation for a disability category")
        verbose_name_plural = _("adaptations for disability categories")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "category"], name="courseadaptation_unique_category"
            )
        ]

    def __str__(self) -> str:
        return self.get_category_display()


class LessonPage(ViewRestrictionsKnownMixin, Page):
    summary = models.TextField(
        _("summary"),
        max_length=400,
        blank=True,
        help_text=_("What the trainee will be able to do after this lesson."),
    )
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"), default=20
    )
    body = StreamField(LessonBlocks(), blank=True, verbose_name=_("lesson content"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
        InlinePanel(
            "versions",
            heading=_("Adapted versions"),
            label=_("Version"),
            help_text=_(
                "The same lesson for a particular need. A large-print version may "
                "be left empty to show the standard content in large print."
            ),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    # Kept for anonymous visitors (core.page_cache).
    anonymous_page_cache = True

    class Meta:
        verbose_name = _("lesson")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_detail(self, request))
        return context

    def serve(self, request: HttpRequest, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        chosen = request.GET.get("version")
        if chosen in LessonVersionKind.values:
            response.set_cookie(
                VERSION_COOKIE,
                chosen,
                max_age=VERSION_COOKIE_MAX_AGE,
                samesite="Lax",
                httponly=True,
            )
        patch_vary_headers(response, ["Cookie"])
        return response


class LessonVersion(TranslatableMixin, Orderable):
    """The lesson again, adapted for one access need. Translatable, so its note
    and content are translated with the lesson (wagtail-localize)."""

    page = ParentalKey(LessonPage, on_delete=models.CASCADE, related_name="versions")
    kind = models.CharField(
        _("version"),
        max_length=16,
        choices=[c for c in LessonVersionKind.choices if c[0] != "standard"],
    )
    note = models.CharField(
        _("what is different"),
        max_length=300,
        blank=True,
        help_text=_("For example: signed by a Chinese Sign Language interpreter."),
    )
    body = StreamField(LessonBlocks(), blank=True, verbose_name=_("content"))

    panels = [FieldPanel("kind"), FieldPanel("note"), FieldPanel("body")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("adapted version")
        verbose_name_plural = _("adapted versions")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "kind"], name="lessonversion_unique_kind"
            )
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class QuizPage(ViewRestrictionsKnownMixin, Page):
    """An assessment at the end of (or within) a course. Untimed unless the
    author sets a limit; trainees' extra time and pausing are handled where
    attempts are recorded (training)."""

    intro = StreamField(ContentBlocks(), blank=True, verbose_name=_("introduction"))
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (percent)"),
        default=70,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("The share of questions a trainee must get right to pass."),
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit in minutes"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Leave empty for no time limit (best for most trainees). Trainees who "
            "need extra time get it automatically, and anyone can pause the clock."
        ),
    )
    one_question_per_page = models.BooleanField(
        _("one question per page"),
        default=True,
        help_text=_("Show each question on its own page, with Previous and Next."),
    )
    questions = StreamField(
        QuizQuestionBlocks(), blank=True, verbose_name=_("questions")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldPanel("time_limit_minutes"),
                FieldPanel("one_question_per_page"),
            ],
            heading=_("How the quiz works"),
        ),
        FieldPanel("questions"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    # Kept for anonymous visitors (core.page_cache).
    anonymous_page_cache = True

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    def serve(self, request: HttpRequest, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        patch_vary_headers(response, ["Cookie"])
        return response
