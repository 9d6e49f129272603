"""The masthead of a document read as text: its lines sorted into `Masthead` fields, or the
fields written in the front matter of a Markdown file that drafttool exported."""

from __future__ import annotations

import re

from drafttool.model import Masthead
from drafttool.readers.inline import Inline, unwrap
from drafttool.text import languages, markup


def masthead_from_lines(blocks: list[str], inline: Inline, footnote_ids: dict[str, str]) -> tuple[Masthead, str]:
    """Sort masthead lines into fields (and the document symbol); unrecognised ones: the
    organ, the body, then 'other'."""
    fields: dict[str, str] = {}
    other: list[str] = []
    after_agenda = False
    for block in blocks:
        for line in block.split("\n"):
            text = inline.convert(unwrap(line.strip()), footnote_ids)
            if not text:
                continue
            if name_is_un(markup.plain(text)):
                other.append(text)
                continue
            if not text:
                continue
            name = languages.masthead_field(markup.plain(text))
            if name == "language":
                name = "language" if "language" not in fields else None
            if name is None and after_agenda and "agenda_title" not in fields:
                name = "agenda_title"
            elif name is None and not fields.keys() & {"organ", "body", "session", "distribution"}:
                name = "organ"
            elif name is None and "body" not in fields and "session" not in fields:
                name = "body"
            elif name is None and "session" in fields and "venue" not in fields and re.search(r"\d{4}", text):
                name = "venue"
            after_agenda = name == "agenda_item"
            if name is None or name in fields:
                other.append(text)
            else:
                fields[name] = text
    symbol = markup.plain(fields.pop("symbol", ""))
    return Masthead(**fields, other=tuple(other)), symbol


def name_is_un(text: str) -> bool:
    return text.strip() in ("United Nations", "Nations Unies", "Naciones Unidas",
                            "Организация Объединенных Наций", "الأمم المتحدة", "联合国")


def masthead_from_front(front: dict[str, str], inline: Inline, footnote_ids: dict[str, str]) -> Masthead:
    def get(key: str) -> str:
        return inline.convert(front.get(key, ""), footnote_ids)

    other = tuple(inline.convert(line, footnote_ids) for line in front.get("other", "").split("\n") if line.strip())
    return Masthead(
        organ=get("organ"), distribution=get("distribution"), date=get("masthead-date"),
        language=get("language-line"), original=get("original"), body=get("body"), session=get("session"),
        venue=get("venue"), agenda_item=get("agenda-item"), agenda_title=get("agenda-title"), other=other,
    )
