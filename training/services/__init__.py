"""Writes to learner records. Every rule about enrolment, progress,
attendance, outcomes and certificates lives here, not in views or models."""
