"""The spaces at the edges of an edit: words inserted, deleted or replaced in a text.

Takes the plain text before an edit's span, the words it removes, the words it puts in
and the text after; returns how much of the surrounding whitespace stays and the new
words with the spaces they need, so that the result reads as the script is written:

- one space between words of Latin, Cyrillic or Arabic script (and digits);
- no space next to a Chinese character or Chinese punctuation;
- no space before closing punctuation (`, . ; : ! ? ) ] »` and the Arabic `، ؛ ؟`) nor after
  opening punctuation (`( [ « ¿ ¡`): punctuation stays attached to its word;
- in French, the no-break space before `; : ! ?` and `»` and after `«` (U+00A0 or the
  narrow U+202F, whichever the text used), written where it is missing;
- next to a hyphen, slash, dash, quotation mark or apostrophe (’ is both the apostrophe of
  'l’État' and a closing quote), whatever space the text had is kept.

An edit whose edge falls inside a word (a letter changed in 'Vintages') is joined as
given: the proposer meant to change part of the word.  The next round (`edit_text`) and
the compilation text (`spaced_edit`) both join text through `splice`, so that the
compilation's accepted reading is the next round's text (and the redline, made from the
rounds, shows the same words).  On marked-up text the edit is made on its runs, so that
formats and footnote references next to the edit stay whole.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafttool.errors import ProposalError
from drafttool.text import markup
from drafttool.text.languages import is_cjk
from drafttool.text.markup import Run

CLOSING = frozenset(",.;:!?)]}»%…،؛؟。，、；：！？）」』】〉》")
"""Marks written against the word before them."""
OPENING = frozenset("([{«¿¡（「『【〈《")
"""Marks written against the word after them."""
FRENCH_SPACED_BEFORE = frozenset(";:!?»")
NO_BREAK = ("\u00a0", "\u202f")


@dataclass(frozen=True, slots=True)
class Splice:
    """How an edit joins its surroundings: the text is `before[:keep_before] + inserted +
    after[skip_after:]`; the whitespace cut from either side goes with the removed words."""

    keep_before: int
    """Characters of the text before the span that stay (trailing spaces may go)."""
    skip_after: int
    """Characters at the start of the text after the span that go (leading spaces)."""
    inserted: str
    """The new words with the spaces they need at each edge."""


def _is_word(char: str) -> bool:
    return char.isalnum() and not is_cjk(char)


def _is_chinese(char: str) -> bool:
    code = ord(char)
    return is_cjk(char) and not 0xAC00 <= code <= 0xD7AF  # Hangul is written with spaces


def _french(language: str) -> bool:
    return language.split("-")[0].lower() == "fr"


def space_between(left: str, right: str, existing: str, language: str = "") -> str:
    """The whitespace that belongs between a text ending in character `left` and one
    starting with `right`, given the whitespace `existing` found there ('' for none)."""
    if not left or not right:
        return ""  # the edge of a paragraph
    if right in FRENCH_SPACED_BEFORE or left == "«":
        if existing and all(c in NO_BREAK for c in existing):
            return existing  # kept, whatever the language says
        if _french(language):
            return "\u00a0"
    if right in CLOSING or left in OPENING:
        return ""
    if _is_chinese(left) or _is_chinese(right):
        return ""
    if _is_word(left) and _is_word(right) or _is_word(left) and right in OPENING or left in CLOSING and _is_word(right):
        return existing if existing else " "
    if left in CLOSING or right in OPENING:
        return existing if existing else " "
    return existing  # hyphens, slashes, dashes, quotes, symbols: as the text had it


def _trailing_space(text: str) -> int:
    return len(text) - len(text.rstrip())


def _leading_space(text: str) -> int:
    return len(text) - len(text.lstrip())


def splice(before: str, removed: str, inserted: str, after: str, language: str = "") -> Splice:
    """How plain `inserted` replaces plain `removed` between `before` and `after`
    (module docstring); `removed` is '' for an insertion, `inserted` '' for a deletion."""
    words = inserted.strip()
    # An edge inside a word: the characters on both sides of it belong to one word.
    if removed:
        left_inside = bool(before) and _is_word(before[-1]) and _is_word(removed[0])
        right_inside = bool(after) and _is_word(removed[-1]) and _is_word(after[0])
    else:
        left_inside = right_inside = bool(before and after) and _is_word(before[-1]) and _is_word(after[0])
    trail, lead = _trailing_space(before), _leading_space(after)
    left_char, right_char = before.rstrip()[-1:], after.lstrip()[:1]
    if not words:
        if left_inside or right_inside or not removed:
            return Splice(len(before), 0, "")
        existing = before[len(before) - trail:] or after[:lead]
        gap = space_between(left_char, right_char, existing, language)
        if gap and gap == before[len(before) - trail:]:
            return Splice(len(before), lead, "")
        if gap and gap == after[:lead]:
            return Splice(len(before) - trail, 0, "")
        return Splice(len(before) - trail, lead, gap)
    own_lead = inserted[: len(inserted) - len(inserted.lstrip())]
    own_trail = inserted[len(inserted.rstrip()):]
    if left_inside:
        keep_before, left = len(before), own_lead
    else:
        existing = before[len(before) - trail:] or own_lead
        keep_before, left = len(before) - trail, space_between(left_char, words[0], existing, language)
    if right_inside:
        skip_after, right = 0, own_trail
    else:
        existing = after[:lead] or own_trail
        skip_after, right = lead, space_between(words[-1], right_char, existing, language)
    # Where the text's own space is the one wanted, it stays untouched (with any footnote
    # reference or format next to it).
    if not left_inside and left == before[keep_before:]:
        keep_before, left = len(before), ""
    if not right_inside and right == after[:skip_after]:
        skip_after, right = 0, ""
    return Splice(keep_before, skip_after, left + words + right)


# ----------------------------------------------------------------------------- marked-up text

def _atoms(text: str) -> list[Run]:
    """A text as one run per plain character, footnote references as runs of their own."""
    atoms: list[Run] = []
    for run in markup.parse(text):
        if run.footnote is not None:
            atoms.append(run)
        else:
            atoms.extend(Run(char, run.italic, run.bold) for char in run.text)
    return atoms


def edit_text(text: str, start: int, end: int, new: str, language: str = "") -> str:
    """Replace plain offsets [start, end) of marked-up `text` by marked-up `new`, with the
    spaces at each edge as the script wants them (`spacing.splice`).

    Footnote references inside the span go with it; those at its edges stay."""
    atoms = _atoms(text)
    positions = [k for k, atom in enumerate(atoms) if atom.footnote is None]
    if not 0 <= start <= end <= len(positions):
        raise ProposalError(f"span {start}–{end} is outside a text of {len(positions)} characters")
    first = positions[start] if start < len(positions) else len(atoms)
    if end > start:
        last = positions[end - 1] + 1
    else:
        last = first
    if end == start and start > 0:
        # An insertion goes right after the character before it, ahead of any reference.
        first = last = positions[start - 1] + 1
    widened_start, widened_end, spaced = spaced_edit(text, start, end, new, language)
    # Spaces the edit makes redundant go; references among them stay where they were.
    left_refs = [a for a in atoms[positions[widened_start] if widened_start < start else first:first]
                 if a.footnote is not None]
    cut_to = positions[widened_end - 1] + 1 if widened_end > end else last
    right_refs = [a for a in atoms[last:cut_to] if a.footnote is not None]
    head = atoms[:positions[widened_start] if widened_start < start else first]
    return markup.to_markup(head + left_refs + list(markup.parse(spaced)) + right_refs + atoms[max(cut_to, last):])


def spaced_edit(text: str, start: int, end: int, new: str, language: str = "") -> tuple[int, int, str]:
    """An edit of plain offsets [start, end) of marked-up `text` by marked-up `new`, with
    its edges spaced for the script (`spacing.splice`): the span widened over the spaces
    that go, and `new` with the spaces it needs at each end."""
    plain = markup.plain(text)
    inserted = markup.plain(new)
    # A footnote reference right after the span ends the words put in its place: the
    # spaces past it are the text's own, and a splice across it would put the new words
    # after the reference in the compilation ('nous[^1] :' → '[^1]nous\u00a0:').  A
    # deletion still takes the space it makes redundant, the reference kept in place.
    after = "" if inserted.strip() and _reference_at(text, end) else plain[end:]
    joined = splice(plain[:start], plain[start:end], inserted, after, language)
    words = joined.inserted.strip()
    left = joined.inserted[: joined.inserted.index(words)] if words else joined.inserted
    right = joined.inserted[len(left) + len(words):]
    core = markup.to_markup(_strip_spaces(_atoms(new)))
    return joined.keep_before, end + joined.skip_after, left + core + right


def _reference_at(text: str, offset: int) -> bool:
    """Whether a footnote reference of marked-up `text` stands at plain `offset`."""
    if "[^" not in text:
        return False
    position = 0
    for run in markup.parse(text):
        if run.footnote is not None and position == offset:
            return True
        position += len(run.text) if run.footnote is None else 0
        if position > offset:
            return False
    return False


def formatted_like(text: str, start: int, end: int, new: str) -> str:
    """Marked-up `new` in the format of the words it replaces, plain offsets [start, end)
    of `text`, when those are all italic or all bold and `new` says no format of its own:
    '--replace "IDd" --with "IDc"' inside '*Cooperative approach IDd*' stays italic."""
    runs = markup.parse(new)
    if any(run.italic or run.bold for run in runs):
        return new
    replaced = [atom for atom in _atoms(text) if atom.footnote is None][start:end]
    letters = [atom for atom in replaced if not atom.text.isspace()]
    if not letters:
        return new
    italic, bold = all(a.italic for a in letters), all(a.bold for a in letters)
    if not (italic or bold):
        return new
    return markup.to_markup([Run(r.text, italic, bold, r.footnote) for r in runs])


def _strip_spaces(atoms: list[Run]) -> list[Run]:
    """Atoms without the spaces at their two ends (references kept)."""
    start, end = 0, len(atoms)
    while start < end and atoms[start].footnote is None and atoms[start].text.isspace():
        start += 1
    while end > start and atoms[end - 1].footnote is None and atoms[end - 1].text.isspace():
        end -= 1
    return atoms[start:end]
