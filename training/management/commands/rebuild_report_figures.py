"""Count the federation dashboard's kept figures (training.models.
SessionFigures) afresh from the records, in one transaction; or, with
--check, only compare them and exit non-zero listing the sessions that
differ. Run it after writes that bypass the training services (bulk loads,
restores); generate_load_data and seed_demo run it themselves."""

from django.core.management.base import BaseCommand, CommandError

from training.selectors.figures import sessions_differing
from training.services.figures import figures_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the dashboard's per-session figures from the records "
        "(--check: compare only, exit 1 when they differ)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Compare the kept figures with the records without changing them.",
        )

    def handle(self, *args, **options):
        if options["check"]:
            differing = sessions_differing()
            if differing:
                shown = ", ".join(str(pk) for pk in differing[:50])
                more = f" and {len(differing) - 50} more" if len(differing) > 50 else ""
                raise CommandError(
                    f"The kept figures of {len(differing)} sessions differ from "
                    f"their records (sessions {shown}{more}). Run "
                    "manage.py rebuild_report_figures."
                )
            self.stdout.write("The kept figures agree with the records.")
            return
        rows = figures_rebuild()
        self.stdout.write(f"Rebuilt the dashboard's figures ({rows} rows).")
