"""What a job-ready profile shares (careers.selectors.profiles): only what
the trainee chose, adjustments only while still among their needs, nothing
about who they are, and a fixed number of queries per page."""

import datetime
import itertools
import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from accounts.services import access_needs_consent_withdraw
from careers.models import JobProfile, ProfileRevocation, WorkKind
from careers.selectors.profiles import (
    PAYLOAD_KEYS,
    profile_payload,
    profile_payloads,
    shared_profiles,
)
from careers.services.profiles import (
    ADJUSTMENT_NOT_A_NEED,
    job_profile_share,
    job_profile_withdraw,
)
from tests.careers import profiles_world as world
from tests.factories.accounts import StaffRoleFactory, UserFactory
from training.models import Certificate

pytestmark = pytest.mark.django_db

NAME = "王小明"
EMAIL = "wang.xiaoming@example.org"
PHONE = "13800001234"
NOTE = "我需要安静的工作环境。"


@pytest.fixture
def trainee(site_pages):
    person = UserFactory(name=NAME, email=EMAIL, phone=PHONE)
    live = world.skill("zz-live", "直播带货测试", "Livestream test")
    video = world.skill("zz-video", "短视频测试", "Short video test")
    world.completed_course(person, skills=[live, video], title="直播课程")
    world.completed_course(person, skills=[video], title="视频课程", certificate=False)
    world.needs(person, "screen_reader", "captions", "extra_time")
    return person


def _share(person, **choices):
    defaults = {
        "work_kinds": [],
        "district": "",
        "share_certificates": False,
        "shared_adjustments": [],
        "adjustments_note": "",
    }
    return job_profile_share(user=person, **{**defaults, **choices})


def _values(value) -> list:
    if isinstance(value, dict):
        return [v for item in value.values() for v in _values(item)]
    if isinstance(value, list):
        return [v for item in value for v in _values(item)]
    return [value]


def _text(payload) -> str:
    return json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False)


def test_the_payload_has_exactly_the_agreed_keys_and_nothing_about_the_person(
    trainee,
):
    profile = _share(
        trainee,
        work_kinds=[WorkKind.REMOTE],
        district="渝中区",
        share_certificates=True,
        shared_adjustments=["captions"],
        adjustments_note=NOTE,
    )
    payload = profile_payload(profile)
    assert tuple(payload) == PAYLOAD_KEYS
    assert payload["id"] == str(profile.public_id)
    assert isinstance(payload["updated_at"], datetime.datetime)
    assert payload["updated_at"].tzinfo is not None
    text = _text(payload)
    for secret in (NAME, EMAIL, PHONE, "visual"):
        assert secret not in text
    assert trainee.pk not in _values(payload)
    assert str(trainee.pk) not in _values(payload)
    assert payload["skills"] == [
        {"code": "zz-live", "name_zh": "直播带货测试", "name_en": "Livestream test"},
        {"code": "zz-video", "name_zh": "短视频测试", "name_en": "Short video test"},
    ]
    (certificate,) = payload["certificates"]
    issued = Certificate.objects.get(enrolment__trainee=trainee)
    assert certificate == {
        "code": issued.code,
        "course_zh": "直播课程",
        "course_en": issued.course_title_en,
        "issued_on": issued.issued_at.date(),
        "verify_path": f"/verify/{issued.code}/",
    }
    assert payload["adjustments"][0]["code"] == "captions"
    assert payload["adjustments"][0]["label_en"].startswith("Captions")


CHOICES = {
    "work_kinds": ([], [WorkKind.REMOTE, WorkKind.FLEXIBLE]),
    "district": ("", "江北区"),
    "share_certificates": (False, True),
    "shared_adjustments": ([], ["screen_reader", "extra_time"]),
    "adjustments_note": ("", NOTE),
}


def test_only_chosen_fields_appear_in_every_combination(trainee):
    for combination in itertools.product((0, 1), repeat=len(CHOICES)):
        choices = {
            field: options[pick]
            for (field, options), pick in zip(CHOICES.items(), combination, strict=True)
        }
        payload = profile_payload(_share(trainee, **choices))
        assert payload["work_kinds"] == choices["work_kinds"]
        assert payload["district"] == choices["district"]
        assert payload["adjustments_note"] == choices["adjustments_note"]
        assert bool(payload["certificates"]) is choices["share_certificates"]
        assert [a["code"] for a in payload["adjustments"]] == choices[
            "shared_adjustments"
        ]
        text = _text(payload)
        for code in {"screen_reader", "captions", "extra_time"} - set(
            choices["shared_adjustments"]
        ):
            assert code not in text
        if not choices["share_certificates"]:
            assert "/verify/" not in text


def test_an_adjustment_that_is_not_a_need_is_refused(trainee):
    with pytest.raises(Exception) as error:
        _share(trainee, shared_adjustments=["sign_language"])
    assert ADJUSTMENT_NOT_A_NEED % {"codes": "sign_language"} in str(error.value)
    assert not JobProfile.objects.filter(user=trainee, opted_in=True).exists()


def test_withdrawing_consent_drops_every_adjustment_at_once(trainee):
    profile = _share(trainee, shared_adjustments=["captions", "screen_reader"])
    assert len(profile_payload(profile)["adjustments"]) == 2
    access_needs_consent_withdraw(user=trainee)
    profile = JobProfile.objects.get(user=trainee)
    assert profile.shared_adjustments == []
    assert profile_payload(shared_profiles().get())["adjustments"] == []


def test_a_need_removed_later_is_not_shared_even_before_the_profile_changes(trainee):
    profile = _share(trainee, shared_adjustments=["captions", "screen_reader"])
    trainee.access_needs.captions = False
    trainee.access_needs.save()
    payload = profile_payload(shared_profiles().get())
    assert [a["code"] for a in payload["adjustments"]] == ["screen_reader"]
    assert profile.shared_adjustments == ["screen_reader", "captions"]


def test_withdrawing_revokes_at_once_and_a_new_opt_in_is_a_new_record(trainee):
    first = _share(trainee, work_kinds=[WorkKind.ON_SITE], district="渝中区")
    old_id = first.public_id
    assert job_profile_withdraw(user=trainee) is True
    assert shared_profiles().count() == 0
    profile = JobProfile.objects.get(user=trainee)
    assert profile.public_id != old_id
    assert not profile.opted_in and profile.opted_in_at is None
    assert profile.work_kinds == [] and profile.district == ""
    revocation = ProfileRevocation.objects.get()
    assert revocation.public_id == old_id
    assert timezone.now() - revocation.revoked_at < datetime.timedelta(minutes=1)
    assert job_profile_withdraw(user=trainee) is False
    assert ProfileRevocation.objects.count() == 1
    again = _share(trainee, work_kinds=[WorkKind.REMOTE])
    assert profile_payload(again)["id"] == str(profile.public_id) != str(old_id)


def test_saving_the_same_choices_again_changes_nothing(trainee):
    first = _share(trainee, district="渝中区")
    second = _share(trainee, district="渝中区")
    assert second.updated_at == first.updated_at
    assert second.opted_in_at == first.opted_in_at


def test_revoked_certificates_are_not_shared(trainee):
    Certificate.objects.filter(enrolment__trainee=trainee).update(
        revoked_at=timezone.now(), revoked_reason="issued in error"
    )
    profile = _share(trainee, share_certificates=True)
    assert profile_payload(profile)["certificates"] == []


def test_only_active_trainees_who_opted_in_are_listed(site_pages):
    shown = UserFactory()
    _share(shown, district="A")
    never = UserFactory()
    JobProfile.objects.create(user=never)
    inactive = UserFactory(is_active=False)
    JobProfile.objects.create(user=inactive, opted_in=True)
    staff = UserFactory()
    StaffRoleFactory(user=staff)
    JobProfile.objects.create(user=staff, opted_in=True)
    anonymised = UserFactory(email="anonymised-1@anonymised.invalid")
    JobProfile.objects.create(user=anonymised, opted_in=True)
    assert [p.user for p in shared_profiles()] == [shown]


def test_changed_since_and_order(site_pages):
    people = [UserFactory() for _ in range(3)]
    for person in people:
        _share(person, district="A")
    middle = JobProfile.objects.get(user=people[1])
    listed = list(shared_profiles(changed_since=middle.updated_at))
    assert [p.user for p in listed] == [people[2]]
    assert [p.user for p in shared_profiles()] == people


def _population(count: int):
    for number in range(count):
        person = UserFactory()
        skill = world.skill(f"zz-s{number}", f"技能{number}", f"Skill {number}")
        world.completed_course(person, skills=[skill], title=f"课程{number}")
        world.needs(person, "captions")
        _share(
            person,
            share_certificates=True,
            shared_adjustments=["captions"],
            work_kinds=[WorkKind.REMOTE],
        )


def test_a_page_of_profiles_costs_the_same_queries_at_two_sizes(
    site_pages, django_assert_num_queries
):
    _population(2)
    with django_assert_num_queries(3):
        small = profile_payloads(shared_profiles())
    _population(4)
    with django_assert_num_queries(3):
        large = profile_payloads(shared_profiles())
    assert len(small) == 2 and len(large) == 6
    # Profiles fetched without the selector: one query each for the profiles,
    # their users, access needs, enrolments and the courses' skills.
    profiles = list(JobProfile.objects.all())
    with django_assert_num_queries(4):
        profile_payloads(profiles)


def test_a_new_certificate_or_changed_needs_count_as_a_change(
    trainee, django_capture_on_commit_callbacks
):
    _share(trainee, district="渝中区")
    before = JobProfile.objects.get(user=trainee).updated_at
    skill = world.skill("zz-new", "新技能测试", "New skill test")
    with django_capture_on_commit_callbacks(execute=True):
        world.completed_course(trainee, skills=[skill], title="新课程")
    assert list(shared_profiles(changed_since=before))
    after = JobProfile.objects.get(user=trainee).updated_at
    trainee.access_needs.captions = False
    trainee.access_needs.save()
    assert list(shared_profiles(changed_since=after))
    skills = profile_payload(shared_profiles().get())["skills"]
    assert "zz-new" in [s["code"] for s in skills]
