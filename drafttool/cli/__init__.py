"""The `drafttool` command: arguments in, one library call, output out.

The commands live in modules by subject (`rounds`, `compare`, `proposals`); this module
holds the group and what every command shares.

Commands that work on a negotiation take its store folder first and act on the latest
round unless `--round` names another.  Bad input exits with code 2 and one line on
stderr; warnings go to stderr; results go to stdout or, atomically, to `-o FILE`.
"""

from __future__ import annotations

import errno
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from drafttool.collector import collector_paused
from drafttool.errors import DrafttoolError
from drafttool.renderers.reports import Report

F = TypeVar("F", bound=Callable[..., Any])


class BadInput(click.ClickException):
    """Our errors, shown as one line, exit code 2 (0 and 1 are kept for `--check`)."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"drafttool: error: {self.format_message()}", err=True)


def reports_errors(command: F) -> F:
    """Turn drafttool's exceptions into a one-line message and exit code 2."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            # A command is one short process whose objects live to its end: the cyclic
            # collector, walking them again and again, would free nothing (a tenth of the
            # time of writing a comparison of 20,000 paragraphs as JSON).
            with collector_paused():
                return command(*args, **kwargs)
        except DrafttoolError as error:
            raise BadInput(str(error)) from None
        except OSError as error:
            # What the library did not foresee of the file system (a disk full, a folder
            # made read-only meanwhile) is still one line, naming the file.  A reader gone
            # (`| head -1`) is no error: click's own handling exits quietly.
            if error.errno in (None, errno.EPIPE):
                raise
            where = f"{error.filename}: " if error.filename else ""
            raise BadInput(f"{where}cannot be read or written: {error.strerror}") from None

    return wrapper  # type: ignore[return-value]


def emit(report: Report) -> None:
    """Print what a command reports, each line to stdout or stderr as the report says."""
    for line in report.lines:
        click.echo(line.text, err=line.error)


def write_output(text: str | bytes, output: str | None, *, color: bool | None = None) -> None:
    """Write to stdout, or whole-or-nothing to a file.  `color=True` keeps the colour codes
    when stdout is a pipe (`--color | less -R`); click would strip them otherwise."""
    if output is None or output == "-":
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
        else:
            click.echo(text, nl=False, color=color)
        return
    from drafttool.files import write_atomic

    target = output_file(output)
    try:
        write_atomic(target, text)
    except OSError as error:
        reason = "a part of the path is a file, not a folder" if isinstance(
            error, (NotADirectoryError, FileExistsError)) else error.strerror
        raise BadInput(f"{output}: cannot be written: {reason}") from None


def output_file(output: str) -> Path:
    """The file `-o` names, refused in one line when it cannot be a new regular file: a
    folder that does not exist is not made (a mistyped path would scatter outputs)."""
    from drafttool.files import not_regular

    target = Path(output)
    kind = not_regular(target)
    if kind is not None:
        raise BadInput(f"{output}: is {kind}; drafttool writes a new regular file and never replaces nor writes "
                       "through one: give another -o")
    if not target.parent.exists():
        existing = target.parent
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent
        if existing.exists() and not existing.is_dir():
            raise BadInput(f"{output}: cannot be written: a part of the path is a file, not a folder")
        raise BadInput(f"{output}: folder {target.parent} does not exist; create it first or give another -o")
    return target


def terminal_width() -> int:
    """The terminal's width for wrapping; 80 columns when the output is piped or a file."""
    if sys.stdout.isatty():
        import shutil  # on a terminal only: it imports the zlib, bz2 and lzma modules (2 ms)

        return max(40, shutil.get_terminal_size((80, 24)).columns)
    return 80


def use_color(color: bool | None, output: str | None) -> bool:
    """`--color` / `--no-color` as given; by default colour only on a terminal."""
    return (sys.stdout.isatty() and output is None) if color is None else color


STORE = click.argument("store", type=click.Path(file_okay=False, path_type=Path))
ROUND = click.option("--round", "round_name", metavar="ROUND", help="Round label or number (default: the latest).")


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="drafttool")
def main() -> None:
    """Negotiate a text together: rounds, proposals, compilation texts, comparisons.

    \b
    Example:
      drafttool show drafts/cnd-2024
    """


from drafttool.cli import compare, outputs, proposals, rounds  # noqa: E402,F401  (they register their commands)


def run() -> None:
    """The `drafttool` program: `main`, then an exit that leaves the interpreter standing.

    Tearing it down frees every module, class and object one by one (20 ms after a
    comparison of 2,000 paragraphs, 50 ms at 20,000): once the output is written and the
    standard streams flushed, nothing is left that needs it.  Library callers and tests
    call `main`, which returns or raises as click's commands do."""
    try:
        main()
    except SystemExit as done:
        code = done.code
    else:  # pragma: no cover - click's standalone mode always exits
        code = 0
    if not isinstance(code, int):
        if code is not None:
            print(code, file=sys.stderr)
        code = 0 if code is None else 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError:
            code = code or 1  # a reader gone (`| head -1`): what did not fit is lost, quietly
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
