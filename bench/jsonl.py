"""Writing generated content-format files for the benchmarks."""

import json
from itertools import count, islice


def write_generated_items(path, generated_items, limit):
    """Write ``limit`` items to ``path`` as JSON Lines, drawing groups from
    ``generated_items(group)`` for group 0, 1, 2... until enough are written.

    Returns the number of lines written."""
    items = (item for group in count() for item in generated_items(group))
    written = 0
    with open(path, "w", encoding="utf-8") as stream:
        for item in islice(items, limit):
            stream.write(json.dumps(item, ensure_ascii=False) + "\n")
            written += 1
    return written
