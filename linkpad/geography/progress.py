"""A one-line progress bar on stderr for long management commands, with no dependency.

On a terminal it redraws one line per stage; in a log (CI, cron, a pipe) it writes one line when
each stage finishes, so the log is not flooded with carriage returns.
"""

import sys
import time
from typing import TextIO

BAR_WIDTH = 30


class TextProgress:
    """Call as progress(stage, done, total), the shape geography_load expects."""

    def __init__(self, stream: TextIO | None = None, *, interactive: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.interactive = self.stream.isatty() if interactive is None else interactive
        self.stage: str | None = None
        self.stage_started = time.perf_counter()
        self.last_drawn = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if stage != self.stage:
            self.finish()
            self.stage, self.stage_started, self.last_drawn = stage, now, 0.0
        finished = total > 0 and done >= total
        if self.interactive and (finished or now - self.last_drawn >= 0.1):
            self.stream.write("\r" + self._line(stage, done, total) + "\033[K")
            self.stream.flush()
            self.last_drawn = now
        if finished:
            self.finish()

    def finish(self) -> None:
        """End the current stage's line (called automatically when a stage completes)."""
        if self.stage is None:
            return
        elapsed = time.perf_counter() - self.stage_started
        if self.interactive:
            self.stream.write(f"  {elapsed:.1f} s\n")
        else:
            self.stream.write(f"{self.stage}: done in {elapsed:.1f} s\n")
        self.stream.flush()
        self.stage = None

    @staticmethod
    def _line(stage: str, done: int, total: int) -> str:
        if total <= 0:
            return f"{stage} ..."
        filled = BAR_WIDTH * done // total
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        return f"{stage:<34} [{bar}] {100 * done // total:>3}% {done:,}/{total:,}"
