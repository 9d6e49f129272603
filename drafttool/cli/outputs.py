"""Commands that write the documents people hold: compile (the compilation text) and
redline (a Word file with tracked changes)."""

from __future__ import annotations

from pathlib import Path

import click

from drafttool.cli import ROUND, STORE, BadInput, emit, main, output_file, reports_errors, write_output


def docx_output(output: str | None) -> str:
    """Refuse, before any work, a Word file asked for on stdout or in a file that cannot be written."""
    if not output or output == "-":
        raise BadInput("a Word file is written to a file: give -o FILE.docx")
    if not output.lower().endswith(".docx"):
        raise BadInput(f"{output}: the output of a Word file must end in .docx")
    output_file(output)
    return output


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", metavar="FILE", required=True, help="The .docx to write (atomically).")
@click.option("--moves", type=click.Choice(["delete-insert", "revisions"]), default="delete-insert",
              show_default=True, help="Moved paragraphs as a deletion and an insertion, or as Word moves.")
@click.option("--date", default=None, metavar="DATE",
              help="Date of revisions no proposal dates (ISO; default: the new round's date).")
@reports_errors
def redline(paths: tuple[Path, ...], output: str, moves: str, date: str | None) -> None:
    """Write the new text as Word tracked changes over the old one, like Word's Compare.

    PATHS is OLD NEW (two .docx, .md or .txt files: a .docx OLD is revised in place, every
    part of it kept — sections, styles, numbering, tables, headers, footers, notes and
    comments), STORE OLD_ROUND NEW_ROUND, or STORE alone (its last two rounds). From a
    store, each revision is authored by the first delegation whose proposal made it (a
    comment names its co-proposers) and dated by that proposal; what no proposal explains
    is the Chair's.

    \b
    Examples:
      drafttool redline drafts/cnd-2024 "Zero draft" Rev.1 -o rev1-tracked.docx
      drafttool redline old.docx new.docx -o compared.docx --moves revisions
    """
    from drafttool.operations import redline as find_redline
    from drafttool.renderers.registry import render
    from drafttool.renderers.reports import report_redline

    docx_output(output)
    found = find_redline(paths)
    write_output(render("redline", "docx", found, moves=moves, date=date), output)
    emit(report_redline(found, output, moves=moves))


@main.command("compile")
@STORE
@ROUND
@click.option("--all", "every_status", is_flag=True,
              help="Show proposals of every status (accepted, rejected, withdrawn…), each with its status.")
@click.option("--attribution", type=click.Choice(["parentheses", "dash", "none"]), default="parentheses",
              show_default=True, help="How proposers follow each proposal: (EU), – EU, or not at all.")
@click.option("--colour-statuses", is_flag=True, help="Colour paragraphs by status as well as tagging them.")
@click.option("--format", "format_", type=click.Choice(["docx", "html"]), default=None,
              help="docx or html (default: from the -o file's suffix, else docx; html without -o).")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (atomically) instead of stdout; required for docx.")
@reports_errors
def compile_(store: Path, round_name: str | None, every_status: bool, attribution: str, colour_statuses: bool,
             format_: str | None, output: str | None) -> None:
    """Write the compilation text of a round: every pending proposal shown where it applies.

    Insertions are bold and underlined, deletions struck through, each followed by its
    proposers; alternatives, added paragraphs (bis, ter…), deletion, move and retain
    proposals and statements are shown under their paragraph, with a legend on top.

    \b
    Examples:
      drafttool compile drafts/cnd-2024 --round "Zero draft" -o compilation.docx
      drafttool compile drafts/cnd-2024 --all --attribution dash -o compilation.html
      drafttool compile drafts/cnd-2024 > compilation.html
    """
    from drafttool.operations import compile_text
    from drafttool.renderers.registry import render
    from drafttool.renderers.reports import report_compiled

    if format_ is None:  # as other commands do, a page on stdout unless a Word file is named
        format_ = "docx" if output and output != "-" and not output.lower().endswith((".html", ".htm")) else "html"
    if format_ == "docx":
        docx_output(output)
    compiled = compile_text(store, round_name, every_status=every_status)
    write_output(render("compilation", format_, compiled, attribution=attribution, colour_statuses=colour_statuses),
                 output)
    emit(report_compiled(compiled, output))
