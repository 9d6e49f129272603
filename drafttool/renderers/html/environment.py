"""The Jinja2 environment of the HTML pages.

Pages come from the templates in `templates/` (`templates_path`), autoescaped and with
`StrictUndefined`, so that a misspelt variable fails instead of printing nothing.  A
user's own template folder is searched first and can extend ours through the `default:`
prefix: `{% extends "default:comparison.html" %}`, as datasette does.
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2


def templates_path() -> Path:
    """The folder of our templates: `drafttool/templates` in an installed wheel (pyproject
    maps the repository's `templates/` there), `templates/` at the root of a checkout."""
    package = Path(__file__).resolve().parents[2]
    for folder in (package / "templates", package.parent / "templates"):
        if (folder / "_base.html").is_file():
            return folder
    raise FileNotFoundError(f"drafttool's HTML templates are missing: neither {package / 'templates'} "
                            f"nor {package.parent / 'templates'} holds _base.html; reinstall drafttool")


@functools.lru_cache(maxsize=8)
def template_environment(user_templates: str | None = None) -> jinja2.Environment:
    """A Jinja2 environment: the user's folder first, then ours, which the user's
    templates can also name as `default:<name>` to extend them."""
    ours = jinja2.FileSystemLoader(str(templates_path()))
    loaders: list[jinja2.BaseLoader] = []
    if user_templates is not None:
        loaders.append(jinja2.FileSystemLoader(user_templates))
    loaders += [ours, jinja2.PrefixLoader({"default": ours}, delimiter=":")]
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        # Every template is HTML or inlined into it (style.css, filter.js), so escaping is on
        # for all: decided when a template compiles, not per expression at run time.
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_template(name: str, templates: str | Path | None, **context: object) -> str:
    environment = template_environment(None if templates is None else str(Path(templates).resolve()))
    return environment.get_template(name).render(**context)
