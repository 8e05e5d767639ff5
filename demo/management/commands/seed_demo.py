from django.core.management.base import BaseCommand

from demo.courses import seed_courses
from demo.federation import seed_federation
from demo.people import DEMO_PASSWORD, seed_people
from demo.quizzes import seed_quizzes
from demo.site import seed_site
from demo.training import seed_training


class Command(BaseCommand):
    help = (
        "Load the demo federation: bases, people, pages, courses, sessions, "
        "outcomes, reporting periods and barrier reports. Safe to run again."
    )

    def handle(self, *args, **options):
        logins = seed_people()
        seed_site()
        seed_courses()
        seed_quizzes()
        seed_training()
        seed_federation()
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for login in logins:
            self.stdout.write(f"  {login.role:<50} {login.email}")
        self.stdout.write(
            "  More: instructor01..17, manager01..17, trainee01..12 and "
            "learner0001..0640 @demo.example.org"
        )
