"""Commands that compare texts and trace them: diff, blame, progress."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from drafttool.cli import ROUND, STORE, emit, main, reports_errors, terminal_width, use_color, write_output


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "format_", type=click.Choice(["terminal", "json", "html", "docx"]), default="terminal",
              show_default=True, help="docx: a Word comparison (static formatting), written with -o FILE.docx.")
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
      drafttool diff drafts/cnd-2024 Rev.1 Rev.2 --format docx -o rev1-rev2.docx
    """
    from drafttool.compare.align import AlignOptions
    from drafttool.compare.diff import DiffOptions
    from drafttool.operations import compare_paths
    from drafttool.renderers.registry import render
    from drafttool.renderers.reports import notices

    defaults = AlignOptions()
    align = AlignOptions(edit_threshold=defaults.edit_threshold if edit_threshold is None else edit_threshold,
                         move_threshold=defaults.move_threshold if move_threshold is None else move_threshold)
    compared = compare_paths(paths, options=DiffOptions(align=align), hide_typographic=hide_typographic)
    emit(notices(compared.notices))
    if check:
        sys.exit(1 if compared.comparison.changed else 0)
    if format_ == "docx":
        from drafttool.cli.outputs import docx_output

        docx_output(output)
    colour = use_color(color, output) and format_ == "terminal"
    write_output(render("comparison", format_, compared, view=view, color=colour, show_unchanged=show_all,
                        width=terminal_width()), output, color=colour)


@main.command()
@STORE
@ROUND
@click.option("--format", "format_", type=click.Choice(["terminal", "json", "html"]), default="terminal",
              show_default=True)
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (atomically) instead of stdout.")
@click.option("--color/--no-color", default=None, help="Colour the terminal output (default: when a terminal).")
@reports_errors
def blame(store: Path, round_name: str | None, format_: str, output: str | None, color: bool | None) -> None:
    """Origin of the text: for each passage of a round, the round it entered in and who proposed it.

    \b
    Example:
      drafttool blame drafts/cnd-2024 --round Rev.2 --format json
    """
    from drafttool.operations import blame_round
    from drafttool.renderers.registry import render

    colour = use_color(color, output) and format_ == "terminal"
    write_output(render("blame", format_, blame_round(store, round_name), color=colour, width=terminal_width()),
                 output, color=colour)


@main.command()
@STORE
@click.option("--format", "format_", type=click.Choice(["terminal", "json", "html"]), default="terminal",
              show_default=True)
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (atomically) instead of stdout.")
@reports_errors
def progress(store: Path, format_: str, output: str | None) -> None:
    """Progress of the negotiation: statuses, brackets and proposals per round and delegation.

    \b
    Example:
      drafttool progress drafts/cnd-2024 --format html -o progress.html
    """
    from drafttool.operations import progress as find_progress
    from drafttool.renderers.registry import render

    write_output(render("progress", format_, find_progress(store)), output)
