"""Commands that compare texts and trace them: diff, blame, progress."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from drafttool.cli import ROUND, STORE, BadInput, main, reports_errors, warn, write_output
from drafttool.text.visible import visible, visible_values

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
    from drafttool.compare.diff import DiffOptions, without_typographic
    from drafttool.operations import compare_files, compare_store_rounds
    from drafttool.store import is_store

    defaults = AlignOptions()
    align = AlignOptions(edit_threshold=defaults.edit_threshold if edit_threshold is None else edit_threshold,
                         move_threshold=defaults.move_threshold if move_threshold is None else move_threshold)
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
    if format_ == "docx":
        from drafttool.cli.outputs import docx_output
        from drafttool.renderers.docx import render_comparison_docx

        write_output(render_comparison_docx(comparison, compared.old, compared.new), docx_output(output))
        return
    if format_ == "json":
        from drafttool.renderers.json import render_comparison_json

        text = render_comparison_json(comparison, compared.old, compared.new)
    elif format_ == "html":
        from drafttool.renderers.html import render_comparison_html

        text = render_comparison_html(comparison, compared.old, compared.new,
                                      view="side-by-side" if view == "side-by-side" else "inline")
    else:
        from drafttool.renderers.terminal import render_comparison_text

        use_color = (sys.stdout.isatty() and output is None) if color is None else color
        text = render_comparison_text(comparison, color=use_color, show_unchanged=show_all, old=compared.old,
                                      new=compared.new)
    write_output(text, output)


@main.command()
@STORE
@ROUND
@click.option("--format", "format_", type=click.Choice(["terminal", "json", "html"]), default="terminal",
              show_default=True)
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (atomically) instead of stdout.")
@click.option("--color/--no-color", default=None, help="Colour the terminal output (default: when a terminal).")
@reports_errors
def blame(store: Path, round_name: str | None, format_: str, output: str | None, color: bool | None) -> None:
    """Show, for each passage of a round, the round it entered the text in and who proposed it.

    \b
    Example:
      drafttool blame drafts/cnd-2024 --round Rev.2 --format json
    """
    from drafttool.negotiate.attribution import blame as find_blame
    from drafttool.store import load_store

    negotiation = load_store(store)
    round_ = negotiation.round(round_name)
    blamed = find_blame(negotiation, round_name)
    if format_ == "json":
        from drafttool.renderers.json import render_blame_json

        text = render_blame_json(blamed, round_)
    elif format_ == "html":
        from drafttool.renderers.html import render_blame_html

        text = render_blame_html(blamed, round_, negotiation)
    else:
        from drafttool.renderers.terminal import render_blame_text

        use_color = (sys.stdout.isatty() and output is None) if color is None else color
        text = render_blame_text(visible_values(blamed), visible_values(round_),
                                 [visible(r.label) for r in negotiation.rounds], color=use_color)
    write_output(text, output)


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
    from drafttool.negotiate.progress import negotiation_progress, progress_to_json_data, render_progress_text
    from drafttool.store import load_store

    progress_ = negotiation_progress(load_store(store))
    if format_ == "json":
        from drafttool.records import dumps

        text = dumps(progress_to_json_data(progress_))
    elif format_ == "html":
        from drafttool.renderers.html import render_progress_html

        text = render_progress_html(progress_)
    else:
        text = render_progress_text(visible_values(progress_))
    write_output(text, output)
