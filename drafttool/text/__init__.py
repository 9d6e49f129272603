"""The grammar of negotiated texts, shared by readers, comparison and renderers.

`markup` (the inline markup of paragraph text), `labels` (paragraph labels in the six UN
languages), `languages` (scripts and directions), `brackets` (square brackets of text not yet
agreed), `normalize` (the typographic fold used to compare). Nothing here reads a file or
writes an output: readers and renderers both import it, never each other.
"""
