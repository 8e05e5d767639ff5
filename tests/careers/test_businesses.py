"""Incubated businesses: who may see and record them, the rules, checks due,
the audit trail, personal data and query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from accounts import personal_data
from careers.forms.businesses import FOUNDER_NOT_FOUND
from careers.models import BusinessCheck, IncubatedBusiness
from careers.selectors import businesses as selectors
from careers.services import businesses as services
from tests.careers import businesses_world as world
from tests.careers.businesses_world import business, months_ago
from tests.html import soup
from training.models import AuditEntry

pytestmark = pytest.mark.django_db

LIST = "/en/teach/businesses/"
ADD = "/en/teach/businesses/add/"


@pytest.fixture
def w(site_pages):
    return world.build()


def _form(w, **changes):
    data = {
        "base": str(w.base.pk),
        "name": "山城手作",
        "name_en": "Mountain City Crafts",
        "registered_on": months_ago(1).isoformat(),
        "sector": "crafts",
        "services": ["helped_registration", "helped_tax"],
        "jobs_created": "3",
        "jobs_for_disabled": "2",
        "closed_on": "",
        "founder": w.trainee.email,
    }
    data.update(changes)
    return data


# Who -------------------------------------------------------------------------------


def test_staff_of_the_incubation_base_and_admins_see_the_list(client, w):
    mine = business(w.base, [w.trainee], registered_on=months_ago(2), name="本基地店")
    theirs = business(
        w.other_base, [w.trainee2], registered_on=months_ago(2), name="别的基地店"
    )
    for person in (w.manager, w.instructor):
        client.force_login(person)
        text = soup(client.get(LIST)).get_text(" ")
        assert "本基地店" in text and "别的基地店" not in text
    client.force_login(w.admin)
    text = soup(client.get(LIST)).get_text(" ")
    assert "本基地店" in text and "别的基地店" in text
    client.force_login(w.other_manager)
    assert client.get(f"/en/teach/businesses/{mine.pk}/").status_code == 404
    assert client.get(f"/en/teach/businesses/{theirs.pk}/").status_code == 200


def test_trainees_auditors_and_other_staff_are_refused(client, w):
    shop = business(w.base, [w.trainee], registered_on=months_ago(2))
    urls = [
        LIST,
        ADD,
        f"/en/teach/businesses/{shop.pk}/",
        f"/en/teach/businesses/{shop.pk}/edit/",
        f"/en/teach/businesses/{shop.pk}/checks/6/",
    ]
    for person in (w.trainee, w.auditor, w.plain_instructor):
        client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == 403, (person, url)
        assert client.post(ADD, _form(w)).status_code == 403
        assert (
            client.post(
                f"/en/teach/businesses/{shop.pk}/checks/6/",
                {"checked_on": months_ago(0).isoformat(), "operating": "yes"},
            ).status_code
            == 403
        )
    client.force_login(w.other_manager)
    response = client.post(
        f"/en/teach/businesses/{shop.pk}/edit/", _form(w, name="改名")
    )
    assert response.status_code == 404
    assert IncubatedBusiness.objects.filter(name="改名").count() == 0
    client.logout()
    assert client.get(LIST).status_code == 302  # to sign in


def test_staff_of_an_incubation_base_cannot_record_at_another(client, w):
    client.force_login(w.manager)
    response = client.post(ADD, _form(w, base=str(w.other_base.pk)))
    assert response.status_code == 200
    assert not IncubatedBusiness.objects.exists()


def test_teach_home_links_to_businesses_for_incubation_staff_only(client, w):
    client.force_login(w.instructor)
    assert "/en/teach/businesses/" in client.get("/en/teach/").content.decode()
    client.force_login(w.plain_instructor)
    assert "/en/teach/businesses/" not in client.get("/en/teach/").content.decode()


# Recording ------------------------------------------------------------------------


def test_recording_a_business_is_audited_and_keeps_input_on_error(client, w):
    client.force_login(w.instructor)
    response = client.post(ADD, _form(w, jobs_for_disabled="5"))
    assert response.status_code == 200
    page = soup(response)
    with translation.override("en"):
        message = services.business_problems(
            {"jobs_created": 3, "jobs_for_disabled": 5}, timezone.localdate()
        )["jobs_for_disabled"]
    assert message in page.select_one(".error-summary").get_text(" ")
    assert page.select_one("#id_name")["value"] == "山城手作"
    assert page.title.get_text().startswith("Error:")

    response = client.post(ADD, _form(w))
    shop = IncubatedBusiness.objects.get()
    assert response.status_code == 302
    assert response["Location"].startswith(f"/en/teach/businesses/{shop.pk}/")
    assert list(shop.founders.all()) == [w.trainee]
    assert shop.helped_registration and shop.helped_tax and not shop.helped_legal
    entry = AuditEntry.objects.get(object_type="incubatedbusiness")
    assert entry.actor == w.instructor and entry.base_id == w.base.pk
    assert entry.changes["name"] == [None, "山城手作"]


@pytest.mark.parametrize(
    "changes,field",
    [
        ({"founder": "nobody@example.org"}, "founder"),
        ({"registered_on": "15/03/2026"}, "registered_on"),
        ({"registered_on": "2026-02-30"}, "registered_on"),
        ({"name": ""}, "name"),
        ({"jobs_created": "-1"}, "jobs_created"),
        ({"jobs_created": "lots"}, "jobs_created"),
        ({"sector": "space"}, "sector"),
        ({"base": "999999"}, "base"),
        ({"base": "abc"}, "base"),
    ],
)
def test_bad_input_is_an_error_beside_the_field_never_a_500(client, w, changes, field):
    client.force_login(w.manager)
    response = client.post(ADD, _form(w, **changes))
    assert response.status_code == 200
    assert soup(response).select_one(f"#id_{field}_error, #id_{field}_0_error") or (
        field in response.context["form"].errors
    )
    assert not IncubatedBusiness.objects.exists()


def test_date_rules(w):
    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    problems = services.business_problems(
        {"registered_on": tomorrow, "jobs_created": 1, "jobs_for_disabled": 1}, today
    )
    assert set(problems) == {"registered_on"}
    problems = services.business_problems(
        {"registered_on": today, "closed_on": months_ago(1)}, today
    )
    assert set(problems) == {"closed_on"}
    shop = business(w.base, [w.trainee], registered_on=months_ago(7))
    with pytest.raises(services.BusinessError) as error:
        services.check_record(
            actor=w.manager,
            business=shop,
            months=6,
            fields={"checked_on": months_ago(8), "operating": True},
        )
    assert set(error.value.problems) == {"checked_on"}


def test_founder_unknown_says_so(client, w):
    client.force_login(w.manager)
    response = client.post(ADD, _form(w, founder="13899999999"))
    with translation.override("en"):
        assert str(FOUNDER_NOT_FOUND) in response.content.decode()
    client.post(ADD, _form(w, founder=w.trainee2.phone))
    assert list(IncubatedBusiness.objects.get().founders.all()) == [w.trainee2]


def test_founders_added_and_removed_but_never_the_last(client, w):
    shop = business(w.base, [w.trainee], registered_on=months_ago(2))
    client.force_login(w.manager)
    url = f"/en/teach/businesses/{shop.pk}/founders/"
    assert client.post(url, {"founder": w.trainee2.email}).status_code == 302
    assert client.post(url, {"founder": w.trainee2.email}).status_code == 302
    assert set(shop.founders.all()) == {w.trainee, w.trainee2}
    assert client.post(url, {"founder": "x@example.org"}).status_code == 400
    remove = f"/en/teach/businesses/{shop.pk}/founders/{w.trainee.pk}/remove/"
    assert client.post(remove).status_code == 302
    assert list(shop.founders.all()) == [w.trainee2]
    last = f"/en/teach/businesses/{shop.pk}/founders/{w.trainee2.pk}/remove/"
    client.post(last)
    assert list(shop.founders.all()) == [w.trainee2]
    actions = list(
        AuditEntry.objects.filter(object_id=shop.pk).values_list("action", flat=True)
    )
    assert sorted(actions) == ["business.founder_add", "business.founder_remove"]


def test_editing_changes_and_audits_only_what_changed(client, w):
    shop = business(w.base, [w.trainee], registered_on=months_ago(3), jobs_created=1)
    client.force_login(w.manager)
    data = _form(w, name=shop.name, registered_on=shop.registered_on.isoformat())
    data["jobs_created"] = "4"
    url = f"/en/teach/businesses/{shop.pk}/edit/"
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # again: nothing changes
    shop.refresh_from_db()
    assert shop.jobs_created == 4
    entries = AuditEntry.objects.filter(action="business.update")
    assert entries.count() == 1
    assert entries.get().changes["jobs_created"] == [1, 4]
    # The page shows the history in words.
    text = soup(client.get(f"/en/teach/businesses/{shop.pk}/")).get_text(" ")
    assert "Details changed" in text


# Checks ----------------------------------------------------------------------------


def test_recording_a_check_is_idempotent_and_audited(client, w):
    shop = business(w.base, [w.trainee], registered_on=months_ago(7))
    client.force_login(w.instructor)
    url = f"/en/teach/businesses/{shop.pk}/checks/6/"
    data = {
        "checked_on": months_ago(0).isoformat(),
        "operating": "yes",
        "jobs_created": "2",
        "jobs_for_disabled": "1",
        "notes": "生意不错",
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    check = BusinessCheck.objects.get()
    assert check.operating and check.jobs_created == 2
    shop.refresh_from_db()
    assert (shop.jobs_created, shop.jobs_for_disabled) == (2, 1)  # the latest
    assert check.recorded_by == w.instructor
    assert AuditEntry.objects.filter(action="business.check").count() == 1
    bad = client.post(url, data | {"jobs_for_disabled": "3"})
    assert bad.status_code == 200
    assert client.get(f"/en/teach/businesses/{shop.pk}/checks/7/").status_code == 404
    assert client.post(url, data | {"operating": ""}).status_code == 200


def test_checks_due_and_overdue(w):
    today = timezone.localdate()
    fresh = business(w.base, [w.trainee], registered_on=months_ago(3))
    just_due = business(w.base, [w.trainee], registered_on=months_ago(6, days=2))
    late = business(
        w.base, [w.trainee], registered_on=months_ago(14), checks=[(6, True)]
    )
    closed = business(
        w.base,
        [w.trainee],
        registered_on=months_ago(30),
        checks=[(6, True)],
        closed_on=months_ago(25),
    )
    all_done = business(
        w.base,
        [w.trainee],
        registered_on=months_ago(26),
        checks=[(6, True), (12, True), (24, True)],
    )
    due = selectors.due_checks(
        selectors.businesses_at({w.base.pk}).filter(
            pk__in=[fresh.pk, just_due.pk, late.pk, closed.pk, all_done.pk]
        ),
        today,
    )
    found = {(d.business.pk, d.months, d.overdue) for d in due}
    # `closed` closed 5 months after registration: no later check is due.
    assert found == {(just_due.pk, 6, False), (late.pk, 12, True)}


def test_the_list_shows_checks_due(client, w):
    business(w.base, [w.trainee], registered_on=months_ago(8), name="该检查的店")
    client.force_login(w.manager)
    page = soup(client.get(LIST))
    due = page.select_one("#due-heading").find_parent("section").get_text(" ")
    assert "该检查的店" in due and "Overdue" in due


# Personal data ---------------------------------------------------------------------


def test_the_personal_data_download_includes_the_businesses(w):
    business(
        w.base,
        [w.trainee],
        registered_on=months_ago(7),
        name="我的小店",
        checks=[(6, True)],
    )
    provider = next(
        p for p in personal_data.providers() if p.key == "careers.businesses"
    )
    with translation.override("en"):
        records = provider.records(w.trainee)
    assert len(records) == 1
    assert "我的小店" in records[0].values()
    assert provider.records(w.trainee2) == []


# Query counts ----------------------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_business_pages_use_a_fixed_number_of_queries(client, w):
    shop = business(
        w.base, [w.trainee], registered_on=months_ago(13), checks=[(6, True)]
    )
    services.check_record(
        actor=w.manager,
        business=shop,
        months=12,
        fields={"checked_on": months_ago(0), "operating": True},
    )
    client.force_login(w.manager)
    detail = f"/en/teach/businesses/{shop.pk}/"
    _queries(client, LIST)
    small = [_queries(client, LIST), _queries(client, detail)]
    for index in range(6):
        business(
            w.base,
            [w.trainee, w.trainee2],
            registered_on=months_ago(index * 5),
            checks=[(6, True)] if index > 1 else [],
            name=f"店 {index}",
        )
        shop.founders.add(w.trainee2)
        services.founder_add(actor=w.manager, business=shop, person=w.trainee2)
        services.business_update(
            actor=w.manager, business=shop, fields={"jobs_created": index + 1}
        )
    large = [_queries(client, LIST), _queries(client, detail)]
    assert small == large
