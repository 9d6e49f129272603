"""Name a paragraph's place in its round as a delegate says it: 'OP 18', '18 (a)', 'PP 3',
'Art. 4 ¶ 2', 'Art. 4 ¶ 2 (a)', 'Art. 4 Option 1 ¶ 1', 'heading II.A', 'title', 'opening' (the
organ's line, 'The General Assembly,', never counted as a preambular paragraph), and '¶ 5' in a
declaration (numbered throughout, no preamble but the line its speakers open it with).

Takes a `Round`; returns each paragraph's place by id.  The one namer of places: the
comparison stores the names it gives (`ParagraphChange.old_place`, `new_place`, `move`),
and every output shows those.
"""

from __future__ import annotations

import re

from drafttool.model import Kind, Paragraph, Round, Scope
from drafttool.text import markup
from drafttool.text.places import preamble_opening

_SHORT = {"article": "Art.", "artículo": "Art.", "articulo": "Art."}
_END = re.compile(r"[\s.:)、–-]+$")
"""A label's punctuation after its number: '18.', '1 -' and '١ -' (Arabic), '1、' (Chinese)."""
_LETTER = re.compile(r"^\(?([^\s().]+)[.)]?$")


def _container_name(paragraph: Paragraph, running: int) -> str:
    label = _END.sub("", paragraph.label.strip())
    if not label:
        scope = paragraph.scope.value if paragraph.scope is not None else "part"
        return f"{scope.capitalize()} {running}"
    first, _, rest = label.partition(" ")
    short = _SHORT.get(first.casefold())
    return f"{short} {rest}" if short and rest else label


def _number(label: str) -> str:
    """'18.' → '18'; '1 -' → '1'."""
    if label[-1:] == "." and label[:-1].isdigit():  # the common case, without a pattern
        return label[:-1]
    return _END.sub("", label.strip()).lstrip("(")


def _item(label: str) -> str:
    """'a)' and '(a)' → '(a)'."""
    if label[-1:] == ")" and label[:-1].isalnum():
        return f"({label[:-1]})"
    found = _LETTER.match(label.strip())
    return f"({found.group(1)})" if found else label.strip()


def _heading_words(paragraph: Paragraph) -> str:
    words = markup.plain(paragraph.text).split()
    text = " ".join(words[:5]) + (" …" if len(words) > 5 else "")
    return f"“{text}”" if text else ""


def place_names(round_: Round) -> dict[str, str]:
    """Every paragraph's place in `round_`, by id (module docstring)."""
    names: dict[str, str] = {}
    by_id = {p.id: p for p in round_.paragraphs}
    counts: dict[str | None, int] = {}
    """Unnumbered paragraphs counted in each container (None: the text outside any)."""
    preambular = 0
    last_numbered: dict[str | None, str] = {}
    running: dict[Scope | None, int] = {}
    heading_labels: list[str] = []
    seen: dict[str, int] = {}
    operative = not _declaration(round_, by_id)
    opening = preamble_opening(round_)  # 'The General Assembly,' is not PP 1 (text.places)
    for paragraph in round_.paragraphs:
        parent = by_id.get(paragraph.parent) if paragraph.parent else None
        container = parent if parent is not None and parent.kind is Kind.CONTAINER else None
        where = names.get(container.id, "") if container is not None else ""
        key = container.id if container is not None else None
        kind = paragraph.kind
        if kind is Kind.CONTAINER:
            running[paragraph.scope] = running.get(paragraph.scope, 0) + 1
            own = _container_name(paragraph, running[paragraph.scope])
            name = f"{where} {own}" if where else own
        elif kind is Kind.TITLE:
            name = "title"
        elif kind is Kind.HEADING:
            label = _END.sub("", paragraph.label.strip())
            if label and paragraph.level > 1 and heading_labels:
                label = f"{heading_labels[0]}.{label}"
            if paragraph.level <= 1:
                heading_labels = [_END.sub("", paragraph.label.strip())] if paragraph.label else []
            own = f"heading {label}" if label else f"heading {_heading_words(paragraph)}".rstrip()
            name = f"{where} {own}" if where else own
        elif kind is Kind.SUBPARAGRAPH and parent is not None and parent.id in names:
            chapeau = names[parent.id].removeprefix("OP ").removeprefix("¶ ")  # '18 (a)', as delegates say it
            name = f"{chapeau} {_item(paragraph.label)}" if paragraph.label else f"{chapeau} (…)"
        elif paragraph is opening:
            name = "opening"
        elif kind is Kind.PREAMBULAR and not where:
            preambular += 1
            name = f"PP {preambular}"
        elif paragraph.label:
            number = _number(paragraph.label)
            name = f"{where} ¶ {number}" if where else f"OP {number}" if operative else f"¶ {number}"
            last_numbered[key] = name
            counts[key] = int(number) if number.isdigit() else counts.get(key, 0) + 1
        elif where:
            counts[key] = counts.get(key, 0) + 1
            name = f"{where} ¶ {counts[key]}"
        else:
            word = "note" if kind is Kind.NOTE else "text"
            before = last_numbered.get(key)
            name = f"{word} after {before}" if before else word
            # A second line after the same paragraph ('8 December 2023' under '47th plenary
            # meeting') is told apart by its rank.
            seen[name] = seen.get(name, 0) + 1
            if seen[name] > 1:
                name = f"{word} {seen[name]} after {before}" if before else f"{word} {seen[name]}"
        names[paragraph.id] = name
    return names


_WE = re.compile(r"^(We|Nous|Nosotros|Nosotras|Мы|نحن|我们)\b", re.IGNORECASE)


def _declaration(round_: Round, by_id: dict[str, Paragraph]) -> bool:
    """A declaration numbers every paragraph and has no preamble beyond the line its
    speakers open it with ('Nous, les ministres, …,', 'We, the Heads of State …,'): its
    paragraphs are '¶ 5', not operative paragraphs of a resolution (whose opening line
    names an organ: 'The General Assembly,')."""
    preamble = []
    for paragraph in round_.paragraphs:
        parent = by_id.get(paragraph.parent) if paragraph.parent else None
        if paragraph.kind is Kind.PREAMBULAR and not (parent is not None and parent.kind is Kind.CONTAINER):
            preamble.append(paragraph)
            if len(preamble) > 1:
                return False
    return bool(preamble) and bool(_WE.match(markup.plain(preamble[0].text).lstrip("*_ ")))


def joined(names: dict[str, str], paragraphs: tuple[Paragraph, ...]) -> str:
    """The places of the paragraphs of one change: 'OP 5 + OP 6' for a split or merge."""
    if len(paragraphs) == 1:
        return names.get(paragraphs[0].id, paragraphs[0].label or paragraphs[0].id)
    return " + ".join(names.get(p.id, p.label or p.id) for p in paragraphs)


def predecessors(round_: Round) -> dict[str, str | None]:
    """Each paragraph's previous sibling: the paragraph before it in the same container (for
    a subparagraph, under the same chapeau), None for the first."""
    last: dict[tuple[str | None, bool], str] = {}
    by_id = {p.id: p for p in round_.paragraphs}
    out: dict[str, str | None] = {}
    for paragraph in round_.paragraphs:
        parent = by_id.get(paragraph.parent) if paragraph.parent else None
        if paragraph.kind is Kind.SUBPARAGRAPH:
            key = (paragraph.parent, True)
        else:
            key = (parent.id if parent is not None and parent.kind is Kind.CONTAINER else None, False)
        out[paragraph.id] = last.get(key)
        last[key] = paragraph.id
    return out


def describe_move(old_id: str, new_id: str, old_names: dict[str, str], new_names: dict[str, str],
                  old_before: dict[str, str | None], new_before: dict[str, str | None],
                  now: dict[str, str]) -> str:
    """A move in one numbering: 'from after OP 25 (now OP 26) to after OP 30'; `now` gives
    the new id of each old paragraph kept."""
    before = old_before.get(old_id)
    if before is None:
        origin = "from the start"
    else:
        origin = f"from after {old_names[before]}"
        later = now.get(before)
        if later is None:
            origin += " (now deleted)"
        elif new_names[later] != old_names[before]:
            origin += f" (now {new_names[later]})"
    after = new_before.get(new_id)
    return f"{origin} to {'the start' if after is None else 'after ' + new_names[after]}"
