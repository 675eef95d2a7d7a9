import os
import shutil
import subprocess
import sys

from django.conf import settings
from django.core.management import BaseCommand, call_command


class Command(BaseCommand):
    help = "Serve Linkpad over HTTP (HOST and PORT, default 127.0.0.1:8000; gunicorn unless DEBUG is on)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")))

    def handle(self, *args, host, port, workers, **options):
        self.stdout.write(f"Linkpad is at http://{host}:{port}/  (press Ctrl+C to stop)")
        if settings.DEBUG:
            call_command("runserver", f"{host}:{port}", use_reloader=False)
            return
        gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or "gunicorn"
        args = [
            gunicorn,
            "linkpad.config.wsgi",
            f"--bind={host}:{port}",
            f"--workers={workers}",
            "--access-logfile=-",
        ]
        raise SystemExit(subprocess.call(args))  # noqa: S603 - fixed program and arguments
