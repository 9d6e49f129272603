"""Commands on a negotiation's rounds: init, import, rounds, show, export."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from drafttool.cli import ROUND, STORE, emit, main, reports_errors, terminal_width, use_color, write_output


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
    from drafttool.operations import init_store
    from drafttool.renderers.reports import report_created

    emit(report_created(init_store(store, title=title, symbol=symbol, language=language, note=note)))


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
    from drafttool.renderers.reports import report_imported

    emit(report_imported(import_round(store, document, label=label, date=date, symbol=symbol, language=language,
                                      note=note, tracked_changes=TrackedChanges(tracked_changes))))


@main.command()
@STORE
@reports_errors
def rounds(store: Path) -> None:
    """List the rounds of a negotiation, oldest first.

    \b
    Example:
      drafttool rounds drafts/cnd-2024
    """
    from drafttool.renderers.registry import render
    from drafttool.store import load_store

    click.echo(render("rounds", "text", load_store(store)), nl=False)


@main.command()
@STORE
@ROUND
@click.option("--color/--no-color", default=None, help="Colour the output (default: when a terminal).")
@reports_errors
def show(store: Path, round_name: str | None, color: bool | None) -> None:
    """Show a round as readable text with labels and statuses.

    Paragraphs whose labels repeat (paragraph 1 of every Article) show their id in
    braces: `propose --para` takes it, or a place such as 'Art. 4.1'.

    \b
    Example:
      drafttool show drafts/cnd-2024 --round Adopted
    """
    from drafttool.operations import stored_round
    from drafttool.renderers.registry import render

    colour = use_color(color, None)
    click.echo(render("round", "terminal", stored_round(store, round_name), color=colour, width=terminal_width()),
               nl=False, color=colour)


@main.command()
@STORE
@ROUND
@click.option("--format", "format_", type=click.Choice(["json", "md", "html", "docx"]), default="json",
              show_default=True, help="docx: a clean Word file, written with -o FILE.docx.")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (atomically) instead of stdout.")
@reports_errors
def export(store: Path, round_name: str | None, format_: str, output: str | None) -> None:
    """Export a round as JSON (every field), Markdown (that imports back the same), a
    clean HTML page or a clean Word file (that reads back the same).

    \b
    Example:
      drafttool export drafts/cnd-2024 --round Rev.1 --format docx -o rev1.docx
    """
    from drafttool.operations import stored_round
    from drafttool.renderers.registry import render

    if format_ == "docx":
        from drafttool.cli.outputs import docx_output

        docx_output(output)
    write_output(render("round", format_, stored_round(store, round_name)), output)


@main.command()
@STORE
@click.option("--repair", is_flag=True, help="Mend what can be mended safely, saying what was done; then check.")
@reports_errors
def check(store: Path, repair: bool) -> None:
    """Check a store for every problem, with file and line: exit 0 if none, 1 if some.

    Lists records that do not parse, proposals on rounds or paragraphs that are not
    there (or whose words are gone), unknown delegations, dangling references, files
    left by an interrupted write, operations interrupted midway, proposals pending on a
    round that is not the latest, accepted proposals never applied or applied twice,
    rounds labelled with a bare number.  Rounds read with warnings are listed as
    notices, which are not problems.
    With --repair, completes interrupted operations, deletes stale temporary files and
    carries stranded proposals onto the latest round.

    \b
    Example:
      drafttool check drafts/cnd-2024 --repair
    """
    from drafttool.check import check as check_store
    from drafttool.renderers.reports import report_checked

    checked = check_store(store, repair=repair)
    emit(report_checked(checked))
    sys.exit(1 if checked.failed else 0)
