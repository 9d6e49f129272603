"""Renderers: model values in, documents out — terminal text, JSON, Markdown, HTML pages
(from the Jinja2 templates in `templates/`), Word files (`docx`, with `revisions` for
tracked changes).  Each module renders; none parses or touches a store.
"""
