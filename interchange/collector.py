"""Long work (an import, an export) and Python's garbage collector.

A full collection scans every object the process holds: in a Django process
some hundreds of thousands (modules, models, registries, caches), none of which
an import or an export frees. An import allocates enough to run full
collections as it goes, each scanning them all again. :func:`old_objects_set_aside` keeps the objects that exist when the work
starts out of the collector's sight (``gc.freeze``) and gives them back after
(``gc.unfreeze``): the collections in between scan what the work allocated.
What the work drops is collected as before, the objects set aside are
collectable again at the end, and garbage from before is collected first.
"""

import gc
import threading
from contextlib import contextmanager

_depth = threading.local()


@contextmanager
def old_objects_set_aside():
    """Run the block with the process's existing objects out of the garbage collector's scans."""
    outermost = not getattr(_depth, "value", 0)
    _depth.value = getattr(_depth, "value", 0) + 1
    if outermost:
        # Garbage of earlier work (promoted to the oldest generation, not yet collected) would be set
        # aside with the rest and outlive this work too: in a worker running imports one after another,
        # it would pile up. One full collection first keeps the process's memory flat.
        gc.collect()
        gc.freeze()
    try:
        yield
    finally:
        _depth.value -= 1
        if outermost:
            gc.unfreeze()
