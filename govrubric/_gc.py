"""A pause of Python's cyclic garbage collector around work that builds many long-lived objects."""
from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def no_cyclic_gc():
    """Parsing, checking and lint allocate tens of thousands of objects that all stay alive until the
    stage ends; the cyclic collector would walk them again and again for nothing (a 10,000-item rubric
    checked in 10.0 s with it, 3.5 s without: docs/robustness.md). Reference counting still frees
    everything, and the collector runs again afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
