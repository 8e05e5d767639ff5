from django.core.management.base import BaseCommand

from demo.api_clients import seed_api_client
from demo.businesses import seed_businesses
from demo.courses import seed_courses
from demo.federation import seed_federation
from demo.help import seed_help
from demo.job_profiles import seed_job_profiles
from demo.people import DEMO_PASSWORD, seed_people
from demo.quizzes import seed_quizzes
from demo.schedule import seed_schedule
from demo.site import seed_site
from demo.training import seed_training
from training.services.figures import figures_rebuild


class Command(BaseCommand):
    help = (
        "Load the demo federation: bases, people, pages, help, courses, "
        "sessions and their meetings, outcomes, reporting periods and barrier "
        "reports. Safe to run again."
    )

    def handle(self, *args, **options):
        logins = seed_people()
        seed_site()
        seed_help()
        seed_courses()
        seed_quizzes()
        seed_training()
        seed_schedule()
        seed_federation()
        seed_businesses()
        seed_job_profiles()
        # Some demo records are written in bulk (no signals): count the
        # federation dashboard's figures afresh.
        figures_rebuild()
        # The logins first: they are what a visitor needs to start.
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        width = max(len(login.role) for login in logins)
        for login in logins:
            self.stdout.write(f"  {login.role:<{width}}  {login.email}")
        self.stdout.write(
            "  More: instructor01..17, manager01..17, trainee01..12 and "
            "learner0001.. @demo.example.org"
        )
        # Last: the job platform's client reads the profiles seeded above.
        self.stdout.write(f"Job platform API token: {seed_api_client()}")
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
