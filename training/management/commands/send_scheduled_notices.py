"""The one scheduled command for time-based notices (run it every 15 minutes
or hourly from cron or a systemd timer; safe to run twice): offers about to
lapse, offers lapsed (withdrawn, the seat offered to the next), tomorrow's
meetings, follow-ups due, and failed deliveries retried."""

from django.core.management.base import BaseCommand

from training.notices import scheduled_notices_send


class Command(BaseCommand):
    help = "Send time-based notices and retry failed deliveries."

    def handle(self, *args, **options):
        counts = scheduled_notices_send()
        if options["verbosity"]:
            for name, count in counts.items():
                self.stdout.write(f"{name}: {count}")
