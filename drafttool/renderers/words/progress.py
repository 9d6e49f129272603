"""The words of the progress page in the six UN languages: headings, captions, column
heads and notes.  Statuses and outcomes come from the shared table (`status_value_words`,
`proposal_status_words`), so a status reads the same here as on the other pages.  Data
only; `{round}` and `{title}` are filled in by the page."""

from __future__ import annotations

PROGRESS = {
    "en": {
        "page": "Progress of the negotiation", "title": "{title} — progress", "untitled": "Progress",
        "awaiting-title": "Awaiting confirmation in {round}", "paragraph": "Paragraph", "status": "Status",
        "awaiting": "Awaiting", "nothing-awaiting": "Nothing agreed ad ref, pending or under silence in {round}.",
        "rounds": "Rounds", "rounds-caption": "Paragraphs of each round by status, and bracketed spans",
        "round": "Round", "date": "Date", "paragraphs": "Paragraphs", "headings": "Title and headings",
        "spans": "Bracketed spans", "deepest": "Deepest", "unbalanced": "Unbalanced",
        "unbalanced-title": "Unbalanced brackets", "no-unbalanced": "No unbalanced brackets in any round.",
        "outcomes-caption": "Proposals made on each round, by outcome", "proposals": "Proposals",
        "delegations": "Delegations and groups",
        "delegations-caption": "Proposals of each delegation and group across all rounds, by outcome; proposals of "
                               "others it supported or opposed",
        "delegation": "Delegation", "proposed": "Proposed", "supported": "Supported", "opposed": "Opposed",
        "group": "group", "no-proposals": "No proposals yet.",
        "status-chart": "Paragraphs by status, per round", "outcome-chart": "Proposals by outcome, per delegation and group",
        "no-rounds": "No rounds.", "none-proposed": "No proposals.",
    },
    "fr": {
        "page": "État d’avancement de la négociation", "title": "{title} — état d’avancement",
        "untitled": "État d’avancement",
        "awaiting-title": "En attente de confirmation dans {round}", "paragraph": "Paragraphe", "status": "État",
        "awaiting": "En attente de", "nothing-awaiting": "Aucun paragraphe approuvé ad referendum, sous réserve ou "
                                                        "soumis à la procédure d’approbation tacite dans {round}.",
        "rounds": "Versions", "rounds-caption": "Paragraphes de chaque version par état, et passages entre crochets",
        "round": "Version", "date": "Date", "paragraphs": "Paragraphes", "headings": "Titre et intertitres",
        "spans": "Passages entre crochets", "deepest": "Imbrication maximale", "unbalanced": "Non appariés",
        "unbalanced-title": "Crochets non appariés", "no-unbalanced": "Aucun crochet non apparié dans aucune version.",
        "outcomes-caption": "Propositions faites sur chaque version, par issue", "proposals": "Propositions",
        "delegations": "Délégations et groupes",
        "delegations-caption": "Propositions de chaque délégation et groupe dans toutes les versions, par issue\u00a0; "
                               "propositions d’autres délégations appuyées ou contestées",
        "delegation": "Délégation", "proposed": "Proposées", "supported": "Appuyées", "opposed": "Contestées",
        "group": "groupe", "no-proposals": "Aucune proposition pour l’instant.",
        "status-chart": "Paragraphes par état, pour chaque version",
        "outcome-chart": "Propositions par issue, pour chaque délégation et groupe",
        "no-rounds": "Aucune version.", "none-proposed": "Aucune proposition.",
    },
    "es": {
        "page": "Estado de la negociación", "title": "{title} — estado de la negociación",
        "untitled": "Estado de la negociación",
        "awaiting-title": "Pendiente de confirmación en {round}", "paragraph": "Párrafo", "status": "Estado",
        "awaiting": "Pendiente de", "nothing-awaiting": "Ningún párrafo acordado ad referendum, con reservas o "
                                                        "sometido al procedimiento de acuerdo tácito en {round}.",
        "rounds": "Versiones", "rounds-caption": "Párrafos de cada versión por estado, y pasajes entre corchetes",
        "round": "Versión", "date": "Fecha", "paragraphs": "Párrafos", "headings": "Título y encabezamientos",
        "spans": "Pasajes entre corchetes", "deepest": "Anidamiento máximo", "unbalanced": "Sin cerrar",
        "unbalanced-title": "Corchetes sin cerrar", "no-unbalanced": "Ninguna versión tiene corchetes sin cerrar.",
        "outcomes-caption": "Propuestas hechas sobre cada versión, por resultado", "proposals": "Propuestas",
        "delegations": "Delegaciones y grupos",
        "delegations-caption": "Propuestas de cada delegación y grupo en todas las versiones, por resultado; "
                               "propuestas de otros que apoyó o a las que se opuso",
        "delegation": "Delegación", "proposed": "Propuestas", "supported": "Apoyadas", "opposed": "Objetadas",
        "group": "grupo", "no-proposals": "Aún no hay propuestas.",
        "status-chart": "Párrafos por estado, en cada versión",
        "outcome-chart": "Propuestas por resultado, de cada delegación y grupo",
        "no-rounds": "No hay versiones.", "none-proposed": "No hay propuestas.",
    },
    "ru": {
        "page": "Ход переговоров", "title": "{title} — ход переговоров", "untitled": "Ход переговоров",
        "awaiting-title": "Ожидают подтверждения в {round}", "paragraph": "Пункт", "status": "Статус",
        "awaiting": "Ожидается от", "nothing-awaiting": "В {round} нет пунктов, согласованных ad referendum, с "
                                                        "оговоркой или в порядке процедуры умолчания.",
        "rounds": "Редакции", "rounds-caption": "Пункты каждой редакции по статусу и фрагменты в квадратных скобках",
        "round": "Редакция", "date": "Дата", "paragraphs": "Пункты", "headings": "Название и заголовки",
        "spans": "Фрагменты в скобках", "deepest": "Наибольшая вложенность", "unbalanced": "Незакрытые",
        "unbalanced-title": "Незакрытые скобки", "no-unbalanced": "Ни в одной редакции нет незакрытых скобок.",
        "outcomes-caption": "Предложения по каждой редакции, по результату", "proposals": "Предложения",
        "delegations": "Делегации и группы",
        "delegations-caption": "Предложения каждой делегации и группы во всех редакциях, по результату; "
                               "предложения других, которые она поддержала или отклонила",
        "delegation": "Делегация", "proposed": "Предложено", "supported": "Поддержано", "opposed": "Возражения",
        "group": "группа", "no-proposals": "Предложений пока нет.",
        "status-chart": "Пункты по статусу в каждой редакции",
        "outcome-chart": "Предложения по результату, по делегациям и группам",
        "no-rounds": "Редакций нет.", "none-proposed": "Предложений нет.",
    },
    "ar": {
        "page": "سير المفاوضات", "title": "{title} — سير المفاوضات", "untitled": "سير المفاوضات",
        "awaiting-title": "بانتظار التأكيد في {round}", "paragraph": "الفقرة", "status": "الحالة",
        "awaiting": "بانتظار", "nothing-awaiting": "لا توجد في {round} فقرات متفق عليها بشرط الاستشارة أو رهنا "
                                                   "بالتأكيد أو قيد إجراء الموافقة الضمنية.",
        "rounds": "الصيغ", "rounds-caption": "فقرات كل صيغة حسب الحالة، والمقاطع الواردة بين معقوفتين",
        "round": "الصيغة", "date": "التاريخ", "paragraphs": "الفقرات", "headings": "العنوان والعناوين الفرعية",
        "spans": "المقاطع بين معقوفتين", "deepest": "أقصى تداخل", "unbalanced": "غير مغلقة",
        "unbalanced-title": "معقوفات غير مغلقة", "no-unbalanced": "لا توجد معقوفات غير مغلقة في أي صيغة.",
        "outcomes-caption": "المقترحات المقدمة على كل صيغة، حسب النتيجة", "proposals": "المقترحات",
        "delegations": "الوفود والمجموعات",
        "delegations-caption": "مقترحات كل وفد ومجموعة في جميع الصيغ، حسب النتيجة؛ ومقترحات الآخرين التي أيدها "
                               "أو اعترض عليها",
        "delegation": "الوفد", "proposed": "المقترحة", "supported": "المؤيدة", "opposed": "المعترض عليها",
        "group": "مجموعة", "no-proposals": "لا توجد مقترحات بعد.",
        "status-chart": "الفقرات حسب الحالة، في كل صيغة",
        "outcome-chart": "المقترحات حسب النتيجة، لكل وفد ومجموعة",
        "no-rounds": "لا توجد صيغ.", "none-proposed": "لا توجد مقترحات.",
    },
    "zh": {
        "page": "谈判进展", "title": "{title} — 谈判进展", "untitled": "谈判进展",
        "awaiting-title": "{round}中有待确认的段落", "paragraph": "段落", "status": "状态",
        "awaiting": "等待", "nothing-awaiting": "{round}中没有暂定商定、有待确认或适用默许程序的段落。",
        "rounds": "各轮案文", "rounds-caption": "各轮案文按状态分列的段落及方括号内的文字",
        "round": "案文", "date": "日期", "paragraphs": "段落", "headings": "标题",
        "spans": "方括号内文字", "deepest": "最大嵌套", "unbalanced": "未闭合",
        "unbalanced-title": "未闭合的方括号", "no-unbalanced": "各轮案文均无未闭合的方括号。",
        "outcomes-caption": "就各轮案文提出的提案，按结果分列", "proposals": "提案",
        "delegations": "代表团和集团",
        "delegations-caption": "各代表团和集团在各轮案文中的提案，按结果分列；其支持或反对的其他提案",
        "delegation": "代表团", "proposed": "提出", "supported": "支持", "opposed": "反对",
        "group": "集团", "no-proposals": "尚无提案。",
        "status-chart": "各轮案文按状态分列的段落", "outcome-chart": "各代表团和集团的提案，按结果分列",
        "no-rounds": "尚无案文。", "none-proposed": "尚无提案。",
    },
}
"""The progress page's words, by language; the same keys in each."""
