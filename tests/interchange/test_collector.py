"""An import or an export keeps the process's existing objects out of the garbage collector's scans, and gives them back."""

import gc
import weakref

import pytest

from interchange.collector import old_objects_set_aside


def test_the_objects_are_set_aside_for_the_block_only_even_when_it_fails():
    assert gc.get_freeze_count() == 0
    with pytest.raises(ValueError), old_objects_set_aside():
        assert gc.get_freeze_count() > 0
        with old_objects_set_aside():
            pass
        # An inner block (an export inside a longer job) leaves the outer one's objects aside.
        assert gc.get_freeze_count() > 0
        raise ValueError
    assert gc.get_freeze_count() == 0


def test_what_the_block_drops_is_still_collected():
    class Node:
        pass

    with old_objects_set_aside():
        node = Node()
        node.self = node
        del node
        assert gc.collect() > 0


def test_garbage_from_before_is_collected_not_set_aside():
    class Node:
        pass

    node = Node()
    node.self = node
    alive = weakref.ref(node)
    del node
    with old_objects_set_aside():
        assert alive() is None
