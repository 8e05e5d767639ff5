"""Certificates: the owner's page and PDF, and the public check by code."""

import datetime
import io
import math
import re
import shutil
import subprocess
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from accounts.models import StaffRole
from tests.factories import training as training_factories
from tests.factories.accounts import StaffRoleFactory, TrainingBaseFactory, UserFactory
from tests.html import assert_accessible_shell, soup
from tests.shared_data import fresh, shared_data
from training import pdf as certificate_pdf
from training.models import Certificate
from training.selectors.certificates import (
    CODE_ALPHABET,
    CODE_LENGTH,
    PUBLIC_FIELDS,
    certificate_public,
    code_display,
    code_normalise,
)
from training.services.enrolment import enrolment_create
from training.services.progress import certificate_issue, new_certificate_code
from training.views.certificates import VERIFY_LIMIT, verify_url

pytestmark = pytest.mark.django_db

ISSUED = datetime.datetime(
    2026, 11, 20, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai")
)
COURSE_EN = "Livestream E-commerce Basics"
BASE_EN = "Yuzhong Vocational Training Base"


@pytest.fixture(scope="module")
def _session(django_db_setup, django_db_blocker):
    # Built once for the module (tests/shared_data.py); each test rolls back
    # to it and gets its own copy of the objects.
    with shared_data(django_db_blocker):
        base = TrainingBaseFactory(name="渝中区残疾人职业培训基地", name_en=BASE_EN)
        yield training_factories.session(base=base)


@pytest.fixture
def session(_session, db):
    return fresh(_session)


@pytest.fixture
def trainee():
    return UserFactory(name="张伟", email="zhang.wei@example.org")


def _certificate(session, trainee) -> Certificate:
    enrolment = enrolment_create(trainee=trainee, session=session, actor=trainee)
    certificate = certificate_issue(enrolment=enrolment, actor=trainee)
    Certificate.objects.filter(pk=certificate.pk).update(
        course_title_en=COURSE_EN, issued_at=ISSUED
    )
    certificate.refresh_from_db()
    return certificate


@pytest.fixture
def certificate(session, trainee):
    return _certificate(session, trainee)


def _url(name, code=None, language="zh-hans"):
    with translation.override(language):
        return reverse(name, args=[code] if code else [])


def _pdf_text(content: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(content))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def _embedded_fonts(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            names.add(str(font["/BaseFont"]))
    return names


# The trainee's page and PDF


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_owner_sees_the_certificate_with_easy_read_text_and_download(
    client, certificate, trainee, language
):
    client.force_login(trainee)
    response = client.get(_url("certificate_detail", certificate.code, language))
    assert response.status_code == 200
    doc = assert_accessible_shell(response, lang=language.replace("hans", "Hans"))
    main = doc.select_one("main")
    download = main.select_one(
        f'a[href="{_url("certificate_pdf", certificate.code, language)}"]'
    )
    assert download is not None and download.has_attr("download")
    assert "PDF" in download.get_text()
    easy_read = main.select_one(".certificate-easy-read")
    assert easy_read.select_one("h2") is not None
    sentences = [li.get_text(" ", strip=True) for li in easy_read.select("li")]
    assert len(sentences) >= 5
    course = easy_read.find("span", string=COURSE_EN if language == "en" else None)
    expected_lang = "en" if language == "en" else "zh-Hans"
    assert easy_read.select_one(f'span[lang="{expected_lang}"]') is not None
    if language == "en":
        assert course["lang"] == "en"
    text = main.get_text(" ", strip=True)
    assert "张伟" in text
    assert code_display(certificate.code) in text
    assert "渝中区残疾人职业培训基地" in text or BASE_EN in text


def test_owner_downloads_a_tagged_bilingual_pdf_with_real_text(
    client, certificate, trainee
):
    client.force_login(trainee)
    response = client.get(_url("certificate_pdf", certificate.code))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"certificate-{certificate.code}.pdf" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF-")

    reader, text = _pdf_text(response.content)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "zh-Hans"
    assert root["/MarkInfo"]["/Marked"], "a tagged PDF"
    assert "/StructTreeRoot" in root
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert "张伟" in reader.metadata.title

    squashed = re.sub(r"\s+", " ", text)
    for expected in [
        "张伟",
        certificate.course_title,
        COURSE_EN,
        "渝中区残疾人职业培训基地",
        BASE_EN,
        code_display(certificate.code),
        "2026",
    ]:
        assert expected in squashed, f"{expected!r} is not text in the PDF"
    assert "/verify/" in squashed.replace(" ", "")


def test_pdf_chinese_is_drawn_with_the_noto_cjk_font(client, certificate, trainee):
    client.force_login(trainee)
    reader, _ = _pdf_text(client.get(_url("certificate_pdf", certificate.code)).content)
    fonts = _embedded_fonts(reader)
    assert any("Noto" in name and "CJK" in name for name in fonts), (
        f"The certificate uses {sorted(fonts)}, not Noto CJK. "
        f"{certificate_pdf.FONT_HELP}"
    )


def test_a_cjk_font_is_installed():
    fc_list = shutil.which("fc-list")
    assert fc_list, "fontconfig's fc-list is missing; WeasyPrint needs fontconfig."
    families = subprocess.run(
        [fc_list, ":lang=zh", "family"], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"noto.*cjk", families, re.IGNORECASE), (
        f"No Noto CJK font: Chinese on certificates would be empty boxes. "
        f"{certificate_pdf.FONT_HELP}"
    )


def test_a_character_no_font_can_draw_fails_loudly_instead_of_drawing_boxes(
    certificate,
):
    certificate.trainee_name = "张\ue000伟"  # a private-use character: no glyph
    with pytest.raises(certificate_pdf.CertificateFontMissing, match="fonts-noto-cjk"):
        certificate_pdf.certificate_pdf_render(
            certificate=certificate, verify_url="http://testserver/verify/X/"
        )


def test_english_only_name_renders(client, session):
    trainee = UserFactory(name="Alex Chen")
    certificate = _certificate(session, trainee)
    client.force_login(trainee)
    _, text = _pdf_text(client.get(_url("certificate_pdf", certificate.code)).content)
    assert "Alex Chen" in text


# Who may see a certificate


def _instructor(base):
    return StaffRoleFactory(role=StaffRole.Role.INSTRUCTOR, base=base).user


def _manager(base):
    return StaffRoleFactory(role=StaffRole.Role.MANAGER, base=base).user


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("owner", True),
        ("other_trainee", False),
        ("instructor_here", True),
        ("manager_here", True),
        ("instructor_elsewhere", False),
        ("auditor", False),
        ("federation_admin", True),
    ],
)
@pytest.mark.parametrize("view", ["certificate_detail", "certificate_pdf"])
def test_certificate_permissions(
    client, certificate, session, trainee, who, allowed, view
):
    users = {
        "owner": lambda: trainee,
        "other_trainee": UserFactory,
        "instructor_here": lambda: _instructor(session.base),
        "manager_here": lambda: _manager(session.base),
        "instructor_elsewhere": lambda: _instructor(TrainingBaseFactory()),
        "auditor": lambda: (
            StaffRoleFactory(role=StaffRole.Role.AUDITOR, base=None).user
        ),
        "federation_admin": lambda: (
            StaffRoleFactory(role=StaffRole.Role.FEDERATION_ADMIN, base=None).user
        ),
    }
    client.force_login(users[who]())
    response = client.get(_url(view, certificate.code))
    assert response.status_code == (200 if allowed else 404)
    if not allowed:
        assert "张伟".encode() not in response.content
        assert_accessible_shell(response, lang="zh-Hans")


@pytest.mark.parametrize("view", ["certificate_detail", "certificate_pdf"])
def test_signed_out_people_are_asked_to_sign_in(client, certificate, view):
    response = client.get(_url(view, certificate.code))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_staff_see_whose_certificate_it_is(client, certificate, session):
    client.force_login(_instructor(session.base))
    doc = soup(client.get(_url("certificate_detail", certificate.code)))
    assert "张伟" in doc.h1.get_text()


# Public verification


def test_verification_form_is_a_get_form_with_a_labelled_field(client, site_pages):
    response = client.get(_url("certificate_verify"))
    assert response.status_code == 200
    doc = assert_accessible_shell(response, lang="zh-Hans")
    form = doc.select_one("main form")
    assert form["method"] == "get"
    field = form.select_one("input[name=code]")
    assert doc.select_one(f'label[for="{field["id"]}"]') is not None
    assert doc.select_one('meta[name="robots"][content="noindex"]') is not None


def test_typed_code_in_small_letters_with_dashes_leads_to_the_certificate(
    client, certificate
):
    typed = "-".join(certificate.code.lower()[i : i + 5] for i in range(0, 20, 5))
    response = client.get(_url("certificate_verify"), {"code": f"  {typed} "})
    assert response.status_code == 302
    assert response["Location"] == _url(
        "certificate_verify_code", code_display(certificate.code)
    )
    result = client.get(response["Location"])
    assert result.status_code == 200
    assert "张伟" in soup(result).select_one("main").get_text()


@pytest.mark.parametrize(
    "as_typed",
    [
        lambda code: code,
        lambda code: code.lower(),
        lambda code: code_display(code).lower(),
        lambda code: " ".join(code[i : i + 4] for i in range(0, 20, 4)),
        # Full-width letters from a Chinese input method, with a long dash.
        lambda code: "—".join(
            "".join(chr(ord(c) + 0xFEE0) for c in code[i : i + 10]) for i in (0, 10)
        ),
    ],
)
def test_verification_by_code_ignores_case_spaces_and_dashes(
    client, certificate, as_typed
):
    response = client.get(_url("certificate_verify_code", as_typed(certificate.code)))
    assert response.status_code == 200
    doc = assert_accessible_shell(response, lang="zh-Hans")
    assert "张伟" in doc.select_one("main").get_text()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_verified_page_shows_only_name_course_base_and_date(
    client, certificate, language
):
    response = client.get(_url("certificate_verify_code", certificate.code, language))
    doc = soup(response)
    facts = doc.select_one("main dl.certificate-facts")
    rows = facts.select("div")
    assert len(rows) == 4, "name, course, base and date; nothing else"
    values = [row.dd.get_text(" ", strip=True) for row in rows]
    assert values[0] == "张伟"
    assert certificate.course_title in values[1] and COURSE_EN in values[1]
    assert "渝中区残疾人职业培训基地" in values[2] and BASE_EN in values[2]
    assert "2026" in values[3] and "20" in values[3]
    main = doc.select_one("main").get_text(" ", strip=True)
    enrolment = certificate.enrolment
    for secret in [
        "zhang.wei@example.org",
        enrolment.session.name,
        enrolment.get_status_display(),
        enrolment.get_final_result_display() or "Passed",
    ]:
        assert secret not in main


def test_public_lookup_reads_only_the_public_fields(certificate):
    found = certificate_public(certificate.code)
    assert found.get_deferred_fields() >= {"enrolment_id"}
    assert set(PUBLIC_FIELDS) == {
        "code",
        "issued_at",
        "trainee_name",
        "course_title",
        "course_title_en",
        "base_name",
        "base_name_en",
        "skills",
        "revoked_at",
        "revoked_reason",
    }


def test_wrong_code_gets_a_neutral_message_and_a_form_to_try_again(client, certificate):
    wrong = new_certificate_code()
    response = client.get(_url("certificate_verify_code", wrong))
    assert response.status_code == 404
    doc = assert_accessible_shell(response, lang="zh-Hans")
    main = doc.select_one("main")
    assert "张伟" not in main.get_text()
    assert code_display(wrong) in main.get_text()
    field = main.select_one("form input[name=code]")
    assert field["value"] == code_display(wrong)


@pytest.mark.parametrize(
    "malformed", ["ABC", "0000-1111-OOOO-IIII-8888", "证书", "x" * 60]
)
def test_malformed_code_says_what_a_code_looks_like(client, site_pages, malformed):
    response = client.get(_url("certificate_verify_code", malformed))
    assert response.status_code == 404
    doc = assert_accessible_shell(response, lang="zh-Hans")
    assert "20" in doc.select_one("main").get_text()
    assert doc.select_one("main form input[name=code]") is not None


def test_malformed_code_in_the_form_shows_an_error_summary(client, site_pages):
    response = client.get(_url("certificate_verify", language="en"), {"code": "12"})
    assert response.status_code == 200
    doc = assert_accessible_shell(response, lang="en")
    summary = doc.select_one(".error-summary")
    assert summary is not None
    link = summary.select_one("a")
    assert link["href"] == "#id_code"
    field = doc.select_one("#id_code")
    assert field["value"] == "12"
    assert "id_code_error" in field.get("aria-describedby", "")


def test_empty_form_asks_for_the_code(client, site_pages):
    response = client.get(_url("certificate_verify", language="en"), {"code": ""})
    assert soup(response).select_one(".error-summary") is not None


def test_guessing_is_rate_limited_per_address(client, certificate):
    url = _url("certificate_verify_code", certificate.code)
    for _ in range(VERIFY_LIMIT):
        assert client.get(url, REMOTE_ADDR="10.0.0.7").status_code == 200
    limited = client.get(url, REMOTE_ADDR="10.0.0.7")
    assert limited.status_code == 429
    doc = assert_accessible_shell(limited, lang="zh-Hans")
    assert "张伟" not in doc.select_one("main").get_text()
    # Someone else is not held up.
    assert client.get(url, REMOTE_ADDR="10.0.0.8").status_code == 200


def test_printed_verification_url_opens_in_the_readers_language(
    client, certificate, trainee
):
    url = verify_url(certificate.code)
    assert url == f"https://lms.test/verify/{code_display(certificate.code)}/"
    response = client.get(
        url.removeprefix("https://lms.test"), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 302
    assert response["Location"] == _url(
        "certificate_verify_code", code_display(certificate.code), "en"
    )


# Codes


def test_codes_are_long_random_and_unambiguous():
    codes = {new_certificate_code() for _ in range(2000)}
    assert len(codes) == 2000
    for code in codes:
        assert len(code) == CODE_LENGTH
        assert set(code) <= set(CODE_ALPHABET)
    assert not set("01OI8") & set(CODE_ALPHABET), "no look-alike characters"
    assert CODE_LENGTH * math.log2(len(set(CODE_ALPHABET))) >= 96


def test_issued_certificate_codes_are_well_formed(certificate):
    assert code_normalise(certificate.code) == certificate.code
    assert code_normalise(code_display(certificate.code).lower()) == certificate.code
