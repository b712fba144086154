"""Progress of long commands: a bar with counts and rate on a terminal, plain lines otherwise.

    progress = Progress(self.stderr, total=lines, label="Importing")
    for ...:
        progress.advance()
    progress.finish()

On a terminal the bar is redrawn in place at most a few times a second; when
the output is a file or a pipe (a log, CI), one plain line is written every
``every`` seconds, so that a log shows the work moving without filling up.
"""

import sys
import time

#: Seconds between two plain lines when the output is not a terminal.
PLAIN_EVERY = 10
#: Seconds between two redraws of the bar on a terminal.
BAR_EVERY = 0.2
BAR_WIDTH = 30


def is_terminal(stream):
    stream = getattr(stream, "_out", stream)  # Django's OutputWrapper
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    """Counts work done and reports it on ``stream``; ``total`` may be unknown (None)."""

    def __init__(self, stream=None, total=None, label="Working", unit="lines", every=None, clock=time.monotonic):
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        self.label = label
        self.unit = unit
        self.clock = clock
        self.terminal = is_terminal(self.stream)
        self.every = every if every is not None else (BAR_EVERY if self.terminal else PLAIN_EVERY)
        self.done = 0
        self.started = self.last_report = clock()
        self.reported = False

    def advance(self, count=1):
        self.done += count
        if self.clock() - self.last_report >= self.every:
            self.report()

    def set(self, done):
        self.advance(done - self.done)

    def rate(self):
        elapsed = self.clock() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    def text(self):
        counts = f"{self.done}/{self.total}" if self.total else f"{self.done}"
        elapsed = self.clock() - self.started
        return f"{self.label}: {counts} {self.unit}, {self.rate():.0f} {self.unit}/s, {elapsed:.0f} s"

    def bar(self):
        if not self.total:
            return self.text()
        filled = min(BAR_WIDTH, int(BAR_WIDTH * self.done / self.total))
        percent = min(100, 100 * self.done // self.total)
        return f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {percent:3d}% {self.text()}"

    def report(self):
        self.last_report = self.clock()
        self.reported = True
        if self.terminal:
            self._write(f"\r{self.bar()}", end="")
        else:
            self._write(self.text())

    def finish(self):
        """Write the final count (ending the bar's line on a terminal)."""
        if self.terminal:
            self._write(f"\r{self.bar()}")
        elif self.reported or self.done:
            self._write(self.text())

    def _write(self, text, end="\n"):
        write = self.stream.write
        try:
            write(text, ending=end)  # Django's OutputWrapper
        except TypeError:
            write(text + end)
        flush = getattr(self.stream, "flush", None)
        if flush:
            flush()


class NoProgress:
    """Stands in for :class:`Progress` where nobody watches (tests, the admin's own job)."""

    done = 0

    def advance(self, count=1):
        self.done += count

    def set(self, done):
        self.done = done

    def finish(self):
        pass
