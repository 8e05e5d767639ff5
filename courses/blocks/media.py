"""Pictures, video and audio, each with what people who cannot see or hear
them need: alt text, captions, transcripts, sign language."""

import os

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.telepath import register
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock, ImageBlockAdapter
from wagtail_localize.segments import OverridableSegmentValue

from courses import checks


class AccessibleImageBlock(ImageBlock):
    """Wagtail's ImageBlock, except that choosing an image leaves the alt text
    alone: Wagtail fills it in from the image's title ("business-startup-basics
    picture"), which the publish check then refuses (see the adapter below)."""

    def clean(self, value):
        if not self.is_deferred_validation and value:
            alt_text = value.contextual_alt_text or ""
            problem = None
            if not value.decorative:
                if not alt_text.strip():
                    problem = checks.MISSING_ALT_TEXT
                else:
                    problem = checks.alt_text_problem(
                        alt_text,
                        title=getattr(value, "title", ""),
                        file_name=getattr(value, "filename", ""),
                    )
            if problem:
                raise StructBlockValidationError(
                    block_errors={"alt_text": ValidationError(problem)}
                )
        return super().clean(value)

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        label = _("Image")
        description = _(
            "An image with alt text written for this place, or marked decorative."
        )


class AccessibleImageBlockAdapter(ImageBlockAdapter):
    js_constructor = "courses.blocks.AccessibleImageBlock"

    @cached_property
    def media(self):
        wagtail_media = super().media
        return forms.Media(
            js=[
                script
                for script in wagtail_media._js
                if script != "wagtailimages/js/image-block.js"
            ]
            + ["courses/admin/image-block.js"],
            css=wagtail_media._css,
        )


register(AccessibleImageBlockAdapter(), AccessibleImageBlock)


VIDEO_EXTENSIONS = ("mp4", "webm", "ogv", "m4v")
AUDIO_EXTENSIONS = ("mp3", "m4a", "ogg", "oga", "wav", "webm")
CAPTION_LANGUAGES = [("zh-Hans", _("Chinese")), ("en", _("English"))]

WRONG_MEDIA_FILE = _("Choose a file ending in %(extensions)s.")


def _extension_error(document, extensions) -> ValidationError | None:
    if document is None:
        return None
    extension = os.path.splitext(document.filename)[1].lower().lstrip(".")
    if extension in extensions:
        return None
    return ValidationError(
        WRONG_MEDIA_FILE % {"extensions": ", ".join(f".{e}" for e in extensions)}
    )


def _has_text(rich_text) -> bool:
    if rich_text is None:
        return False
    source = getattr(rich_text, "source", rich_text) or ""
    return bool(checks.strip_tags(source).strip())


class LessonImageBlock(AccessibleImageBlock):
    """An optional picture inside another block (easy read, steps)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        label = _("Picture")


class TranscriptBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["bold", "italic", "ol", "ul"])
        super().__init__(**kwargs)


class CaptionsLanguageBlock(blocks.ChoiceBlock):
    """The captions' language: in a translation it is the translator's to set
    with the captions file (wagtail-localize offers it beside the file as a
    value to override), not copied from the original on every sync."""

    def get_translatable_segments(self, value):
        return [OverridableSegmentValue("", value)] if value else []

    def restore_translated_segments(self, value, segments):
        for segment in segments:
            if isinstance(segment, OverridableSegmentValue):
                return segment.data
        return value


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("Title"), max_length=200, help_text=_("Shown under the video.")
    )
    video = DocumentChooserBlock(
        label=_("Video file"), help_text=_("An MP4 or WebM file.")
    )
    captions = DocumentChooserBlock(
        label=_("Captions (WebVTT)"),
        required=False,
        help_text=_("Required to publish: a .vtt file with what is said and heard."),
    )
    captions_language = CaptionsLanguageBlock(
        label=_("Language of the captions"),
        choices=CAPTION_LANGUAGES,
        default="zh-Hans",
    )
    transcript = TranscriptBlock(
        label=_("Transcript"),
        required=False,
        help_text=_("Required to publish: what is said and what is shown, as text."),
    )
    essential_visuals = blocks.BooleanBlock(
        label=_("Carries essential visual information"),
        required=False,
        help_text=_(
            "Tick if the pictures show things the soundtrack does not say. "
            "Such a video needs a description to publish: an audio-described "
            "version, a voiced audio description or a text description track."
        ),
    )
    audio_description = DocumentChooserBlock(
        label=_("Text description track (WebVTT)"),
        required=False,
        help_text=_(
            "Describes what is shown as timed text, for people who cannot see "
            "it; screen readers read it out."
        ),
    )
    described_video = DocumentChooserBlock(
        label=_("Audio-described version (video)"),
        required=False,
        help_text=_(
            "The same video with a voice describing what is shown (MP4 or "
            "WebM). Offered first to trainees who use a screen reader."
        ),
    )
    described_audio = DocumentChooserBlock(
        label=_("Voiced audio description (audio track)"),
        required=False,
        help_text=_(
            "A recording of the description to play alongside the video "
            "(MP3, M4A, OGG or WAV)."
        ),
    )
    sign_language_video = DocumentChooserBlock(
        label=_("Chinese Sign Language version"),
        required=False,
        help_text=_("The same content signed in Chinese Sign Language (MP4 or WebM)."),
    )

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        for name, extensions in [
            ("video", (*VIDEO_EXTENSIONS, *AUDIO_EXTENSIONS)),
            ("sign_language_video", VIDEO_EXTENSIONS),
            ("captions", ("vtt",)),
            ("audio_description", ("vtt",)),
            ("described_video", (*VIDEO_EXTENSIONS, *AUDIO_EXTENSIONS)),
            ("described_audio", AUDIO_EXTENSIONS),
        ]:
            error = _extension_error(value.get(name), extensions)
            if error:
                errors[name] = error
        if not self.is_deferred_validation:
            if value.get("captions") is None:
                errors["captions"] = ValidationError(checks.MISSING_CAPTIONS)
            if not _has_text(value.get("transcript")):
                errors["transcript"] = ValidationError(checks.MISSING_VIDEO_TRANSCRIPT)
            problem = checks.video_description_problem(
                title=value.get("title") or "",
                essential_visuals=bool(value.get("essential_visuals")),
                described=any(
                    value.get(name) is not None
                    for name in (
                        "described_video",
                        "described_audio",
                        "audio_description",
                    )
                ),
            )
            if problem:
                errors["essential_visuals"] = ValidationError(problem)
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        """Anchors for the links between a video's two versions. The lesson
        page says (`described_video_first`) whether the viewer's needs put the
        audio-described version first."""
        context = super().get_context(value, parent_context=parent_context)
        video, described = value.get("video"), value.get("described_video")
        if video is not None and described is not None:
            anchor = f"video-{video.pk}-{described.pk}"
            context["standard_anchor"] = anchor
            context["described_anchor"] = f"{anchor}-described"
        return context

    class Meta:
        icon = "media"
        template = "blocks/video.html"
        label = _("Video")
        description = _(
            "A video with captions and a transcript; optionally an audio-"
            "described version, an audio description and a Chinese Sign "
            "Language version."
        )
        preview_value = {
            "title": "如何开始一场直播",
            "captions_language": "zh-Hans",
            "transcript": "<p>大家好，今天我们学习如何开始一场直播。</p>",
        }


class AudioBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    audio = DocumentChooserBlock(
        label=_("Audio file"), help_text=_("An MP3, M4A, OGG or WAV file.")
    )
    transcript = TranscriptBlock(
        label=_("Transcript"),
        required=False,
        help_text=_("Required to publish: everything that is said, as text."),
    )

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        error = _extension_error(value.get("audio"), AUDIO_EXTENSIONS)
        if error:
            errors["audio"] = error
        if not self.is_deferred_validation and not _has_text(value.get("transcript")):
            errors["transcript"] = ValidationError(checks.MISSING_AUDIO_TRANSCRIPT)
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    class Meta:
        icon = "music"
        template = "blocks/audio.html"
        label = _("Audio")
        description = _("A recording with a transcript of everything that is said.")
        preview_value = {
            "title": "课程导读",
            "transcript": "<p>欢迎学习本课。本课大约需要二十分钟。</p>",
        }


# A block that deconstructs to its own class path keeps `courses.blocks.X`, the
# path migrations record, whichever submodule defines it.
DECONSTRUCT_ALIASES = {
    cls: f"courses.blocks.{cls.__name__}"
    for cls in (
        AccessibleImageBlock,
        LessonImageBlock,
        TranscriptBlock,
        VideoBlock,
        AudioBlock,
    )
}
