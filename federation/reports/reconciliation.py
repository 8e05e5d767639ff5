"""Reconciliation figures as a viewer may see them: federation admins see
every count; auditors see counts of people published like every federation
figure (federation.suppression: 0, "fewer than 5", or rounded to 5)."""

from federation.selectors.reconciliation import Comparison
from federation.suppression import cell
from federation.templatetags.federation_tags import figure
from training.models import TrainingSession

SESSION_COUNTS = ("enrolled", "completed", "certified")


def suppress_for_viewer(
    sessions: list[TrainingSession],
    comparison: list[Comparison],
    *,
    show_people: bool,
) -> None:
    """Set the `<count>_shown` figures the page shows on each session and
    comparison row: the raw count, or a published cell. Sessions are not
    people, so their count is always exact."""
    for session in sessions:
        for key in SESSION_COUNTS:
            raw = getattr(session, key)
            setattr(session, f"{key}_shown", raw if show_people else _shown(raw))
    for row in comparison:
        people = show_people or row.key == "sessions"
        row.base_shown = row.base if people else _shown(row.base)
        row.federation_shown = row.federation if people else _shown(row.federation)
        # The exact gap between two counts of people could be 1 to 4: auditors
        # learn only that the counts differ.
        row.difference_shown = row.difference_abs if people else None


def _shown(raw: int) -> str:
    """A published count as the dashboard shows it (marked "rounded")."""
    return figure(cell(raw))
