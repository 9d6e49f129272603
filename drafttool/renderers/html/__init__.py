"""HTML pages: a comparison of two rounds, one round, a compilation text, the blame of a
round, the progress of a negotiation, each one self-contained page.

Takes model values (`Comparison` and the two `Round`s it compares, one `Round`, a
`Compilation`, `Blame`s, a `Progress`); returns the page as a string: CSS and script
inline, no network, no external fonts, printable.  One module per page; `environment`
holds the Jinja2 templates, `markup` turns marked-up text into escaped HTML, `page` the
pieces every page shares.
"""

from drafttool.renderers.html.blame import render_blame_html
from drafttool.renderers.html.comparison import render_comparison_html
from drafttool.renderers.html.compilation import render_compilation_html
from drafttool.renderers.html.environment import template_environment, templates_path
from drafttool.renderers.html.progress import render_progress_html
from drafttool.renderers.html.round import render_round_html

__all__ = ["render_blame_html", "render_comparison_html", "render_compilation_html", "render_progress_html",
           "render_round_html", "template_environment", "templates_path"]
