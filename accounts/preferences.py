"""Display preferences as the page shell uses them, from a person's profile or,
for anonymous visitors, from a cookie (read by `accounts.selectors`). Applied
on the server, so the page is right at first paint and nothing needs
JavaScript."""

from dataclasses import asdict, dataclass, fields, replace

from accounts.models import DisplayPreferences
from core.page_cache import vary_on_cookie

COOKIE_NAME = "display"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60
FLAGS = (
    "legible_font",
    "wide_spacing",
    "reduced_motion",
    "underline_links",
    "captions_on",
    "easy_read_first",
)
# On unless turned off, so the cookie names it only when it is off.
QUIZ_WARNINGS_OFF = "no_quiz_time_warnings"
TEXT_SIZES = {c.value for c in DisplayPreferences.TextSize}
THEMES = {c.value for c in DisplayPreferences.Theme}


@dataclass(frozen=True)
class Display:
    text_size: int = 100
    theme: str = "default"
    legible_font: bool = False
    wide_spacing: bool = False
    reduced_motion: bool = False
    underline_links: bool = False
    captions_on: bool = False
    easy_read_first: bool = False
    quiz_time_warnings: bool = True

    @property
    def html_classes(self) -> str:
        classes = [f"text-{self.text_size}", f"theme-{self.theme}"]
        classes += [
            f"pref-{flag.replace('_', '-')}" for flag in FLAGS if getattr(self, flag)
        ]
        return " ".join(classes)

    def to_cookie(self) -> str:
        """Compact and readable: "200.dark.legible_font.captions_on"."""
        parts = [str(self.text_size), self.theme]
        parts += [f for f in FLAGS if getattr(self, f)]
        if not self.quiz_time_warnings:
            parts.append(QUIZ_WARNINGS_OFF)
        return ".".join(parts)

    @classmethod
    def from_cookie(cls, value: str | None) -> "Display":
        """Unknown or tampered parts are ignored: the result is always valid."""
        if not value:
            return cls()
        parts = value.split(".")
        display = cls()
        if parts[0].isdigit() and int(parts[0]) in TEXT_SIZES:
            display = replace(display, text_size=int(parts[0]))
        if len(parts) > 1 and parts[1] in THEMES:
            display = replace(display, theme=parts[1])
        flags = {p: True for p in parts[2:] if p in FLAGS}
        if QUIZ_WARNINGS_OFF in parts[2:]:
            flags["quiz_time_warnings"] = False
        return replace(display, **flags)

    @classmethod
    def from_model(cls, preferences: DisplayPreferences) -> "Display":
        return cls(**{f.name: getattr(preferences, f.name) for f in fields(cls)})

    def as_dict(self) -> dict:
        return asdict(self)


def _page_cache_key(value: str | None) -> str:
    return Display.from_cookie(value).to_cookie()


# Anonymous visitors' pages differ by their display settings (core.page_cache).
vary_on_cookie(COOKIE_NAME, _page_cache_key)
