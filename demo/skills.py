"""Skills on every demo course (by slug, in both languages), and the demo
certificates made before their courses had skills get them, as if issued
with them."""

from courses.models import CoursePage, Skill
from training.models import Certificate

COURSE_SKILLS = {
    "business-startup-basics": ["business-start-up", "bookkeeping-basics"],
    "customer-service-by-text-chat": ["text-chat-customer-service"],
    "data-entry-and-checking": ["data-entry"],
    "electronics-assembly-inspection": ["product-inspection"],
    "farm-produce-livestream": ["livestream-selling", "product-selection"],
    "front-desk-customer-service": ["front-desk-service"],
    "livestream-selling": ["livestream-selling"],
    "massage-studio-bookings-and-customers": [
        "front-desk-service",
        "bookkeeping-basics",
    ],
    "office-documents-and-spreadsheets": ["office-software", "data-entry"],
    "photographing-ethnic-crafts": ["product-photography"],
    "product-inspection": ["product-inspection"],
    "product-selection-and-online-marketing": [
        "product-selection",
        "online-shop-operation",
    ],
    "rural-online-shop": ["online-shop-operation"],
    "selling-handmade-crafts-online": ["online-shop-operation", "product-photography"],
    "short-video-editing": ["short-video-editing"],
    "short-video-planning-and-shooting": [
        "short-video-editing",
        "product-photography",
    ],
    "website-maintenance": ["website-maintenance"],
}


def seed_skills() -> None:
    skills = {skill.code: skill for skill in Skill.objects.all()}
    through = CoursePage.skills.through
    for course in CoursePage.objects.filter(slug__in=COURSE_SKILLS):
        wanted = {skills[code].pk for code in COURSE_SKILLS[course.slug]}
        have = set(
            through.objects.filter(coursepage=course).values_list("skill_id", flat=True)
        )
        if have != wanted:
            through.objects.filter(coursepage=course).delete()
            through.objects.bulk_create(
                [through(coursepage=course, skill_id=pk) for pk in sorted(wanted)]
            )
    missing = list(
        Certificate.objects.filter(skills=[]).select_related("enrolment__session")
    )
    by_course: dict[int, list[dict]] = {}
    for certificate in missing:
        course_id = certificate.enrolment.session.course_id
        if course_id not in by_course:
            by_course[course_id] = [
                {"code": s.code, "name": s.name, "name_en": s.name_en}
                for s in Skill.objects.filter(courses__pk=course_id).order_by("code")
            ]
        certificate.skills = by_course[course_id]
    Certificate.objects.bulk_update(missing, ["skills"], batch_size=500)
