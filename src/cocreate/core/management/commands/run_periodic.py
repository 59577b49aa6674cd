import signal
import time

from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from cocreate.core.periodic import PERIODIC_JOBS


class Command(BaseCommand):
    help = "Enqueue each periodic job on its interval (run beside the task worker, or once from cron with --once)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Enqueue every job once and exit.")

    def handle(self, *args, once=False, **options):
        running = True

        def stop(*_):
            nonlocal running
            running = False

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        due = dict.fromkeys(PERIODIC_JOBS, 0.0)
        while running:
            now = time.monotonic()
            for name, job in PERIODIC_JOBS.items():
                if now >= due[name]:
                    import_string(job.task_path).enqueue()
                    self.stdout.write(f"enqueued {name}")
                    due[name] = now + job.every_seconds
            if once:
                return
            time.sleep(1)
