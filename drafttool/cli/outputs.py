"""Commands that write the documents people hold: compile (the compilation text) and
redline (a Word file with tracked changes)."""

from __future__ import annotations
