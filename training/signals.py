"""What happens in training that someone may need to be told about.

Services send these after their transaction commits (``transaction.on_commit``)
so that a receiver never acts on a write that was rolled back. Receivers live
in ``training/notices.py`` and turn them into notifications; other apps may
listen too. Every signal is sent with ``sender`` = the model class concerned.
"""

from django.dispatch import Signal

# enrolment, old_status, new_status, actor
enrolment_status_changed = Signal()
# session, changes ({field: [old, new]}), actor: dates, meetings, venue ...
session_changed = Signal()
# session, reason, actor
session_cancelled = Signal()
# answer (QuizAnswer), actor
answer_marked = Signal()
# certificate, enrolment
certificate_issued = Signal()
