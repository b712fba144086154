"""Reading an interchange file (``docs/content-format.md``): lines of bounded size, decoded as JSON objects.

A line longer than :data:`LINE_MAX_BYTES` is refused without being held whole;
every problem is reported as ``line N: field: message``.
"""

import json
from dataclasses import dataclass

#: A line's documented size limit (docs/content-format.md).
LINE_MAX_BYTES = 1024 * 1024


@dataclass(frozen=True, order=True)
class Problem:
    line: int
    field: str
    message: str

    def __str__(self):
        return f"line {self.line}: {self.field}: {self.message}"


class LongLine:
    """Stands for a line longer than :data:`LINE_MAX_BYTES`, which is never held whole."""

    def __init__(self, size):
        self.size = size


def bounded_lines(stream, limit=LINE_MAX_BYTES):
    """The lines of a binary ``stream`` (line ends included); a :class:`LongLine` for each one over ``limit`` bytes."""
    while line := stream.readline(limit + 1):
        if len(line) <= limit:
            yield line
            continue
        size = len(line)
        if not line.endswith(b"\n"):
            while chunk := stream.readline(limit):
                size += len(chunk)
                if chunk.endswith(b"\n"):
                    break
        yield LongLine(size)


def open_lines(path):
    """The lines of the file at ``path`` (see :func:`bounded_lines`), the file closed at the end."""
    with open(path, "rb") as stream:
        yield from bounded_lines(stream)


def _size(raw):
    if isinstance(raw, LongLine):
        return raw.size
    return len(raw) if isinstance(raw, bytes) else len(raw.encode("utf-8", "surrogatepass"))


def read_lines(lines):
    """Yield ``(line_number, item, problem)`` for each non-blank line of ``lines`` (bytes or str).

    ``item`` is the decoded JSON object, or None with ``problem`` saying why not.
    """
    for number, raw in enumerate(lines, start=1):
        size = _size(raw)
        if isinstance(raw, LongLine) or size > LINE_MAX_BYTES:
            message = f"is {size:,} bytes long; at most {LINE_MAX_BYTES:,} allowed"
            yield number, None, Problem(number, "line", message)
            continue
        if isinstance(raw, bytes):
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                yield number, None, Problem(number, "encoding", f"not UTF-8 text (byte {error.start + 1})")
                continue
        else:
            text = raw
        if number == 1:
            text = text.removeprefix("\ufeff")
        if not text.strip():
            continue
        try:
            item = json.loads(text)
        except (ValueError, RecursionError) as error:
            yield number, None, Problem(number, "json", f"invalid JSON ({str(error)[:120]})")
            continue
        if not isinstance(item, dict):
            yield number, None, Problem(number, "json", "each line must be a JSON object")
            continue
        yield number, item, None


def iter_items(lines):
    """The items of ``lines``, as ``(line_number, item)``, for a file already validated."""
    for number, item, _problem in read_lines(lines):
        yield number, item
