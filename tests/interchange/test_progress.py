"""Progress of long commands: a bar on a terminal, plain periodic lines otherwise."""

import io
import json

import pytest
from django.core.management import call_command

from core.progress import Progress


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_plain_lines_every_so_often_when_not_a_terminal():
    clock, stream = FakeClock(), io.StringIO()
    progress = Progress(stream, total=100, label="Importing", every=10, clock=clock)
    for _ in range(50):
        clock.now += 0.5
        progress.advance()
    progress.finish()
    lines = stream.getvalue().splitlines()
    # One line per 10 seconds of work, then the final count; never a carriage return.
    assert lines == [
        "Importing: 20/100 lines, 2 lines/s, 10 s",
        "Importing: 40/100 lines, 2 lines/s, 20 s",
        "Importing: 50/100 lines, 2 lines/s, 25 s",
    ]
    assert "\r" not in stream.getvalue()


def test_a_bar_redrawn_in_place_on_a_terminal():
    clock, stream = FakeClock(), Terminal()
    progress = Progress(stream, total=4, label="Importing", clock=clock)
    for _ in range(4):
        clock.now += 1
        progress.advance()
    progress.finish()
    output = stream.getvalue()
    assert output.count("\r") == 5 and output.endswith("\n")
    assert "[" + "#" * 30 + "] 100% Importing: 4/4 lines, 1 lines/s, 4 s" in output


def test_without_a_total_counts_and_rate_only():
    clock, stream = FakeClock(), io.StringIO()
    progress = Progress(stream, label="Exporting", unit="items", clock=clock)
    clock.now = 2
    progress.advance(10)
    progress.finish()
    assert stream.getvalue().splitlines()[-1] == "Exporting: 10 items, 5 items/s, 2 s"


@pytest.mark.django_db
def test_import_and_export_commands_report_their_progress(home_page, tmp_path):
    path = tmp_path / "content.jsonl"
    items = [
        {"id": "fund", "type": "organisation", "locale": "en", "title": "Pushkin Fund"},
        {"id": "fund", "type": "organisation", "locale": "nl", "title": "Poesjkinfonds"},
    ]
    path.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
    stderr = io.StringIO()
    call_command("import_content", str(path), stdout=io.StringIO(), stderr=stderr)
    assert "Importing: 2/2 lines" in stderr.getvalue()

    stderr = io.StringIO()
    call_command("export_content", str(tmp_path / "out.jsonl"), stderr=stderr)
    assert "Exporting: 2 items" in stderr.getvalue()


@pytest.mark.django_db
def test_update_index_reports_objects_per_model(home_page):
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("update_index", stdout=stdout, stderr=stderr)
    assert "home.HomePage: 1/1 objects" in stderr.getvalue()
    assert "indexed" in stdout.getvalue()
