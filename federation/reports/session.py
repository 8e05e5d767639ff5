"""One session's page: its headline, every enrolment status, outcomes at
each follow-up and disability categories, all published
(federation.suppression)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from federation.reports.dashboard import category_table
from federation.reports.tables import Row, Table, headline_row
from federation.selectors.counting import FOLLOW_UPS
from federation.selectors.dashboard import SessionCounts
from federation.suppression import Cell, cell
from training.models import Enrolment, Outcome


@dataclass
class SessionFigures:
    headline: Row
    statuses: list[tuple[str, Cell]]
    outcomes: list[dict]
    outcome_headings: list[str]
    categories: Table


def session_figures(counts: SessionCounts) -> SessionFigures:
    """The session's raw figures (selectors.dashboard.session_counts),
    labelled and published: every count on its own."""
    total = counts.total
    statuses = counts.statuses
    status_cells = [
        cell(statuses.get(value, 0)) for value, _l in Enrolment.Status.choices
    ]
    outcomes = []
    for n in FOLLOW_UPS:
        due = total.get(f"due_{n}", 0)
        row_counts = [
            counts.outcomes.get((n, value), 0) for value, _l in Outcome.Status.choices
        ]
        row_counts.append(max(due - sum(row_counts), 0))
        outcomes.append(
            {
                "label": str(dict(Outcome.FollowUp.choices)[n]),
                "due": cell(due),
                "cells": [cell(n) for n in row_counts],
            }
        )
    return SessionFigures(
        headline=headline_row(total),
        statuses=[
            (str(label), c)
            for (_value, label), c in zip(
                Enrolment.Status.choices, status_cells, strict=True
            )
        ],
        outcomes=outcomes,
        outcome_headings=[
            *(str(label) for _value, label in Outcome.Status.choices),
            _("No outcome recorded"),
        ],
        categories=category_table(total, counts.categories),
    )
