"""The demo courses' words, read from `demo/content/<course-slug>.yaml`: one
file per course with both languages, its lessons and, for some, a quiz. The
captions, audio descriptions and transcripts of each course's video are files
in `demo/media/`."""

from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
CONTENT = HERE / "content"
MEDIA = HERE / "media"
SLUG_MISMATCH = "%(path)s describes the course %(slug)r: name the file after it."


def courses() -> list[dict]:
    """Every demo course, in catalogue order (each file's `order`)."""
    found = []
    for path in sorted(CONTENT.glob("*.yaml")):
        course = yaml.safe_load(path.read_text(encoding="utf-8"))
        if course["slug"] != path.stem:
            raise ValueError(SLUG_MISMATCH % {"path": path, "slug": course["slug"]})
        found.append(course)
    return sorted(found, key=lambda course: course["order"])
