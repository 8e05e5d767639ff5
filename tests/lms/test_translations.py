"""Every user-facing string is marked, extracted and translated into Chinese."""

import shutil
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
SKIP = (
    ".venv",
    "var",
    ".git",
    "node_modules",
    "__pycache__",
    "tests",
    "bench",
    "static_collected",
    "media",
)


def test_every_marked_string_is_translated(tmp_path):
    assert shutil.which("xgettext"), (
        "GNU gettext is needed to extract strings (make test installs it)"
    )
    copy = tmp_path / "src"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(*SKIP))
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "zh_Hans",
            "--no-obsolete",
            "-v0",
        ],
        cwd=copy,
        check=True,
        timeout=120,
    )
    with open(copy / "locale/zh_Hans/LC_MESSAGES/django.po", "rb") as f:
        catalog = read_po(f)
    untranslated = [
        m.id
        for m in catalog
        if m.id
        and (m.fuzzy or not (m.string if isinstance(m.string, str) else all(m.string)))
    ]
    assert untranslated == [], "translate these in locale/zh_Hans/LC_MESSAGES/django.po"


def test_english_catalogue_has_the_same_strings():
    with open(ROOT / "locale/zh_Hans/LC_MESSAGES/django.po", "rb") as f:
        zh = {m.id for m in read_po(f) if m.id}
    with open(ROOT / "locale/en/LC_MESSAGES/django.po", "rb") as f:
        en = {m.id for m in read_po(f) if m.id}
    assert zh == en
