"""The incubation base's pages about the businesses its trainees started:
the list with checks due, recording a business, its page (founders, checks,
history), and recording a check. Staff of incubation bases (their own
bases) and federation admins only."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from careers.forms.businesses import (
    FOUNDER_NOT_FOUND,
    BusinessForm,
    CheckForm,
    FounderForm,
)
from careers.models import BusinessCheck, IncubatedBusiness
from careers.permissions import business_base_ids, can_record_businesses
from careers.selectors import businesses as selectors
from careers.services.businesses import (
    BusinessError,
    business_create,
    business_update,
    check_record,
    founder_add,
    founder_remove,
)
from core.dates import add_months


def staff_only(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_record_businesses(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def business_page(view):
    """Load the business from the URL among the user's bases' (404 else)."""

    @staff_only
    @wraps(view)
    def wrapper(request, pk: int, *args, **kwargs):
        business = selectors.business_get(business_base_ids(request.user), pk)
        if business is None:
            raise Http404
        return view(request, business, *args, **kwargs)

    return wrapper


def _put_problems(form, error: BusinessError) -> None:
    for field, message in error.problems.items():
        form.add_error(field if field in form.fields else None, message)


@staff_only
def business_list(request: HttpRequest) -> HttpResponse:
    base_ids = business_base_ids(request.user)
    businesses = list(selectors.businesses_at(base_ids))
    today = timezone.localdate()
    return render(
        request,
        "careers/business_list.html",
        {
            "businesses": businesses,
            "due": selectors.due_checks(businesses, today),
            "bases": list(selectors.incubation_bases(base_ids)),
        },
    )


@staff_only
@require_http_methods(["GET", "POST"])
def business_add(request: HttpRequest) -> HttpResponse:
    bases = list(selectors.incubation_bases(business_base_ids(request.user)))
    if not bases:
        raise PermissionDenied
    form = BusinessForm(request.POST or None, bases=bases)
    if request.method == "POST" and form.is_valid():
        founder = selectors.person_find(form.cleaned_data["founder"])
        if founder is None:
            form.add_error("founder", FOUNDER_NOT_FOUND)
        else:
            try:
                business = business_create(
                    actor=request.user,
                    base_id=form.cleaned_data["base"],
                    fields=form.business_fields(),
                    founders=[founder],
                )
            except BusinessError as error:
                _put_problems(form, error)
            else:
                messages.success(
                    request,
                    _("%(name)s is recorded.") % {"name": business.display_name},
                )
                return redirect("businesses:detail", pk=business.pk)
    return render(
        request,
        "careers/business_form.html",
        {"form": form, "business": None},
    )


@business_page
@require_http_methods(["GET", "POST"])
def business_edit(request: HttpRequest, business) -> HttpResponse:
    form = BusinessForm(
        request.POST or None,
        bases=[],
        editing=True,
        initial=BusinessForm.initial_for(business),
    )
    if request.method == "POST" and form.is_valid():
        try:
            business_update(
                actor=request.user, business=business, fields=form.business_fields()
            )
        except BusinessError as error:
            _put_problems(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("businesses:detail", pk=business.pk)
    return render(
        request,
        "careers/business_form.html",
        {"form": form, "business": business},
    )


ACTIONS = {
    "business.create": gettext_lazy("Business recorded"),
    "business.update": gettext_lazy("Details changed"),
    "business.founder_add": gettext_lazy("Trainee added"),
    "business.founder_remove": gettext_lazy("Trainee removed"),
    "business.check": gettext_lazy("Check recorded or changed"),
}


def _field_label(key: str) -> str:
    """A changed field's name in words: `check_12.operating` → "12 months:
    still operating"."""
    prefix, _dot, name = key.rpartition(".")
    model = BusinessCheck if prefix else IncubatedBusiness
    try:
        label = str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        label = name
    if prefix:
        months = int(prefix.removeprefix("check_"))
        return f"{BusinessCheck.Months(months).label}: {label}"
    return label


def _history(business) -> list[dict]:
    rows = []
    for entry in selectors.business_history(business):
        action = str(ACTIONS.get(entry.action, entry.action))
        fields = [_field_label(key) for key in entry.changes]
        rows.append(
            {
                "at": entry.at,
                "who": (entry.actor.name or entry.actor.email)
                if entry.actor
                else _("someone no longer known"),
                "what": f"{action} ({', '.join(fields)})"
                if entry.action in ("business.update", "business.check")
                else action,
            }
        )
    return rows


def _detail(request, business, founder_form=None) -> HttpResponse:
    today = timezone.localdate()
    checks = {check.months: check for check in business.checks.all()}
    due = {d.months: d for d in selectors.due_checks([business], today)}
    rows = [
        {
            "months": months,
            "label": BusinessCheck.Months(months).label,
            "check": checks.get(months),
            "due_on": add_months(business.registered_on, months),
            "due": due.get(months),
        }
        for months in selectors.CHECK_MONTHS
    ]
    return render(
        request,
        "careers/business_detail.html",
        {
            "business": business,
            "check_rows": rows,
            "founder_form": founder_form or FounderForm(),
            "history": _history(business),
        },
        status=400 if founder_form is not None and founder_form.errors else 200,
    )


@business_page
def business_detail(request: HttpRequest, business) -> HttpResponse:
    return _detail(request, business)


@business_page
@require_POST
def founder_add_view(request: HttpRequest, business) -> HttpResponse:
    form = FounderForm(request.POST)
    if form.is_valid():
        person = selectors.person_find(form.cleaned_data["founder"])
        if person is None:
            form.add_error("founder", FOUNDER_NOT_FOUND)
        else:
            added = founder_add(actor=request.user, business=business, person=person)
            messages.success(
                request,
                (
                    _("%(person)s is added.")
                    if added
                    else _("%(person)s was already behind this business.")
                )
                % {"person": person.name or person.email},
            )
            return redirect("businesses:detail", pk=business.pk)
    return _detail(request, business, founder_form=form)


@business_page
@require_POST
def founder_remove_view(request: HttpRequest, business, user_id: int) -> HttpResponse:
    try:
        founder_remove(actor=request.user, business=business, person_id=user_id)
    except BusinessError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The trainee is removed from this business."))
    return redirect("businesses:detail", pk=business.pk)


@business_page
@require_http_methods(["GET", "POST"])
def check_edit(request: HttpRequest, business, months: int) -> HttpResponse:
    if months not in selectors.CHECK_MONTHS:
        raise Http404
    existing = next((c for c in business.checks.all() if c.months == months), None)
    form = CheckForm(
        request.POST or None, initial=CheckForm.initial_for(existing, business)
    )
    if request.method == "POST" and form.is_valid():
        try:
            check_record(
                actor=request.user,
                business=business,
                months=months,
                fields=form.cleaned_data,
            )
        except BusinessError as error:
            _put_problems(form, error)
        else:
            messages.success(
                request,
                _("The %(check)s check is saved.")
                % {"check": BusinessCheck.Months(months).label},
            )
            return redirect("businesses:detail", pk=business.pk)
    return render(
        request,
        "careers/business_check.html",
        {
            "form": form,
            "business": business,
            "months": months,
            "label": BusinessCheck.Months(months).label,
            "due_on": add_months(business.registered_on, months),
            "existing": existing,
        },
    )
