"""Quiz forms: one field per question. They check input only; what may be
saved (time, choices, submission) is decided in training.services.quizzes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from training.models import QuizAnswer
from training.selectors.quizzes import MULTIPLE_CHOICE, SHORT_ANSWER, Question

CHOOSE_OR_SKIP = _("Choose an answer, or skip this question for now.")
WRITE_OR_SKIP = _("Write an answer, or skip this question for now.")
ANSWER_MAX_LENGTH = 2000


def field_name(question: Question) -> str:
    return f"question-{question.number}"


class QuizAnswersForm(forms.Form):
    """The answers to some questions of a quiz. With `require`, an empty
    answer is an error (the trainee pressed Next); otherwise it skips."""

    def __init__(
        self,
        *args,
        questions: list[Question],
        answers: dict[str, QuizAnswer],
        require: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.require = require
        for question in questions:
            answer = answers.get(question.id)
            label = _("Question %(number)s") % {"number": question.number}
            if question.kind == SHORT_ANSWER:
                field = forms.CharField(
                    label=label,
                    required=False,
                    max_length=ANSWER_MAX_LENGTH,
                    widget=forms.Textarea(attrs={"rows": 5}),
                    initial=answer.text if answer else "",
                )
            elif question.kind == MULTIPLE_CHOICE:
                field = forms.MultipleChoiceField(
                    label=label,
                    required=False,
                    choices=question.choices,
                    widget=forms.CheckboxSelectMultiple,
                    initial=answer.choice_ids if answer else [],
                )
            else:
                field = forms.ChoiceField(
                    label=label,
                    required=False,
                    choices=question.choices,
                    widget=forms.RadioSelect,
                    initial=answer.choice_ids[0] if answer else None,
                )
            field.question = question
            self.fields[field_name(question)] = field

    def clean(self):
        cleaned = super().clean()
        if self.require:
            for question in self.questions:
                name = field_name(question)
                if name in cleaned and not cleaned[name]:
                    self.add_error(
                        name,
                        WRITE_OR_SKIP
                        if question.kind == SHORT_ANSWER
                        else CHOOSE_OR_SKIP,
                    )
        return cleaned

    def rows(self):
        """(question, bound field) pairs for the template."""
        for question in self.questions:
            yield question, self[field_name(question)]

    def given(self):
        """(question, choice ids, text) for each question, as submitted."""
        for question in self.questions:
            value = self.cleaned_data.get(field_name(question))
            if question.kind == SHORT_ANSWER:
                yield question, [], value or ""
            elif question.kind == MULTIPLE_CHOICE:
                yield question, list(value or []), ""
            else:
                yield question, [value] if value else [], ""


class MarkForm(forms.Form):
    verdict = forms.TypedChoiceField(
        label=_("Is this answer correct?"),
        choices=[("yes", _("Correct")), ("no", _("Not correct"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose correct or not correct.")},
    )
    comment = forms.CharField(
        label=_("Comment for the trainee"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
