import datetime

from django.core.management.base import BaseCommand, CommandError

from demo.load import (
    DEFAULT_SEED,
    LoadSize,
    load_data_generate,
    load_data_size,
    load_size_check,
    other_enrolments_count,
)

REFUSED = (
    "Not generating: this adds {enrolments} synthetic enrolments to the "
    "database and replaces any earlier load data. Run it again with --yes "
    "against a database meant for load tests."
)
OTHER_DATA = (
    "This database also holds {count} enrolments that are not load data: are "
    "you sure it is not a real one?"
)


class Command(BaseCommand):
    help = (
        "Create synthetic learner records at federation scale for load tests "
        "(bulk inserts; replaces earlier load data, leaves everything else). "
        "Never run it against a database holding real data."
    )

    def add_arguments(self, parser):
        defaults = LoadSize()
        for name in ("bases", "sessions", "trainees", "enrolments", "progress"):
            parser.add_argument(
                f"--{name}",
                type=int,
                default=getattr(defaults, name),
                help=f"How many {name} (default {getattr(defaults, name)}).",
            )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
        parser.add_argument(
            "--courses-per-base",
            type=int,
            default=3,
            help="Course pages to build at each base (default 3).",
        )
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help="The day to plan from, YYYY-MM-DD (default: today).",
        )
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Confirm that this database is for load tests.",
        )

    def handle(self, *args, **options):
        size = LoadSize(
            bases=options["bases"],
            sessions=options["sessions"],
            trainees=options["trainees"],
            enrolments=options["enrolments"],
            progress=options["progress"],
        )
        try:
            load_size_check(size)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if not options["yes"]:
            others = other_enrolments_count()
            if others:
                self.stderr.write(OTHER_DATA.format(count=others))
            raise CommandError(REFUSED.format(enrolments=size.enrolments))
        self.stdout.write(
            f"Generating {size.bases} bases, {size.sessions} sessions, "
            f"{size.trainees} trainees, {size.enrolments} enrolments and "
            f"{size.progress} lesson progress rows (seed {options['seed']})"
        )
        try:
            load_data_generate(
                size=size,
                seed=options["seed"],
                today=options["today"],
                courses_per_base=options["courses_per_base"],
                log=self.stdout.write,
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        found = load_data_size()
        self.stdout.write(self.style.SUCCESS(f"Done: {found}"))
