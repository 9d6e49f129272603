"""Every word the tool writes around a text, in the six UN languages, and how the
proposers of a proposal are written after it.

One table for every renderer (HTML pages, Word files, text tables): the compilation's
legend (`LEGEND`, `LEGEND_NOTES`), what a proposal on a whole paragraph says of itself
(`NOTE_INTROS`), the words of the compilation page (`PAGE_PHRASES`), and the words of
the comparison, round and blame pages, statuses, places and moves (`WORDS`).  A language
outside the six gets the English words (`phrase_language`).  The words hold no HTML
special character, so a renderer may write them as they are once the codes and places it
puts into them are escaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum

from drafttool.model import ProposalOp, ProposalStatus, Status, StatusValue
from drafttool.negotiate.compilation import Piece, PieceKind, Proposers

class AttributionStyle(StrEnum):
    PARENTHESES = "parentheses"
    DASH = "dash"
    NONE = "none"


ATTRIBUTION_STYLES = tuple(style.value for style in AttributionStyle)
"""How proposers are written after a span (docs/negotiated-texts.md, 'Compilation texts'):
'parentheses' `(EU)`, `(USA, CAN: delete)`; 'dash' `– EU`, `– USA, CAN delete`; 'none' —
some processes publish the compilation without attribution on purpose."""


def _plain(code: str) -> str:
    return code


def names_text(codes: Iterable[str], language: str = "en", code: Callable[[str], str] = _plain) -> str:
    """Delegation codes joined as the language joins a list: 'USA, CAN', 'USA، CAN', 'USA、CAN'."""
    return WORDS[phrase_language(language)]["list"].join(code(c) for c in codes)


def support_text(supporters: Sequence[str], opponents: Sequence[str], language: str = "en",
                 code: Callable[[str], str] = _plain) -> str:
    """What follows the proposers: '; supported by AfG; opposed by EU', or ''."""
    words = WORDS[phrase_language(language)]
    extra = ""
    if supporters:
        extra += words["semicolon"] + words["supported-by"].format(codes=names_text(supporters, language, code))
    if opponents:
        extra += words["semicolon"] + words["opposed-by"].format(codes=names_text(opponents, language, code))
    return extra


def _bracketed(inner: str, language: str) -> str:
    words = WORDS[phrase_language(language)]
    return f"{words['open']}{inner}{words['close']}"


def attribution_text(piece: Piece, style: str = "parentheses", *, with_support: bool = True, language: str = "en",
                     code: Callable[[str], str] = _plain) -> str:
    """The words written after a proposal's span: '(EU)', '(USA, CAN: delete)',
    '– G77; supported by AfG; opposed by EU', or '' with style 'none'; in `language`
    ('(RUS\u00a0: supprimer)'), each delegation code through `code` (a renderer escapes
    or isolates it there)."""
    who = piece.proposers
    if who is None or style == "none" or not piece.ends_proposal:
        return ""
    deleting = piece.kind is PieceKind.DELETE and who.op in (ProposalOp.DELETE, ProposalOp.DELETE_PARAGRAPH)
    space = "" if phrase_language(language) == "zh" else " "  # no space before a full-width parenthesis
    return space + proposers_text(who, style, "delete" if deleting else "", with_support=with_support,
                                language=language, code=code)


def proposers_text(who: Proposers, style: str = "parentheses", what: str = "", *, with_support: bool = True,
                   language: str = "en", code: Callable[[str], str] = _plain) -> str:
    """Proposers of a whole-paragraph proposal: '(EU: delete)', '– USA alt', ''; `what`
    is written in `language` where the table has it ('delete' → 'supprimer')."""
    if style == "none":
        return ""
    words = WORDS[phrase_language(language)]
    names = names_text(who.by, language, code)
    extra = support_text(who.supporters, who.opponents, language, code) if with_support else ""
    what = words.get(f"what-{what}", what) if what else ""
    if style == "dash":
        return f"– {names}{' ' + what if what else ''}{extra}"
    return _bracketed(f"{names}{words['colon'] + what if what else ''}{extra}", language)


LEGEND = {
    "en": (
        ("insert", "Words proposed for insertion are in bold and underlined, followed by their proposers."),
        ("delete", "Words proposed for deletion are struck through, followed by their proposers."),
        ("insert-unattributed", "Words proposed for insertion are in bold and underlined."),
        ("delete-unattributed", "Words proposed for deletion are struck through."),
        ("group", "Where proposals overlap, the text as it stands is shown in brackets, then each proposal's version."),
        ("added", "Paragraphs proposed to be added are labelled bis, ter … (supra: before the paragraph named)."),
        ("alternative", "Alternative wordings are listed under their paragraph (alt, alt2 …)."),
        ("status", "The status of each paragraph is shown in square brackets at its end."),
    ),
    "fr": (
        ("insert", "Les ajouts proposés sont en gras et soulignés, suivis du nom de leurs auteurs."),
        ("delete", "Les suppressions proposées sont barrées, suivies du nom de leurs auteurs."),
        ("insert-unattributed", "Les ajouts proposés sont en gras et soulignés."),
        ("delete-unattributed", "Les suppressions proposées sont barrées."),
        ("group", "Lorsque des propositions se chevauchent, le texte actuel figure entre crochets, puis la version "
                  "de chaque proposition."),
        ("added", "Les paragraphes dont l’ajout est proposé portent la mention bis, ter … (supra\u00a0: avant le "
                  "paragraphe indiqué)."),
        ("alternative", "Les libellés de remplacement figurent sous leur paragraphe (alt, alt2 …)."),
        ("status", "L’état de chaque paragraphe est indiqué entre crochets à la fin de celui-ci."),
    ),
    "es": (
        ("insert", "Las palabras cuya inserción se propone figuran en negrita y subrayadas, seguidas de los autores "
                   "de la propuesta."),
        ("delete", "Las palabras cuya supresión se propone figuran tachadas, seguidas de los autores de la "
                   "propuesta."),
        ("insert-unattributed", "Las palabras cuya inserción se propone figuran en negrita y subrayadas."),
        ("delete-unattributed", "Las palabras cuya supresión se propone figuran tachadas."),
        ("group", "Cuando las propuestas se superponen, el texto actual figura entre corchetes, seguido de la "
                  "versión de cada propuesta."),
        ("added", "Los párrafos cuya adición se propone llevan la indicación bis, ter … (supra: antes del párrafo "
                  "indicado)."),
        ("alternative", "Las redacciones alternativas figuran bajo su párrafo (alt, alt2 …)."),
        ("status", "El estado de cada párrafo se indica entre corchetes al final del párrafo."),
    ),
    "ru": (
        ("insert", "Слова, которые предлагается добавить, выделены полужирным шрифтом и подчеркиванием; после них "
                   "указаны авторы предложения."),
        ("delete", "Слова, которые предлагается исключить, зачеркнуты; после них указаны авторы предложения."),
        ("insert-unattributed", "Слова, которые предлагается добавить, выделены полужирным шрифтом и "
                                "подчеркиванием."),
        ("delete-unattributed", "Слова, которые предлагается исключить, зачеркнуты."),
        ("group", "Если предложения пересекаются, нынешний текст приводится в квадратных скобках, а за ним — "
                  "вариант каждого предложения."),
        ("added", "Пункты, которые предлагается добавить, обозначены bis, ter … (supra: перед указанным пунктом)."),
        ("alternative", "Альтернативные формулировки приводятся под соответствующим пунктом (alt, alt2 …)."),
        ("status", "Статус каждого пункта указан в квадратных скобках в его конце."),
    ),
    "ar": (
        ("insert", "الكلمات المقترح إدراجها مكتوبة بخط عريض وتحتها خط، وتليها أسماء مقدمي الاقتراح."),
        ("delete", "الكلمات المقترح حذفها مشطوب عليها، وتليها أسماء مقدمي الاقتراح."),
        ("insert-unattributed", "الكلمات المقترح إدراجها مكتوبة بخط عريض وتحتها خط."),
        ("delete-unattributed", "الكلمات المقترح حذفها مشطوب عليها."),
        ("group", "حيثما تتداخل الاقتراحات، يُعرض النص الحالي بين معقوفتين، ثم صيغة كل اقتراح."),
        ("added", "تحمل الفقرات المقترح إضافتها التسمية bis، ter … (supra: قبل الفقرة المذكورة)."),
        ("alternative", "تَرِد الصيغ البديلة تحت الفقرة المعنية (alt، alt2 …)."),
        ("status", "تُبيَّن حالة كل فقرة بين معقوفتين في نهايتها."),
    ),
    "zh": (
        ("insert", "提议插入的文字以粗体加下划线显示，其后注明提议方。"),
        ("delete", "提议删除的文字以删除线显示，其后注明提议方。"),
        ("insert-unattributed", "提议插入的文字以粗体加下划线显示。"),
        ("delete-unattributed", "提议删除的文字以删除线显示。"),
        ("group", "提案相互重叠时，现有案文列于方括号内，其后列出各项提案的文本。"),
        ("added", "提议增加的段落标为 bis、ter……（supra：置于所指段落之前）。"),
        ("alternative", "替代措辞列于相关段落之下（alt、alt2……）。"),
        ("status", "每段的状态以方括号注明于段末。"),
    ),
}
"""The conventions of a compilation text, in the six UN languages."""

LEGEND_NOTES = {
    "en": {
        "compilation": "Compilation text",
        "title": "Legend",
        "parentheses": "The proposers follow each proposal in parentheses: {insert}, {delete}, {support}.",
        "dash": "The proposers follow each proposal after a dash: {insert}, {delete}, {support}.",
        "none": "Attribution is omitted: the proposals are shown without the delegations that made them.",
        "every-status": "Proposals of every status are shown, each followed by its status in square brackets; "
                        "rejected, withdrawn and merged proposals are greyed.",
        "colours": "Paragraphs are coloured by status:",
    },
    "fr": {
        "compilation": "Texte de compilation",
        "title": "Légende",
        "parentheses": "Les auteurs suivent chaque proposition, entre parenthèses\u00a0: {insert}, {delete}, "
                       "{support}.",
        "dash": "Les auteurs suivent chaque proposition, après un tiret\u00a0: {insert}, {delete}, {support}.",
        "none": "L’attribution est omise\u00a0: les propositions figurent sans le nom des délégations qui les ont "
                "faites.",
        "every-status": "Les propositions de tous états figurent, chacune suivie de son état entre crochets\u00a0; "
                        "les propositions rejetées, retirées ou fusionnées sont grisées.",
        "colours": "Les paragraphes sont colorés selon leur état\u00a0:",
    },
    "es": {
        "compilation": "Texto de compilación",
        "title": "Leyenda",
        "parentheses": "Los autores figuran después de cada propuesta, entre paréntesis: {insert}, {delete}, "
                       "{support}.",
        "dash": "Los autores figuran después de cada propuesta, tras un guion: {insert}, {delete}, {support}.",
        "none": "Se omite la atribución: las propuestas figuran sin las delegaciones que las formularon.",
        "every-status": "Figuran las propuestas en todos los estados, cada una seguida de su estado entre "
                        "corchetes; las propuestas rechazadas, retiradas o fusionadas aparecen en gris.",
        "colours": "Los párrafos están coloreados según su estado:",
    },
    "ru": {
        "compilation": "Сводный текст",
        "title": "Условные обозначения",
        "parentheses": "Авторы указаны после каждого предложения в скобках: {insert}, {delete}, {support}.",
        "dash": "Авторы указаны после каждого предложения через тире: {insert}, {delete}, {support}.",
        "none": "Авторство не указывается: предложения приводятся без названий внесших их делегаций.",
        "every-status": "Приводятся предложения с любым статусом, после каждого — его статус в квадратных "
                        "скобках; отклоненные, отозванные и объединенные предложения выделены серым.",
        "colours": "Пункты выделены цветом по статусу:",
    },
    "ar": {
        "compilation": "النص التجميعي",
        "title": "مفتاح الرموز",
        "parentheses": "تَرِد أسماء مقدمي كل اقتراح بعده بين قوسين: {insert}، {delete}، {support}.",
        "dash": "تَرِد أسماء مقدمي كل اقتراح بعده بعد شرطة: {insert}، {delete}، {support}.",
        "none": "أُغفلت الإشارة إلى مقدمي الاقتراحات: تُعرض الاقتراحات دون أسماء الوفود التي قدمتها.",
        "every-status": "تُعرض الاقتراحات بجميع حالاتها، وتلي كلاً منها حالته بين معقوفتين؛ وتظهر الاقتراحات "
                        "المرفوضة والمسحوبة والمدمجة باللون الرمادي.",
        "colours": "الفقرات ملونة حسب حالتها:",
    },
    "zh": {
        "compilation": "汇编案文",
        "title": "说明",
        "parentheses": "每项提案之后以括号注明提议方：{insert}、{delete}、{support}。",
        "dash": "每项提案之后以破折号注明提议方：{insert}、{delete}、{support}。",
        "none": "不注明提议方：所列提案不显示提出提案的代表团。",
        "every-status": "列出所有状态的提案，每项提案后以方括号注明其状态；已拒绝、已撤回和已合并的提案以灰色显示。",
        "colours": "段落按状态着色：",
    },
}
"""The rest of the legend, in the six UN languages: the headings, how attribution is
written (its samples come from `attribution_text`), the statuses shown, the colours."""


NOTE_INTROS = {
    "en": {"delete": "Proposed for deletion", "after": "Proposed to be moved after {label}",
           "before": "Proposed to be moved before {label}", "retain": "Proposed to be retained",
           "statement": "Statement", "no-text": "no text", "colon": ":", "after-colon": " "},
    "fr": {"delete": "Proposition de suppression", "after": "Proposition de déplacement après {label}",
           "before": "Proposition de déplacement avant {label}", "retain": "Proposition de maintien",
           "statement": "Déclaration", "no-text": "pas de texte", "colon": "\u00a0:", "after-colon": " "},
    "es": {"delete": "Propuesta de supresión", "after": "Propuesta de traslado después de {label}",
           "before": "Propuesta de traslado antes de {label}", "retain": "Propuesta de mantenimiento",
           "statement": "Declaración", "no-text": "sin texto", "colon": ":", "after-colon": " "},
    "ru": {"delete": "Предложение исключить", "after": "Предложение перенести после {label}",
           "before": "Предложение перенести перед {label}", "retain": "Предложение сохранить",
           "statement": "Заявление", "no-text": "без текста", "colon": ":", "after-colon": " "},
    "ar": {"delete": "اقتراح بالحذف", "after": "اقتراح بالنقل إلى ما بعد {label}",
           "before": "اقتراح بالنقل إلى ما قبل {label}", "retain": "اقتراح بالإبقاء",
           "statement": "بيان", "no-text": "لا نص", "colon": ":", "after-colon": " "},
    "zh": {"delete": "提议删除", "after": "提议移至{label}之后", "before": "提议移至{label}之前", "retain": "提议保留",
           "statement": "发言", "no-text": "无案文", "colon": "：", "after-colon": ""},
}
"""What a proposal on a whole paragraph says of itself, in the six UN languages; 'colon'
ends a statement's intro (a no-break space before it in French, full width in Chinese,
which needs no space after it: 'after-colon')."""


PAGE_PHRASES = {
    "en": {"shown": "{n} proposals shown", "shown-one": "1 proposal shown", "every-status": ", of every status",
           "filter": "Show the amendments proposed by", "all": "all delegations",
           "count": "{n} proposals", "count-one": "1 proposal",
           "skipped": "Proposals not shown: they no longer fit the text ({n})"},
    "fr": {"shown": "propositions présentées\u00a0: {n}", "shown-one": "propositions présentées\u00a0: 1",
           "every-status": ", de tous états", "filter": "Afficher les amendements proposés par",
           "all": "toutes les délégations", "count": "propositions\u00a0: {n}", "count-one": "propositions\u00a0: 1",
           "skipped": "Propositions non présentées, qui ne correspondent plus au texte ({n})"},
    "es": {"shown": "propuestas presentadas: {n}", "shown-one": "propuestas presentadas: 1",
           "every-status": ", de todos los estados", "filter": "Mostrar las enmiendas propuestas por",
           "all": "todas las delegaciones", "count": "propuestas: {n}", "count-one": "propuestas: 1",
           "skipped": "Propuestas no presentadas: ya no corresponden al texto ({n})"},
    "ru": {"shown": "показано предложений: {n}", "shown-one": "показано предложений: 1",
           "every-status": ", с любым статусом", "filter": "Показать поправки делегации",
           "all": "все делегации", "count": "предложений: {n}", "count-one": "предложений: 1",
           "skipped": "Не показанные предложения: они больше не соответствуют тексту ({n})"},
    "ar": {"shown": "الاقتراحات المعروضة: {n}", "shown-one": "الاقتراحات المعروضة: 1",
           "every-status": "، بجميع حالاتها", "filter": "عرض التعديلات التي اقترحها",
           "all": "جميع الوفود", "count": "الاقتراحات: {n}", "count-one": "الاقتراحات: 1",
           "skipped": "اقتراحات غير معروضة: لم تعد تنطبق على النص ({n})"},
    "zh": {"shown": "所列提案：{n}", "shown-one": "所列提案：1", "every-status": "，所有状态",
           "filter": "按提出方显示修正：", "all": "所有代表团", "count": "提案：{n}", "count-one": "提案：1",
           "skipped": "未列出的提案：已不再适用于案文（{n}）"},
}
"""The words around the compilation text on its HTML page (the line under the masthead,
the delegation filter and its count, the proposals that no longer fit), in the six UN
languages; '{n}' is a number; 'every-status' starts with its language's comma.  Counts
are written 'proposals: 3' where the word's plural would depend on the number."""


STATUS_COLOURS = {"agreed": "#e2efd9", "agreed-ad-ref": "#deeaf6", "pending": "#fff2cc", "silence": "#ededed",
                  "bracketed": "#fbe4d5"}
"""Paragraph backgrounds by status with `colour_statuses` (the Word compilation's shading too)."""


def phrase_language(language: str) -> str:
    """The language the words around a compilation text are written in: the text's, where it
    is one of the six UN languages (the keys of LEGEND, LEGEND_NOTES, NOTE_INTROS and
    PAGE_PHRASES), English otherwise."""
    code = language.split("-")[0].lower()
    return code if code in LEGEND else "en"


def legend(language: str, attribution: str = "parentheses") -> tuple[tuple[str, str], ...]:
    """The conventions of the compilation, in its language (English where not one of the six);
    without attribution, insertions and deletions are not said to name their proposers."""
    lines = LEGEND[phrase_language(language)]
    unattributed = attribution == "none"
    return tuple(
        (key.removesuffix("-unattributed"), text) for key, text in lines
        if key.endswith("-unattributed") == unattributed or key not in ("insert", "delete", "insert-unattributed",
                                                                        "delete-unattributed")
    )


WORDS: dict[str, dict[str, str]] = {
    "en": {
        "list": ", ", "semicolon": "; ", "colon": ": ", "open": "(", "close": ")", "arrow": "→",
        "supported-by": "supported by {codes}", "opposed-by": "opposed by {codes}", "what-delete": "delete",
        "status-open": "open", "status-bracketed": "bracketed", "status-agreed": "agreed",
        "status-agreed-ad-ref": "agreed ad ref", "status-pending": "pending", "status-silence": "silence",
        "proposal-pending": "pending", "proposal-accepted": "accepted", "proposal-rejected": "rejected",
        "proposal-withdrawn": "withdrawn", "proposal-merged": "merged",
        "op-unchanged": "unchanged", "op-renumbered": "renumbered", "op-edited": "edited", "op-moved": "moved",
        "op-split": "split", "op-merged": "merged", "op-inserted": "inserted", "op-deleted": "deleted",
        "count": "{n} {what}", "comparison": "Comparison of {old} with {new}", "by": "by {codes}",
        "and-edited": "and edited", "typography-only": "typography only", "status-change": "status {old} → {new}",
        "from-start": "moved from the start", "from-after": "moved from after {place}", "now": "(now {place})",
        "now-deleted": "(now deleted)", "to-start": "to the start", "to-after": "to after {place}",
        "not-in-round": "(not in this round)",
        "legend-inserted": "inserted", "legend-deleted": "deleted", "legend-proposers": "proposers",
        "legend-typography": "typography", "legend-break": "paragraph break", "legend-numbers": "old → new numbers",
        "legend-footnotes": "footnotes", "break-added": "paragraph break added",
        "break-removed": "paragraph break removed", "format-changed": "format changed",
        "footnote-count": "{n} footnotes {op}", "footnote-count-one": "1 footnote {op}",
        "fold-unchanged": "{n} unchanged paragraphs", "fold-unchanged-one": "1 unchanged paragraph",
        "fold-renumbered": "{n} paragraphs renumbered", "fold-renumbered-one": "1 paragraph renumbered",
        "fold-mixed": "{n} paragraphs unchanged or renumbered ({r} renumbered)",
        "fold-hidden": "{n} unchanged not shown", "hidden": "{n} unchanged paragraphs not shown",
        "hidden-one": "1 unchanged paragraph not shown",
        "status-only": "{n} paragraphs changed status only: {change}",
        "status-only-one": "1 paragraph changed status only: {change}",
        "show-status-only": "Show them",
        "footnotes-title": "Footnotes", "numbers-title": "Paragraph numbers, old → new ({n})", "change-column": "change",
        "hide-typographic": "Hide changes of typography only ({n})", "filter-changes": "Show the changes proposed by",
        "filter-passages": "Show the passages proposed by", "all-delegations": "all delegations", "shown": "{n} shown",
        "round": "Round {label}",
        "origin": "Origin of the text of {round}{date}: each passage is marked with the round it entered the text "
                  "in and who proposed it; text from {first} is plain.",
        "passages": "{n} passages", "passages-one": "1 passage", "plain-text": "{round}: plain text",
        "rounds": "Rounds", "chair": "Chair",
        "place-OP": "OP {n}", "place-PP": "PP {n}", "place-Art.": "Art. {n}", "place-¶": "¶ {n}", "place-join": " ",
        "place-title": "title", "place-heading": "heading", "place-text": "text", "place-note": "note",
        "place-after": "{what} after {place}",
    },
    "fr": {
        "list": ", ", "semicolon": "\u00a0; ", "colon": "\u00a0: ", "open": "(", "close": ")", "arrow": "→",
        "supported-by": "appuyé par {codes}", "opposed-by": "objection de {codes}", "what-delete": "supprimer",
        "status-open": "ouvert", "status-bracketed": "entre crochets", "status-agreed": "approuvé",
        "status-agreed-ad-ref": "approuvé ad referendum", "status-pending": "approuvé sous réserve",
        "status-silence": "procédure d’approbation tacite",
        "proposal-pending": "en attente", "proposal-accepted": "acceptée", "proposal-rejected": "rejetée",
        "proposal-withdrawn": "retirée", "proposal-merged": "fusionnée",
        "op-unchanged": "inchangé", "op-renumbered": "renuméroté", "op-edited": "modifié", "op-moved": "déplacé",
        "op-split": "scindé", "op-merged": "fusionné", "op-inserted": "ajouté", "op-deleted": "supprimé",
        "count": "{what}\u00a0: {n}", "comparison": "Comparaison de {old} et de {new}", "by": "proposé par {codes}",
        "and-edited": "et modifié", "typography-only": "typographie seulement", "status-change": "état {old} → {new}",
        "from-start": "déplacé depuis le début", "from-after": "déplacé depuis la suite de {place}",
        "now": "(désormais {place})", "now-deleted": "(désormais supprimé)", "to-start": "au début",
        "to-after": "à la suite de {place}", "not-in-round": "(absent de cette version)",
        "legend-inserted": "ajout", "legend-deleted": "suppression", "legend-proposers": "auteurs",
        "legend-typography": "typographie", "legend-break": "saut de paragraphe",
        "legend-numbers": "anciens → nouveaux numéros", "legend-footnotes": "notes",
        "break-added": "saut de paragraphe ajouté", "break-removed": "saut de paragraphe supprimé",
        "format-changed": "mise en forme modifiée",
        "footnote-count": "notes ({op})\u00a0: {n}", "footnote-count-one": "notes ({op})\u00a0: 1",
        "fold-unchanged": "paragraphes inchangés\u00a0: {n}", "fold-unchanged-one": "paragraphes inchangés\u00a0: 1",
        "fold-renumbered": "paragraphes renumérotés\u00a0: {n}", "fold-renumbered-one": "paragraphes renumérotés\u00a0: 1",
        "fold-mixed": "paragraphes inchangés ou renumérotés\u00a0: {n} (renumérotés\u00a0: {r})",
        "fold-hidden": "inchangés non affichés\u00a0: {n}", "hidden": "paragraphes inchangés non affichés\u00a0: {n}",
        "hidden-one": "paragraphes inchangés non affichés\u00a0: 1",
        "status-only": "paragraphes dont seul l’état a changé\u00a0: {n} ({change})",
        "status-only-one": "paragraphes dont seul l’état a changé\u00a0: 1 ({change})",
        "show-status-only": "Les afficher",
        "footnotes-title": "Notes", "numbers-title": "Numéros des paragraphes, anciens → nouveaux ({n})",
        "change-column": "changement", "hide-typographic": "Masquer les changements purement typographiques ({n})",
        "filter-changes": "Afficher les changements proposés par",
        "filter-passages": "Afficher les passages proposés par", "all-delegations": "toutes les délégations",
        "shown": "affichés\u00a0: {n}", "round": "Version {label}",
        "origin": "Origine du texte de {round}{date}\u00a0: chaque passage est marqué de la version où il est entré "
                  "dans le texte et du nom de ses auteurs\u00a0; le texte de {first} figure sans marque.",
        "passages": "passages\u00a0: {n}", "passages-one": "passages\u00a0: 1", "plain-text": "{round}\u00a0: texte sans marque",
        "rounds": "Versions", "chair": "Présidence",
        "place-OP": "par. {n}", "place-PP": "al. {n} du préambule", "place-Art.": "art. {n}", "place-¶": "par. {n}",
        "place-join": ", ", "place-title": "titre", "place-heading": "intertitre", "place-text": "texte",
        "place-note": "note", "place-after": "{what} après {place}",
    },
    "es": {
        "list": ", ", "semicolon": "; ", "colon": ": ", "open": "(", "close": ")", "arrow": "→",
        "supported-by": "con el apoyo de {codes}", "opposed-by": "con la oposición de {codes}",
        "what-delete": "suprimir",
        "status-open": "abierto", "status-bracketed": "entre corchetes", "status-agreed": "acordado",
        "status-agreed-ad-ref": "acordado ad referendum", "status-pending": "acordado con reservas",
        "status-silence": "procedimiento de acuerdo tácito",
        "proposal-pending": "pendiente", "proposal-accepted": "aceptada", "proposal-rejected": "rechazada",
        "proposal-withdrawn": "retirada", "proposal-merged": "fusionada",
        "op-unchanged": "sin cambios", "op-renumbered": "renumerado", "op-edited": "modificado",
        "op-moved": "trasladado", "op-split": "dividido", "op-merged": "fusionado", "op-inserted": "añadido",
        "op-deleted": "suprimido",
        "count": "{what}: {n}", "comparison": "Comparación de {old} con {new}", "by": "propuesto por {codes}",
        "and-edited": "y modificado", "typography-only": "solo tipografía", "status-change": "estado {old} → {new}",
        "from-start": "trasladado desde el principio", "from-after": "trasladado desde después de {place}",
        "now": "(ahora {place})", "now-deleted": "(ahora suprimido)", "to-start": "al principio",
        "to-after": "a después de {place}", "not-in-round": "(no figura en esta versión)",
        "legend-inserted": "adición", "legend-deleted": "supresión", "legend-proposers": "autores",
        "legend-typography": "tipografía", "legend-break": "salto de párrafo",
        "legend-numbers": "números antiguos → nuevos", "legend-footnotes": "notas",
        "break-added": "salto de párrafo añadido", "break-removed": "salto de párrafo suprimido",
        "format-changed": "formato modificado",
        "footnote-count": "notas ({op}): {n}", "footnote-count-one": "notas ({op}): 1",
        "fold-unchanged": "párrafos sin cambios: {n}", "fold-unchanged-one": "párrafos sin cambios: 1",
        "fold-renumbered": "párrafos renumerados: {n}", "fold-renumbered-one": "párrafos renumerados: 1",
        "fold-mixed": "párrafos sin cambios o renumerados: {n} (renumerados: {r})",
        "fold-hidden": "sin cambios no mostrados: {n}", "hidden": "párrafos sin cambios no mostrados: {n}",
        "hidden-one": "párrafos sin cambios no mostrados: 1",
        "status-only": "párrafos que solo cambiaron de estado: {n} ({change})",
        "status-only-one": "párrafos que solo cambiaron de estado: 1 ({change})",
        "show-status-only": "Mostrarlos",
        "footnotes-title": "Notas", "numbers-title": "Números de los párrafos, antiguos → nuevos ({n})",
        "change-column": "cambio", "hide-typographic": "Ocultar los cambios solo tipográficos ({n})",
        "filter-changes": "Mostrar los cambios propuestos por", "filter-passages": "Mostrar los pasajes propuestos por",
        "all-delegations": "todas las delegaciones", "shown": "mostrados: {n}", "round": "Versión {label}",
        "origin": "Origen del texto de {round}{date}: cada pasaje lleva la versión en que entró en el texto y sus "
                  "autores; el texto de {first} figura sin marca.",
        "passages": "pasajes: {n}", "passages-one": "pasajes: 1", "plain-text": "{round}: texto sin marca",
        "rounds": "Versiones", "chair": "Presidencia",
        "place-OP": "párr. {n}", "place-PP": "párr. {n} del preámbulo", "place-Art.": "art. {n}",
        "place-¶": "párr. {n}", "place-join": ", ", "place-title": "título", "place-heading": "epígrafe",
        "place-text": "texto", "place-note": "nota", "place-after": "{what} después de {place}",
    },
    "ru": {
        "list": ", ", "semicolon": "; ", "colon": ": ", "open": "(", "close": ")", "arrow": "→",
        "supported-by": "при поддержке {codes}", "opposed-by": "возражает {codes}", "what-delete": "исключить",
        "status-open": "открыт", "status-bracketed": "в скобках", "status-agreed": "согласован",
        "status-agreed-ad-ref": "согласован ad referendum", "status-pending": "согласован с оговоркой",
        "status-silence": "процедура умолчания",
        "proposal-pending": "на рассмотрении", "proposal-accepted": "принято", "proposal-rejected": "отклонено",
        "proposal-withdrawn": "отозвано", "proposal-merged": "объединено",
        "op-unchanged": "без изменений", "op-renumbered": "перенумерован", "op-edited": "изменен",
        "op-moved": "перенесен", "op-split": "разделен", "op-merged": "объединен", "op-inserted": "добавлен",
        "op-deleted": "исключен",
        "count": "{what}: {n}", "comparison": "Сравнение: {old} и {new}", "by": "предложение: {codes}",
        "and-edited": "и изменен", "typography-only": "только оформление", "status-change": "статус {old} → {new}",
        "from-start": "перенесен из начала", "from-after": "перенесен из места после {place}",
        "now": "(теперь {place})", "now-deleted": "(теперь исключен)", "to-start": "в начало",
        "to-after": "на место после {place}", "not-in-round": "(нет в этой редакции)",
        "legend-inserted": "добавлено", "legend-deleted": "исключено", "legend-proposers": "авторы",
        "legend-typography": "оформление", "legend-break": "разрыв абзаца",
        "legend-numbers": "старые → новые номера", "legend-footnotes": "сноски",
        "break-added": "разрыв абзаца добавлен", "break-removed": "разрыв абзаца удален",
        "format-changed": "изменено оформление",
        "footnote-count": "сноски ({op}): {n}", "footnote-count-one": "сноски ({op}): 1",
        "fold-unchanged": "пункты без изменений: {n}", "fold-unchanged-one": "пункты без изменений: 1",
        "fold-renumbered": "перенумерованные пункты: {n}", "fold-renumbered-one": "перенумерованные пункты: 1",
        "fold-mixed": "пункты без изменений или перенумерованные: {n} (перенумерованные: {r})",
        "fold-hidden": "не показано без изменений: {n}", "hidden": "не показано пунктов без изменений: {n}",
        "hidden-one": "не показано пунктов без изменений: 1",
        "status-only": "пункты, у которых изменился только статус: {n} ({change})",
        "status-only-one": "пункты, у которых изменился только статус: 1 ({change})",
        "show-status-only": "Показать их",
        "footnotes-title": "Сноски", "numbers-title": "Номера пунктов, старые → новые ({n})",
        "change-column": "изменение", "hide-typographic": "Скрыть изменения только в оформлении ({n})",
        "filter-changes": "Показать изменения, предложенные", "filter-passages": "Показать фрагменты, предложенные",
        "all-delegations": "всеми делегациями", "shown": "показано: {n}", "round": "Редакция {label}",
        "origin": "Происхождение текста {round}{date}: у каждого фрагмента указаны редакция, в которой он вошел в "
                  "текст, и его авторы; текст из {first} приводится без пометок.",
        "passages": "фрагменты: {n}", "passages-one": "фрагменты: 1", "plain-text": "{round}: текст без пометок",
        "rounds": "Редакции", "chair": "Председатель",
        "place-OP": "п. {n}", "place-PP": "п. {n} преамбулы", "place-Art.": "ст. {n}", "place-¶": "п. {n}",
        "place-join": ", ", "place-title": "название", "place-heading": "заголовок", "place-text": "текст",
        "place-note": "примечание", "place-after": "{what} после {place}",
    },
    "ar": {
        "list": "، ", "semicolon": "؛ ", "colon": ": ", "open": "(", "close": ")", "arrow": "←",
        "supported-by": "بتأييد من {codes}", "opposed-by": "باعتراض من {codes}", "what-delete": "حذف",
        "status-open": "مفتوحة", "status-bracketed": "بين معقوفتين", "status-agreed": "متفق عليها",
        "status-agreed-ad-ref": "متفق عليها بشرط الاستشارة", "status-pending": "متفق عليها رهنا بالتأكيد",
        "status-silence": "إجراء الموافقة الضمنية",
        "proposal-pending": "قيد النظر", "proposal-accepted": "مقبول", "proposal-rejected": "مرفوض",
        "proposal-withdrawn": "مسحوب", "proposal-merged": "مدمج",
        "op-unchanged": "دون تغيير", "op-renumbered": "أعيد ترقيمها", "op-edited": "عُدِّلت", "op-moved": "نُقلت",
        "op-split": "قُسِّمت", "op-merged": "دُمجت", "op-inserted": "أُدرجت", "op-deleted": "حُذفت",
        "count": "{what}: {n}", "comparison": "مقارنة {old} مع {new}", "by": "اقتراح {codes}",
        "and-edited": "وعُدِّلت", "typography-only": "تغيير طباعي فقط", "status-change": "الحالة {old} ← {new}",
        "from-start": "نُقلت من البداية", "from-after": "نُقلت من بعد {place}", "now": "(الآن {place})",
        "now-deleted": "(حُذفت الآن)", "to-start": "إلى البداية", "to-after": "إلى ما بعد {place}",
        "not-in-round": "(غير واردة في هذه الصيغة)",
        "legend-inserted": "إدراج", "legend-deleted": "حذف", "legend-proposers": "مقدمو الاقتراح",
        "legend-typography": "تغيير طباعي", "legend-break": "فاصل فقرة", "legend-numbers": "الأرقام القديمة ← الجديدة",
        "legend-footnotes": "الحواشي", "break-added": "أُضيف فاصل فقرة", "break-removed": "حُذف فاصل فقرة",
        "format-changed": "تغيّر التنسيق",
        "footnote-count": "الحواشي ({op}): {n}", "footnote-count-one": "الحواشي ({op}): 1",
        "fold-unchanged": "فقرات دون تغيير: {n}", "fold-unchanged-one": "فقرات دون تغيير: 1",
        "fold-renumbered": "فقرات أعيد ترقيمها: {n}", "fold-renumbered-one": "فقرات أعيد ترقيمها: 1",
        "fold-mixed": "فقرات دون تغيير أو أعيد ترقيمها: {n} (أعيد ترقيمها: {r})",
        "fold-hidden": "فقرات دون تغيير غير معروضة: {n}", "hidden": "فقرات دون تغيير غير معروضة: {n}",
        "hidden-one": "فقرات دون تغيير غير معروضة: 1",
        "status-only": "فقرات تغيّرت حالتها فقط: {n} ({change})",
        "status-only-one": "فقرات تغيّرت حالتها فقط: 1 ({change})",
        "show-status-only": "عرضها",
        "footnotes-title": "الحواشي", "numbers-title": "أرقام الفقرات، القديمة ← الجديدة ({n})",
        "change-column": "التغيير", "hide-typographic": "إخفاء التغييرات الطباعية فقط ({n})",
        "filter-changes": "عرض التغييرات التي اقترحها", "filter-passages": "عرض المقاطع التي اقترحها",
        "all-delegations": "جميع الوفود", "shown": "المعروض: {n}", "round": "الصيغة {label}",
        "origin": "أصل نص {round}{date}: يحمل كل مقطع الصيغة التي دخل فيها النص ومقدمي اقتراحه؛ ويَرِد نص "
                  "{first} دون علامة.",
        "passages": "المقاطع: {n}", "passages-one": "المقاطع: 1", "plain-text": "{round}: نص دون علامة",
        "rounds": "الصيغ", "chair": "الرئاسة",
        "place-OP": "الفقرة {n}", "place-PP": "الفقرة {n} من الديباجة", "place-Art.": "المادة {n}",
        "place-¶": "الفقرة {n}", "place-join": "، ", "place-title": "العنوان", "place-heading": "العنوان الفرعي",
        "place-text": "النص", "place-note": "ملاحظة", "place-after": "{what} بعد {place}",
    },
    "zh": {
        "list": "、", "semicolon": "；", "colon": "：", "open": "（", "close": "）", "arrow": "→",
        "supported-by": "{codes}支持", "opposed-by": "{codes}反对", "what-delete": "删除",
        "status-open": "未决", "status-bracketed": "加方括号", "status-agreed": "已商定",
        "status-agreed-ad-ref": "暂定商定", "status-pending": "有待确认", "status-silence": "默许程序",
        "proposal-pending": "待定", "proposal-accepted": "已接受", "proposal-rejected": "已拒绝",
        "proposal-withdrawn": "已撤回", "proposal-merged": "已合并",
        "op-unchanged": "未改动", "op-renumbered": "重新编号", "op-edited": "修改", "op-moved": "移动",
        "op-split": "拆分", "op-merged": "合并", "op-inserted": "插入", "op-deleted": "删除",
        "count": "{what}：{n}", "comparison": "{old}与{new}比较", "by": "提议方：{codes}",
        "and-edited": "并修改", "typography-only": "仅排版", "status-change": "状态{old}→{new}",
        "from-start": "由开头移出", "from-after": "由{place}之后移出", "now": "（现为{place}）",
        "now-deleted": "（现已删除）", "to-start": "移至开头", "to-after": "移至{place}之后",
        "not-in-round": "（本稿中没有）",
        "legend-inserted": "插入", "legend-deleted": "删除", "legend-proposers": "提议方", "legend-typography": "排版",
        "legend-break": "分段", "legend-numbers": "新旧编号", "legend-footnotes": "脚注",
        "break-added": "增加分段", "break-removed": "取消分段", "format-changed": "格式改动",
        "footnote-count": "脚注（{op}）：{n}", "footnote-count-one": "脚注（{op}）：1",
        "fold-unchanged": "未改动段落：{n}", "fold-unchanged-one": "未改动段落：1",
        "fold-renumbered": "重新编号段落：{n}", "fold-renumbered-one": "重新编号段落：1",
        "fold-mixed": "未改动或重新编号段落：{n}（重新编号：{r}）",
        "fold-hidden": "未显示的未改动段落：{n}", "hidden": "未显示的未改动段落：{n}", "hidden-one": "未显示的未改动段落：1",
        "status-only": "仅状态改变的段落：{n}（{change}）", "status-only-one": "仅状态改变的段落：1（{change}）",
        "show-status-only": "显示这些段落",
        "footnotes-title": "脚注", "numbers-title": "段落编号，旧→新（{n}）", "change-column": "改动",
        "hide-typographic": "隐藏仅涉及排版的改动（{n}）", "filter-changes": "按提议方显示改动：",
        "filter-passages": "按提议方显示段落：", "all-delegations": "所有代表团", "shown": "显示：{n}",
        "round": "{label}稿",
        "origin": "{round}{date}案文来源：每段文字标明其进入案文的稿次和提议方；{first}的案文不作标记。",
        "passages": "段落：{n}", "passages-one": "段落：1", "plain-text": "{round}：不作标记",
        "rounds": "稿次", "chair": "主席",
        "place-OP": "第{n}段", "place-PP": "序言部分第{n}段", "place-Art.": "第{n}条", "place-¶": "第{n}款",
        "place-join": "", "place-title": "标题", "place-heading": "小标题", "place-text": "案文",
        "place-note": "注", "place-after": "{place}之后的{what}",
    },
}
"""The words of the comparison, round and blame pages, of statuses, places and moves,
and how each language writes a list, a colon and parentheses ('{n}' a number, '{codes}'
delegation codes, '{place}' a place, '{old}'/'{new}' round labels or statuses)."""


SUFFIXES = {"ar": {"bis": "مكررا", "ter": "مكررا ثانيا", "quater": "مكررا ثالثا", "quinquies": "مكررا رابعا",
                   "sexies": "مكررا خامسا", "septies": "مكررا سادسا", "octies": "مكررا سابعا"}}
"""Labels of added paragraphs in the languages that do not write them in Latin: the
Arabic '3 مكررا' for '3 bis' (a Latin word in a right-to-left label reads 'bis 3')."""

_SUFFIX = re.compile(r"(?<=[\d\s.)])\s*\b(bis|ter|quater|quinquies|sexies|septies|octies)\b")


def words_of(language: str) -> dict[str, str]:
    """The words of `WORDS` in the text's language, English outside the six."""
    return WORDS[phrase_language(language)]


def label_in(label: str, language: str) -> str:
    """A paragraph label in the text's language: '3 bis' is '3 مكررا' in Arabic."""
    suffixes = SUFFIXES.get(phrase_language(language))
    if not suffixes or not label:
        return label
    return _SUFFIX.sub(lambda found: " " + suffixes[found.group(1)], label)


def status_words(status: Status, language: str) -> str:
    """A paragraph's status tag in the text's language: 'approuvé ad referendum (USA)'."""
    words = words_of(language)
    text = words[f"status-{status.value.value}"]
    if status.pending:
        text += " " + _bracketed(names_text(status.pending, language), language)
    return text


def status_value_words(value: StatusValue | str, language: str) -> str:
    """A status value alone in the text's language ('agreed-ad-ref' → 'approuvé ad referendum')."""
    return words_of(language)[f"status-{StatusValue(value).value}"]


def proposal_status_words(status: ProposalStatus, language: str) -> str:
    """A proposal's status, written in square brackets after it: 'acceptée', 'مقبول'."""
    return words_of(language)[f"proposal-{status.value}"]


_PLACE = re.compile(r"(?P<kind>OP|PP|Art\.|¶) (?P<n>\S+)|(?P<word>\btitle\b|\bheading\b)"
                    r"|(?P<after>\b(?:text|note)(?: \d+)?) after (?P<place>.+)$")


def place_in(place: str, language: str) -> str:
    """A place named by `compare.places` ('OP 5', 'Art. 4 ¶ 2', 'PP 3', 'text after OP 3')
    in the text's language ('par. 5', 'art. 4, par. 2', 'المادة 4، الفقرة 2', '第4条第2款');
    labels ('18 (a)') are left as they are."""
    code = phrase_language(language)
    if code == "en" or not place:
        return place
    words = WORDS[code]
    parts: list[str] = []
    position = 0
    for found in _PLACE.finditer(place):
        between = place[position:found.start()]
        if found.group("kind"):
            piece = words[f"place-{found.group('kind')}"].format(n=found.group("n"))
            if found.group("kind") == "¶" and parts and not between.strip():
                between = words["place-join"]
        elif found.group("word"):
            piece = words[f"place-{found.group('word')}"]
        else:
            what, _, rank = found.group("after").partition(" ")
            piece = words["place-after"].format(what=words[f"place-{what}"] + (f" {rank}" if rank else ""),
                                                place=place_in(found.group("place"), code))
        parts.append(between + piece)
        position = found.end()
    return ("".join(parts) + place[position:]).replace(" → ", f" {words['arrow']} ")


def legend_samples(codes: Sequence[str]) -> dict[str, Piece] | None:
    """The pieces the legend's examples of attribution are written from, with delegations
    of the negotiation itself (never codes that may not take part in it): a proposal of
    the first, a deletion by the first two, a proposal of one supported by another and
    opposed by a third.  None without delegations."""
    if not codes:
        return None
    first = codes[0]
    second = codes[1] if len(codes) > 1 else first
    third = codes[2] if len(codes) > 2 else second
    return {
        "insert": Piece(PieceKind.INSERT, "", Proposers(("sample-1",), (first,), op=ProposalOp.INSERT),
                        ends_proposal=True),
        "delete": Piece(PieceKind.DELETE, "", Proposers(("sample-2",), tuple(dict.fromkeys((first, second))),
                                                        op=ProposalOp.DELETE), ends_proposal=True),
        "support": Piece(PieceKind.INSERT, "", Proposers(("sample-3",), (first,), (second,) if second != first else (),
                                                         (third,) if third not in (first, second) else (),
                                                         op=ProposalOp.INSERT), ends_proposal=True),
    }
