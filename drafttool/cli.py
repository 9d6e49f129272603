"""The `drafttool` command: arguments in, one library call, output out.

Commands that work on a negotiation take its store folder first and act on the latest
round unless `--round` names another.  Bad input exits with code 2 and one line on
stderr; warnings go to stderr; results go to stdout or, atomically, to `-o FILE`.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import click

from drafttool.errors import DrafttoolError, Notice

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
            return command(*args, **kwargs)
        except DrafttoolError as error:
            raise BadInput(str(error)) from None

    return wrapper  # type: ignore[return-value]


def warn(notices: Iterable[Notice]) -> None:
    for notice in notices:
        click.echo(str(notice), err=True)


def write_output(text: str | bytes, output: str | None) -> None:
    """Write to stdout, or whole-or-nothing to a file."""
    if output is None or output == "-":
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
        else:
            click.echo(text, nl=False)
        return
    from drafttool.store import write_atomic

    write_atomic(Path(output), text)


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


@main.command()
@click.argument("store", type=click.Path(path_type=Path))
@click.option("--title", default="", help="Title of the text under negotiation.")
@click.option("--symbol", default="", help="Document symbol, e.g. E/CN.7/2024/L.2.")
@click.option("--language", default="", help="Language code of the text: ar, zh, en, fr, ru, es.")
@click.option("--note", default="", help="Free text kept with the negotiation (provenance…).")
@reports_errors
def init(store: Path, title: str, symbol: str, language: str, note: str) -> None:
    """Create an empty negotiation store in a new folder.

    \b
    Example:
      drafttool init drafts/cnd-2025 --title "High-level declaration" --language fr
    """
    from drafttool.store import create_store

    create_store(store, title=title, symbol=symbol, language=language, note=note)
    click.echo(f"created {store}")


@main.command("import")
@STORE
@click.argument("document", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--label", required=True, help="Label of the new round: 'Zero draft', 'Rev.1', 'Adopted'.")
@click.option("--date", default="", help="Date the round was issued (ISO, 2024-03-14).")
@click.option("--symbol", default="", help="Document symbol of this round.")
@click.option("--language", default="", help="Language code, if it cannot be told from the text.")
@click.option("--note", default="", help="A note kept with the round.")
@click.option("--tracked-changes", type=click.Choice(["accept", "reject"]), default="accept", show_default=True,
              help="How to read a Word file that already holds tracked changes.")
@reports_errors
def import_(store: Path, document: Path, label: str, date: str, symbol: str, language: str, note: str,
            tracked_changes: str) -> None:
    """Import a document (.md, .txt, .docx) as the newest round of a negotiation.

    Paragraphs found again in the previous round keep their ids, whatever their numbers.

    \b
    Example:
      drafttool import drafts/cnd-2024 rev1.docx --label Rev.1 --date 2024-02-20
    """
    from drafttool.operations import import_round
    from drafttool.readers import TrackedChanges

    imported = import_round(store, document, label=label, date=date, symbol=symbol, language=language,
                            note=note, tracked_changes=TrackedChanges(tracked_changes))
    warn(imported.notices)
    paragraphs = imported.round.paragraphs
    click.echo(f"imported {document} as {label!r}: {len(paragraphs)} paragraphs, "
               f"{len(imported.round.footnotes)} footnotes → {imported.file}")


@main.command()
@STORE
@reports_errors
def rounds(store: Path) -> None:
    """List the rounds of a negotiation, oldest first.

    \b
    Example:
      drafttool rounds drafts/cnd-2024
    """
    from drafttool.store import load_store

    negotiation = load_store(store)
    if not negotiation.rounds:
        click.echo("no rounds yet; add one with `drafttool import`")
    for number, round_ in enumerate(negotiation.rounds, start=1):
        facts = [f"{len(round_.paragraphs)} paragraphs", f"{len(round_.footnotes)} footnotes"]
        if round_.date:
            facts.insert(0, round_.date)
        click.echo(f"{number}. {round_.label} ({', '.join(facts)})")


@main.command()
@STORE
@ROUND
@click.option("--color/--no-color", default=None, help="Colour the output (default: when a terminal).")
@reports_errors
def show(store: Path, round_name: str | None, color: bool | None) -> None:
    """Show a round as readable text with labels and statuses.

    \b
    Example:
      drafttool show drafts/cnd-2024 --round Adopted
    """
    from drafttool.renderers.terminal import render_round_text
    from drafttool.store import load_store

    negotiation = load_store(store)
    round_ = negotiation.round(round_name)
    use_color = sys.stdout.isatty() if color is None else color
    click.echo(render_round_text(round_, color=use_color), nl=False, color=use_color)


@main.command()
@STORE
@ROUND
@click.option("--format", "format_", type=click.Choice(["json", "md"]), default="json", show_default=True)
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (atomically) instead of stdout.")
@reports_errors
def export(store: Path, round_name: str | None, format_: str, output: str | None) -> None:
    """Export a round as JSON (every field) or Markdown (that imports back the same).

    \b
    Example:
      drafttool export drafts/cnd-2024 --format json -o adopted.json
    """
    from drafttool.store import load_store

    negotiation = load_store(store)
    round_ = negotiation.round(round_name)
    if format_ == "json":
        from drafttool.renderers.json import render_round_json

        text = render_round_json(round_, negotiation)
    else:
        from drafttool.renderers.markdown import render_round_markdown

        text = render_round_markdown(round_)
    write_output(text, output)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "format_", type=click.Choice(["terminal", "json", "html"]), default="terminal",
              show_default=True)
@click.option("--view", type=click.Choice(["inline", "side-by-side"]), default="inline", show_default=True,
              help="HTML layout.")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (atomically) instead of stdout.")
@click.option("--check", is_flag=True, help="Exit 0 when the texts are the same, 1 when they differ.")
@click.option("--hide-typographic", is_flag=True, help="Do not show changes of typography only.")
@click.option("--all", "show_all", is_flag=True, help="Also list unchanged paragraphs (terminal).")
@click.option("--color/--no-color", default=None, help="Colour the terminal output (default: when a terminal).")
@click.option("--edit-threshold", type=float, default=None, help="Least similarity of an edited paragraph (0.4).")
@click.option("--move-threshold", type=float, default=None, help="Least similarity of a moved paragraph (0.5).")
@reports_errors
def diff(paths: tuple[Path, ...], format_: str, view: str, output: str | None, check: bool,
         hide_typographic: bool, show_all: bool, color: bool | None, edit_threshold: float | None,
         move_threshold: float | None) -> None:
    """Compare two rounds of a negotiation, or two documents.

    PATHS is STORE OLD NEW (two rounds, by label or number), STORE alone (the last two
    rounds), or FILE_A FILE_B (.md, .txt or .docx, no store needed). Paragraphs are paired
    across renumbering, moves, splits and merges; words are compared inside each pair.

    \b
    Examples:
      drafttool diff drafts/cnd-2024 "Zero draft" Rev.1
      drafttool diff rev1.docx rev2.docx --format html -o rev1-rev2.html
      drafttool diff old.md new.md --check
    """
    from drafttool.align import AlignOptions
    from drafttool.diff import DiffOptions, without_typographic
    from drafttool.operations import compare_files, compare_store_rounds
    from drafttool.store import is_store

    align = AlignOptions(**{k: v for k, v in (("edit_threshold", edit_threshold),
                                              ("move_threshold", move_threshold)) if v is not None})
    options = DiffOptions(align=align)
    if is_store(paths[0]) and len(paths) in (1, 3):
        compared = compare_store_rounds(paths[0], *(str(p) for p in paths[1:]), options=options)
    elif len(paths) == 2:
        compared = compare_files(paths[0], paths[1], options=options)
    else:
        raise BadInput("give STORE OLD NEW, STORE, or FILE_A FILE_B")
    warn(compared.notices)
    comparison = without_typographic(compared.comparison) if hide_typographic else compared.comparison
    if check:
        sys.exit(1 if comparison.changed else 0)
    if format_ == "json":
        from drafttool.renderers.json import render_comparison_json

        text = render_comparison_json(comparison, compared.old, compared.new)
    elif format_ == "html":
        from drafttool.renderers.html import render_comparison_html

        text = render_comparison_html(comparison, compared.old, compared.new, view=view)
    else:
        from drafttool.renderers.terminal import render_comparison_text

        use_color = (sys.stdout.isatty() and output is None) if color is None else color
        text = render_comparison_text(comparison, color=use_color, show_unchanged=show_all)
    write_output(text, output)


if __name__ == "__main__":  # pragma: no cover
    main()
