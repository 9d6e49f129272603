"""Where a paragraph is, as negotiators name it: 'Art. 4.2', 'Article 4, paragraph 2', '4.2',
'OP5', 'PP3', '18 (a)', 'Annex I, paragraph 2', 'Option 2', 'Artículo 4.2', 'Статья 4, пункт 2'.

`resolve` finds the one paragraph a name means, or raises `NotFoundError` with one line
that lists the candidates with their ids ('2' in an agreement names the second paragraph
of every Article).  A name is read as steps — the numbers of its containers, the
paragraph's number, its subparagraph's letter — each step optionally typed by a word
('Article', 'Annex', 'paragraph'); a paragraph's own steps are read off its place in the
structure (`Paragraph.parent`).  A name matches a paragraph whose steps it equals, or,
when none does, whose last steps it equals ('2' names every paragraph 2).
"""

from __future__ import annotations

import re

from drafttool.errors import NotFoundError
from drafttool.model import Kind, Paragraph, Round, Scope
from drafttool.text import labels, markup
from drafttool.text.containers import container_heading

_PARAGRAPH_WORDS = re.compile(
    r"\b(?:paragraphs?|paras?\.?|para|op|§|párrafo|paragraphe|пункт|п\.|الفقرة|subparagraph|sub-paragraph|alinéa"
    r"|apartado|подпункт)(?=[\s\d.(]|$)", re.IGNORECASE)
_SKIPPED = (Scope.PART, Scope.CHAPTER, Scope.SECTION, Scope.TABLE, Scope.ROW, Scope.CELL)
"""Containers a name never goes through: Articles are numbered through parts and chapters."""

Step = tuple[Scope | None, str]
"""A scope (None for a paragraph or subparagraph) and a key: (ARTICLE, '4'), (None, '2')."""


def _label_step(label: str) -> str:
    """'18.' → '18', '3 bis' → '3bis', '(a)' → 'a', '(iv)' → 'iv', '١ -' → '1'."""
    number = labels.number_label(label + (" " if not label.endswith(" ") else ""))
    if number is not None:
        return f"{number.ordinal}{number.suffix}"
    return re.sub(r"[\s.()（）、\-–:]+", "", label).casefold()


def paragraph_steps(round_: Round) -> dict[str, tuple[Step, ...]]:
    """Paragraph id → its steps from the top: art-4.p2.a → ((ARTICLE, '4'), (None, '2'), (None, 'a'))."""
    by_id = {p.id: p for p in round_.paragraphs}
    out: dict[str, tuple[Step, ...]] = {}
    for paragraph in round_.paragraphs:
        parent = by_id.get(paragraph.parent) if paragraph.parent else None
        above = out.get(parent.id, ()) if parent is not None else ()
        if paragraph.kind is Kind.CONTAINER:
            own: tuple[Step, ...] = ()
            if paragraph.scope not in _SKIPPED:
                heading = container_heading(paragraph.label, heading=True)
                key = heading.key if heading is not None and heading.key else paragraph.id.rsplit("-", 1)[-1]
                own = ((paragraph.scope, key.casefold()),)
        elif paragraph.kind is Kind.HEADING:
            own = ()
        elif paragraph.label:
            own = ((None, _label_step(paragraph.label)),)
        else:
            own = ((None, paragraph.id.rsplit(".", 1)[-1]),)  # unlabelled: its id's last step, 'pp3', 't1'
        out[paragraph.id] = above + own
    return out


_CONTAINER_NAME = re.compile(
    r"(?P<word>Artículo|Artigo|Articles?|Art\.?|Статья|Ст\.|المادة|Annexe?|Anexo|Приложение|المرفق|Decision|Décision"
    r"|Decisión|Решение|المقرر|Option|Opción|Вариант|الخيار|Alt\.?|Part|Partie|Parte|Часть|Chapter|Chapitre|Capítulo|Глава)"
    r"\s*(?P<n>[0-9٠-٩]+(?:\s?(?:" + "|".join(labels.LATIN_SUFFIXES) + r"))?|[IVXLC]+\b|premier|[0-9]+/[A-Za-z.0-9]+)?",
    re.IGNORECASE)
_CHINESE_NAME = re.compile(r"第([0-9一二三四五六七八九十百]+)(条|款|项)")


def _scope_of(word: str) -> Scope:
    heading = container_heading(f"{word.rstrip('s') if word.lower() == 'articles' else word} 1", heading=True)
    if heading is not None:
        return heading.scope
    return Scope.ARTICLE if word.lower().startswith(("art", "ст")) else Scope.ANNEX


def name_steps(name: str) -> tuple[Step, ...]:
    """The steps of a name: 'Art. 4.2' → ((ARTICLE, '4'), (None, '2')); '18 (a)' → ((None, '18'), (None, 'a'))."""
    text = name.strip()
    steps: list[Step] = []
    while text:
        text = text.lstrip(" ,;/،")
        if not text:
            break
        container = _CONTAINER_NAME.match(text)
        if container and container.group("n"):
            heading = container_heading(f"{container.group('word')} {container.group('n')}", heading=True)
            scope = heading.scope if heading is not None else _scope_of(container.group("word"))
            key = heading.key if heading is not None and heading.key else container.group("n")
            steps.append((scope, key.casefold()))
            text = text[container.end():].lstrip(".")
            continue
        chinese = _CHINESE_NAME.match(text)
        if chinese:
            value = labels.from_chinese(chinese.group(1)) if not chinese.group(1).isdigit() else int(chinese.group(1))
            steps.append((Scope.ARTICLE if chinese.group(2) == "条" else None, str(value)))
            text = text[chinese.end():]
            continue
        words = _PARAGRAPH_WORDS.match(text)
        if words:
            text = text[words.end():]
            continue
        token = re.match(r"[(（]?([0-9٠-٩]+(?:\s?(?:" + "|".join(labels.LATIN_SUFFIXES) + r"))?|[a-z]{1,2}|[ivxlc]{1,6})"
                         r"[)）]?\.?", text, re.IGNORECASE)
        if token is None:
            return ()
        step = token.group(1).translate(labels.ARABIC_INDIC).replace(" ", "").casefold()
        steps.append((None, step))
        text = text[token.end():]
    return tuple(steps)


def _matches(wanted: tuple[Step, ...], steps: tuple[Step, ...]) -> bool:
    """Same keys, each typed step of the same scope; a name ending on an untyped step
    ('Article 4, 1') means a paragraph, never the container ('Option 1') of that key."""
    if len(wanted) != len(steps) or (wanted and wanted[-1][0] is None and steps[-1][0] is not None):
        return False
    return all(key == have_key and (scope is None or scope is have_scope)
               for (scope, key), (have_scope, have_key) in zip(wanted, steps))


_SUBJECT_START = re.compile(r"(The|L['’]|La|Le|Les|El|Los|Las|Der|Die|Das)\s?\S", re.IGNORECASE)
_ORGAN = re.compile(
    r"Assembly|Council|Conference|Commission|Committee|Assemblée|Conseil|Conférence|Comité|Asamblea|Consejo"
    r"|Conferencia|Comisión|Ассамбле|Совет|Конференци|Комисси|Комитет|الجمعية|المجلس|المؤتمر|اللجنة|大会|理事会|会议|委员会",
    re.IGNORECASE)
"""Organs in the six languages, for an opening line written without an article
('Генеральная Ассамблея,', 'إن الجمعية العامة،', '大会，')."""


def _names_organ(plain: str) -> bool:
    """An organ in the first two words of a line of at most five, without a number:
    'Совет Безопасности,', never 'Recalling Security Council resolution 2250,'."""
    words = plain.split()
    return len(words) <= 5 and not any(c.isdigit() for c in plain) and bool(_ORGAN.search(" ".join(words[:2])))


def preamble_opening(round_: Round) -> Paragraph | None:
    """The line that opens a resolution's preamble ('The General Assembly,', 'L'Assemblée
    générale,', '大会，'), which UN documents do not count among the preambular paragraphs:
    'PP 1' is the first 'Recalling …'.  It is the first preambular paragraph, short and
    ending in a comma, all in italics, opening with an article or naming an organ (italics
    are lost in text converted from PDF).  The one rule for every name of a preambular
    paragraph: `--para PP3`, amendments and the comparison's places."""
    for paragraph in round_.paragraphs:
        if paragraph.kind is Kind.PREAMBULAR:
            plain = markup.plain(paragraph.text).strip()
            if not plain.endswith((",", "，", "،")) or len(plain.split()) > 8:
                return None
            runs = [r for r in markup.parse(paragraph.text) if r.text.strip(" ,，،")]
            if runs and (all(r.italic for r in runs) or _SUBJECT_START.match(plain) or _names_organ(plain)):
                return paragraph
            return None
    return None


def candidates(round_: Round, name: str) -> list[Paragraph]:
    """Every paragraph a name may mean: those whose steps it equals, else whose last steps it equals.

    'OP5' is an operative paragraph numbered 5; 'PP3' the third preambular paragraph (of
    the text, or of the container named before it: 'Decision 1/CMA.3, PP2')."""
    prefix = re.match(r"\s*(.*?)[\s,]*\b(OP|PP)\s*(\d+)\s*$", name, re.IGNORECASE)
    kind = None
    if prefix:
        kind = Kind.OPERATIVE if prefix.group(2).upper() == "OP" else Kind.PREAMBULAR
        wanted = name_steps(prefix.group(1)) + ((None, prefix.group(3)),)
    else:
        wanted = name_steps(name)
    if not wanted:
        return []
    all_steps = paragraph_steps(round_)
    if kind is Kind.PREAMBULAR:
        groups: dict[str | None, list[Paragraph]] = {}
        subject = preamble_opening(round_)  # 'The General Assembly,' is not PP1
        for paragraph in round_.paragraphs:
            if paragraph.kind is Kind.PREAMBULAR and paragraph is not subject:
                groups.setdefault(paragraph.parent, []).append(paragraph)
        index = int(wanted[-1][1]) - 1
        return [group[index] for group in groups.values() if 0 <= index < len(group)
                and _matches(wanted[:-1], all_steps[group[index].id][:-1])]
    usable = [p for p in round_.paragraphs if p.kind is not Kind.TITLE and (kind is None or p.kind is kind)]
    exact = [p for p in usable if _matches(wanted, all_steps[p.id])]
    if exact:
        return exact
    return [p for p in usable if len(all_steps[p.id]) > len(wanted)
            and _matches(wanted, all_steps[p.id][-len(wanted):])
            and all(scope is not None for scope, _ in all_steps[p.id][:-len(wanted)])]


def describe(round_: Round, paragraph: Paragraph) -> str:
    """'Article 4, 2.' — a paragraph's labels from its outermost container down."""
    by_id = {p.id: p for p in round_.paragraphs}
    parts: list[str] = []
    current: Paragraph | None = paragraph
    while current is not None:
        if current.label and current.kind is not Kind.HEADING:
            parts.append(current.label.rstrip(":"))
        current = by_id.get(current.parent) if current.parent else None
    return ", ".join(reversed(parts)) or paragraph.id


def resolve(round_: Round, name: str) -> Paragraph:
    """The one paragraph `name` means; else NotFoundError, listing the candidates with their ids."""
    by_id = round_.paragraph(name.strip())
    found = [by_id] if by_id is not None else candidates(round_, name)
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotFoundError(f"no paragraph {name!r} in round {round_.label!r}; `drafttool show` lists the labels")
    shown = ", ".join(f"{p.id} ({describe(round_, p)})" for p in found[:12])
    more = f" and {len(found) - 12} more" if len(found) > 12 else ""
    raise NotFoundError(f"{name!r} names {len(found)} paragraphs of round {round_.label!r}: {shown}{more}; "
                        "give the id or the Article ('Art. 4.2')")
