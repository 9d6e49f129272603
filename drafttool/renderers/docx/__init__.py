"""Word files: a clean round (`round`), a round as tracked changes over another
(`tracked`, with `marks`, `revisions` and `body`, its paragraphs written as text by
`fragments` where they can be), the comparison of two rounds (`comparison`) and
the compilation text (`compilation`), built on the package, styles, numbering, masthead and the one
run builder they share (`package`, `styles`, `lists`, `masthead`, `runs`).

Each takes model values and returns the bytes of a .docx.
"""

from drafttool.renderers.docx.comparison import render_comparison_docx
from drafttool.renderers.docx.compilation import render_compilation_docx
from drafttool.renderers.docx.round import render_round_docx
from drafttool.renderers.docx.tracked import MOVES, render_tracked_docx
from drafttool.shown import masthead_lines

__all__ = ["MOVES", "masthead_lines", "render_comparison_docx", "render_compilation_docx", "render_round_docx",
           "render_tracked_docx"]
