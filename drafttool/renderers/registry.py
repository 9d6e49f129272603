"""Which renderer writes which document in which format: the command line names a
document ('comparison', 'blame', 'compilation', 'progress', 'round', 'rounds', 'redline',
'proposals', 'summary', 'delegations') and a format, and `render` hands the result of the library call
to the renderer that writes it.

Renderers are imported when they are used, so that a command loads only its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from drafttool.model import Negotiation
    from drafttool.operations import Blamed, Compared, Compiled, Redline, Registry, StoredRound
    from drafttool.negotiate.progress import Progress


def _comparison_terminal(compared: Compared, *, color: bool = False, show_unchanged: bool = False,
                         width: int = 80, **_: Any) -> str:
    from drafttool.renderers.terminal import render_comparison_text

    return render_comparison_text(compared.comparison, color=color, show_unchanged=show_unchanged,
                                  old=compared.old, new=compared.new, width=width)


def _comparison_json(compared: Compared, **_: Any) -> str:
    from drafttool.renderers.json import render_comparison_json

    return render_comparison_json(compared.comparison, compared.old, compared.new)


def _comparison_html(compared: Compared, *, view: str = "inline", **_: Any) -> str:
    from drafttool.renderers.html import render_comparison_html

    return render_comparison_html(compared.comparison, compared.old, compared.new,
                                  view="side-by-side" if view == "side-by-side" else "inline")


def _comparison_docx(compared: Compared, **_: Any) -> bytes:
    from drafttool.renderers.docx import render_comparison_docx

    return render_comparison_docx(compared.comparison, compared.old, compared.new)


def _redline_docx(redline: Redline, *, moves: str = "delete-insert", date: str | None = None, **_: Any) -> bytes:
    from drafttool.renderers.docx import render_tracked_docx

    compared = redline.compared
    if redline.base is not None:  # the delegation's own document, revised in place
        from drafttool.errors import InputError
        from drafttool.renderers.docx.inplace import render_inplace_docx

        try:
            return render_inplace_docx(redline.base, compared.comparison, compared.old, compared.new,
                                       layout=redline.layout, date=date, dates=redline.dates)
        except InputError as error:  # a place in the old document: named with its file
            raise InputError(error.message, path=redline.source, place=error.place) from None
    return render_tracked_docx(compared.comparison, compared.old, compared.new, moves=moves, date=date,
                               dates=redline.dates, layout=redline.layout)


def _blame_terminal(blamed: Blamed, *, color: bool = False, width: int = 80, **_: Any) -> str:
    from drafttool.renderers.terminal import render_blame_text
    from drafttool.text.visible import visible, visible_values

    return render_blame_text(visible_values(blamed.blamed), visible_values(blamed.round),
                             [visible(r.label) for r in blamed.negotiation.rounds], color=color, width=width)


def _blame_json(blamed: Blamed, **_: Any) -> str:
    from drafttool.renderers.json import render_blame_json

    return render_blame_json(blamed.blamed, blamed.round)


def _blame_html(blamed: Blamed, **_: Any) -> str:
    from drafttool.renderers.html import render_blame_html

    return render_blame_html(blamed.blamed, blamed.round, blamed.negotiation)


def _compilation_docx(compiled: Compiled, *, attribution: str = "parentheses", colour_statuses: bool = False,
                      **_: Any) -> bytes:
    from drafttool.renderers.docx import render_compilation_docx

    return render_compilation_docx(compiled.compilation, attribution=attribution, colour_statuses=colour_statuses)


def _compilation_html(compiled: Compiled, *, attribution: str = "parentheses", colour_statuses: bool = False,
                      **_: Any) -> str:
    from drafttool.renderers.html import render_compilation_html

    return render_compilation_html(compiled.compilation, attribution=attribution, colour_statuses=colour_statuses)


def _progress_terminal(progress: Progress, **_: Any) -> str:
    from drafttool.renderers.tables import render_progress_text
    from drafttool.text.visible import visible_values

    return render_progress_text(visible_values(progress))


def _progress_json(progress: Progress, **_: Any) -> str:
    from drafttool.renderers.json import render_progress_json

    return render_progress_json(progress)


def _progress_html(progress: Progress, **_: Any) -> str:
    from drafttool.renderers.html import render_progress_html

    return render_progress_html(progress)


def _round_terminal(stored: StoredRound, *, color: bool = False, width: int = 80, **_: Any) -> str:
    from drafttool.renderers.terminal import render_round_text
    from drafttool.text.visible import visible_values

    return render_round_text(visible_values(stored.round), color=color, width=width)


def _round_json(stored: StoredRound, **_: Any) -> str:
    from drafttool.renderers.json import render_round_json

    return render_round_json(stored.round, stored.negotiation)


def _round_markdown(stored: StoredRound, **_: Any) -> str:
    from drafttool.renderers.markdown import render_round_markdown

    return render_round_markdown(stored.round)


def _round_html(stored: StoredRound, **_: Any) -> str:
    from drafttool.renderers.html import render_round_html

    return render_round_html(stored.round)


def _round_docx(stored: StoredRound, **_: Any) -> bytes:
    from drafttool.renderers.docx import render_round_docx

    return render_round_docx(stored.round)


def _proposals_text(rows: list[dict[str, Any]], *, width: int = 80, **_: Any) -> str:
    from drafttool.renderers.tables import render_proposals_text

    return render_proposals_text(rows, width)


def _summary_text(rows: list[dict[str, Any]], **_: Any) -> str:
    from drafttool.renderers.tables import render_summary_text

    return render_summary_text(rows)


def _rounds_text(negotiation: Negotiation, **_: Any) -> str:
    from drafttool.renderers.tables import render_rounds_text

    return render_rounds_text(negotiation)


def _rows_json(rows: list[dict[str, Any]], **_: Any) -> str:
    from drafttool.records import dumps

    return dumps(rows)


def _delegations_text(registry: Registry, **_: Any) -> str:
    from drafttool.renderers.reports import render_registry_text

    return render_registry_text(registry)


def _delegations_json(registry: Registry, **_: Any) -> str:
    from drafttool.renderers.reports import render_registry_json

    return render_registry_json(registry)


RENDERERS: dict[tuple[str, str], Callable[..., str | bytes]] = {
    ("comparison", "terminal"): _comparison_terminal,
    ("comparison", "json"): _comparison_json,
    ("comparison", "html"): _comparison_html,
    ("comparison", "docx"): _comparison_docx,
    ("redline", "docx"): _redline_docx,
    ("blame", "terminal"): _blame_terminal,
    ("blame", "json"): _blame_json,
    ("blame", "html"): _blame_html,
    ("compilation", "docx"): _compilation_docx,
    ("compilation", "html"): _compilation_html,
    ("progress", "terminal"): _progress_terminal,
    ("progress", "json"): _progress_json,
    ("progress", "html"): _progress_html,
    ("round", "terminal"): _round_terminal,
    ("round", "json"): _round_json,
    ("round", "md"): _round_markdown,
    ("round", "html"): _round_html,
    ("round", "docx"): _round_docx,
    ("proposals", "text"): _proposals_text,
    ("proposals", "json"): _rows_json,
    ("summary", "text"): _summary_text,
    ("summary", "json"): _rows_json,
    ("rounds", "text"): _rounds_text,
    ("delegations", "text"): _delegations_text,
    ("delegations", "json"): _delegations_json,
}
"""(document, format) → the function that renders it from the library call's result."""


def formats(document: str) -> tuple[str, ...]:
    """The formats a document can be written in, in the registry's order."""
    return tuple(format_ for name, format_ in RENDERERS if name == document)


def render(document: str, format_: str, value: object, **options: Any) -> str | bytes:
    """The document in the format: text for terminal, JSON, Markdown and HTML, bytes for
    Word.  Options a renderer does not take are ignored."""
    try:
        renderer = RENDERERS[(document, format_)]
    except KeyError:
        raise ValueError(f"no renderer writes a {document} as {format_}; "
                         f"formats: {', '.join(formats(document)) or 'none'}") from None
    return renderer(value, **options)
