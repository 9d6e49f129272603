"""The exception family and the warning type.

Every fatal problem with a user's input is a `DrafttoolError` that carries the place
(file, and line or paragraph) and says how to fix it; `str(error)` is the one line the CLI
prints.  Recoverable problems are `Notice` values returned beside a result, never printed
by the library (as mammoth's `Result` carries messages beside its value).
"""

from __future__ import annotations

from dataclasses import dataclass


class DrafttoolError(Exception):
    """Root of drafttool's exceptions: catch this to catch them all."""

    def __init__(self, message: str, *, path: object = None, place: object = None) -> None:
        self.message = message
        self.path = None if path is None else str(path)
        self.place = None if place is None else str(place)
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = self.path or ""
        if self.place:
            where = f"{where}:{self.place}" if where else str(self.place)
        return f"{where}: {self.message}" if where else self.message


class InputError(DrafttoolError):
    """A document given to a reader cannot be read (not a docx, undecodable, empty…)."""


class StoreError(DrafttoolError):
    """A negotiation store on disk is missing, inconsistent or not of our schema."""


class NotFoundError(DrafttoolError):
    """A round, paragraph, proposal or delegation named by the user does not exist."""


class ProposalError(DrafttoolError):
    """A proposal cannot be recorded or applied (missing anchor, conflict…)."""


@dataclass(frozen=True, slots=True)
class Notice:
    """A warning: something recovered from or guessed, reported beside the result.

    Not named `Warning` so as not to shadow the builtin in modules that import it.
    """

    message: str
    """What happened and what was done about it."""
    path: str | None = None
    """The file concerned, if any."""
    place: str | None = None
    """Line, paragraph label or id within the file."""

    def __str__(self) -> str:
        where = self.path or ""
        if self.place:
            where = f"{where}:{self.place}" if where else self.place
        return f"{where}: warning: {self.message}" if where else f"warning: {self.message}"
