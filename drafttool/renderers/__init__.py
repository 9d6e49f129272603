"""Renderers: model values in, documents out — terminal text, JSON, Markdown, HTML pages
(from the Jinja2 templates in `templates/`), Word files (`docx`, with `revisions` for
tracked changes).  Each module renders; none parses or touches a store.

What the renderers of long documents share lives here.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a long document is built.

    A long text makes hundreds of thousands of small objects, none of them in cycles, and
    each burst of allocations starts a collection that walks every live object — the
    rounds and the comparison included: at 20,000 paragraphs, half the time of the
    tracked-changes writer and of the HTML comparison."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
