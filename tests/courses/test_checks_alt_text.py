"""Alt text the author wrote: the publish check refuses alt text that only
repeats the chosen image's title or file name (what Wagtail's image chooser
used to fill in), names the image and says why, in the author's language; and
the editor no longer pre-fills it."""

import io
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.utils import translation
from PIL import Image as PILImage
from wagtail.admin.telepath import JSContext
from wagtail.images.models import Image

from courses import checks
from courses.blocks import AccessibleImageBlock, LessonBlocks, LessonImageBlock

TITLE = "business-startup-basics"
FILE = "business-startup-basics.jpg"


@pytest.mark.parametrize(
    ("alt_text", "title", "file_name"),
    [
        ("business-startup-basics picture", TITLE, FILE),
        ("Business Startup Basics", TITLE, FILE),
        ("BUSINESS_STARTUP_BASICS", TITLE, FILE),
        ("business-startup-basics.jpg", "创业", FILE),
        ("business startup basics", "创业", FILE),
        ("Picture of business startup basics", TITLE, ""),
        ("photo: business-startup-basics", TITLE, ""),
        ("live-room-setup image", "直播间", "a.png"),  # file-name-like text
        ("创业基础", "创业基础", "a.png"),
        ("创业基础图片", "创业基础", "a.png"),
        ("创业基础的照片", "创业基础", "a.png"),
        ("图像：创业基础", "创业基础", "a.png"),
        ("pic", "x", "pic_Ab12cD3.png"),  # storage added a suffix
    ],
)
def test_alt_text_generated_from_the_title_or_file_name_is_refused(
    alt_text, title, file_name
):
    assert checks.alt_text_from_image_name(alt_text, title=title, file_name=file_name)
    problem = checks.alt_text_problem(alt_text, title=title, file_name=file_name)
    assert problem is not None


@pytest.mark.parametrize(
    "alt_text",
    [
        "A trainee shows her business plan to two mentors",
        "学员在直播台前调整手机支架",
        "Business startup basics: three steps from idea to first sale",
        "e-commerce",
    ],
)
def test_alt_text_the_author_wrote_passes(alt_text):
    assert checks.alt_text_problem(alt_text, title=TITLE, file_name=FILE) is None


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_message_names_the_image_in_the_authors_language(language):
    with translation.override(language):
        problem = checks.alt_text_problem(
            "business-startup-basics picture", title=TITLE, file_name=FILE
        )
        expected = checks.ALT_TEXT_FROM_IMAGE_NAME % {
            "alt_text": "business-startup-basics picture",
            "title": TITLE,
        }
        assert problem == expected
    assert TITLE in problem


@pytest.fixture
def image(db):
    buffer = io.BytesIO()
    PILImage.new("RGB", (20, 10), "#0b4f9c").save(buffer, "PNG")
    return Image.objects.create(
        title=TITLE, file=ImageFile(buffer, name="business-startup-basics.png")
    )


def _error_text(error: ValidationError) -> str:
    return str(error.as_json_data())


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("block", [AccessibleImageBlock(), LessonImageBlock()])
def test_publishing_an_image_with_its_title_as_alt_text_is_refused(
    image, block, language
):
    value = block.to_python(
        {"image": image.pk, "alt_text": f"{TITLE} picture", "decorative": False}
    )
    with translation.override(language):
        with pytest.raises(ValidationError) as caught:
            block.clean(value)
        expected = str(
            checks.ALT_TEXT_FROM_IMAGE_NAME
            % {"alt_text": f"{TITLE} picture", "title": TITLE}
        )
    assert caught.value.block_errors["alt_text"].messages == [expected]
    block.clean_deferred(value)  # a draft still saves


@pytest.mark.django_db
def test_a_lesson_body_with_the_file_name_as_alt_text_is_refused(image):
    body = LessonBlocks()
    value = body.to_python(
        [
            {
                "type": "image",
                "value": {
                    "image": image.pk,
                    "alt_text": image.filename,
                    "decorative": False,
                },
            }
        ]
    )
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        body.clean(value)
    assert "file name" in _error_text(caught.value)

    good = body.to_python(
        [
            {
                "type": "image",
                "value": {
                    "image": image.pk,
                    "alt_text": "三位学员围坐讨论开店计划",
                    "decorative": False,
                },
            }
        ]
    )
    body.clean(good)


def test_the_editor_does_not_prefill_alt_text_from_the_image_title():
    """Wagtail's image block script copies the chosen image's title into the
    alt text; ours is used instead, and says so."""
    context = JSContext()
    context.pack(AccessibleImageBlock())
    scripts = context.media._js
    assert "courses/admin/image-block.js" in scripts
    assert "wagtailimages/js/image-block.js" not in scripts
    source = Path(finders.find("courses/admin/image-block.js")).read_text()
    assert "courses.blocks.AccessibleImageBlock" in source
    assert "default_alt_text" not in source
