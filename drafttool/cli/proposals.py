"""Commands on proposals, delegations and statuses: propose, proposals, accept, reject,
withdraw, support, oppose, next-round, delegations, status."""

from __future__ import annotations

import json
from pathlib import Path

import click

from drafttool.cli import ROUND, STORE, BadInput, main, reports_errors, terminal_width, warn, write_output
from drafttool.text.visible import visible


@main.command()
@STORE
@ROUND
@click.option("--by", "by", multiple=True, metavar="DELEGATION", help="Proposer (repeat for several).")
@click.option("--para", metavar="PARA", help="The paragraph: label (5, 18 a), OP5) or id; a footnote: 'footnote 12'.")
@click.option("--replace", "quote", metavar="WORDS", help="Words to replace (with --with).")
@click.option("--with", "with_", metavar="WORDS", help="The new words for --replace.")
@click.option("--delete", "delete", metavar="WORDS", help="Words to delete.")
@click.option("--insert", metavar="WORDS", help="Words to insert (with --after-words and/or --before-words).")
@click.option("--after-words", default="", metavar="WORDS", help="For --insert: the words just before the point.")
@click.option("--before-words", default="", metavar="WORDS", help="For --insert: the words just after the point.")
@click.option("--add", metavar="TEXT", help="Add a new paragraph after --para (before it with --supra).")
@click.option("--supra", is_flag=True, help="With --add: place the new paragraph before --para.")
@click.option("--delete-paragraph", is_flag=True, help="Delete paragraph --para.")
@click.option("--move-after", metavar="PARA", help="Move --para after this paragraph.")
@click.option("--move-before", metavar="PARA", help="Move --para before this paragraph.")
@click.option("--alternative", metavar="TEXT", help="Alternative wording for all of --para.")
@click.option("--no-text", is_flag=True, help="Alternative: no text (delete the paragraph as an option).")
@click.option("--retain", is_flag=True, help="Ask that --para be kept as it is.")
@click.option("--statement", metavar="TEXT", help="A position on --para that changes no text (shown as a note).")
@click.option("--label", default="", help="A label the proposers gave: '3 bis', 'OP5 alt', 'Option 2'.")
@click.option("--supported-by", multiple=True, metavar="DELEGATION")
@click.option("--opposed-by", multiple=True, metavar="DELEGATION")
@click.option("--note", default="")
@click.option("--date", default="", help="ISO date (default: today).")
@click.option("--from", "from_file", type=click.Path(dir_okay=False, path_type=Path),
              help="A delegation's edited copy (.docx clean or with tracked changes, .md, .txt), or a UN "
                   "amendment document (.pdf, .docx, .txt, .md: 'X: amendment to draft resolution …').")
@click.option("--as", "as_", metavar="DELEGATION", help="With --from: whose proposals they are.")
@click.option("--file", "file_", type=click.Path(dir_okay=False, path_type=Path),
              help="One proposal as a small JSON file with the fields of the options above.")
@reports_errors
def propose(store: Path, round_name: str | None, by: tuple[str, ...], para: str | None, quote: str | None,
            with_: str | None, delete: str | None, insert: str | None, after_words: str, before_words: str,
            add: str | None, supra: bool, delete_paragraph: bool, move_after: str | None, move_before: str | None,
            alternative: str | None, no_text: bool, retain: bool, statement: str | None, label: str,
            supported_by: tuple[str, ...], opposed_by: tuple[str, ...], note: str, date: str,
            from_file: Path | None, as_: str | None, file_: Path | None) -> None:
    """Record a delegation's proposal on a round (the latest unless --round).

    \b
    Examples:
      drafttool propose drafts/cnd-2024 --by EU --para 5 --replace "old words" --with "new words"
      drafttool propose drafts/cnd-2024 --by USA --para 18 a) --delete "and diversification"
      drafttool propose drafts/cnd-2024 --by G77 --para 3 --add "New paragraph text." --label "3 bis"
      drafttool propose drafts/cnd-2024 --from eu-comments.docx --as EU
    """
    from drafttool.operations import propose as record

    if from_file is not None:
        from drafttool.negotiate.amendments import import_amendments
        from drafttool.negotiate.instructions import read_amendment_document

        imported = read_amendment_document(store, from_file, round_name=round_name, as_delegation=as_) \
            or import_amendments(store, from_file, as_delegation=as_, round_name=round_name)
        warn(imported.notices)
        for proposal in imported.proposals:
            click.echo(visible(_line(proposal)))
        click.echo(f"{len(imported.proposals)} proposal(s) recorded from {from_file}")
        return
    draft = _draft(by, para, quote, with_, delete, insert, after_words, before_words, add, supra,
                   delete_paragraph, move_after, move_before, alternative, no_text, retain, statement, label,
                   supported_by, opposed_by, note, date, file_)
    proposal = record(store, draft, round_name=round_name)
    click.echo(visible(f"recorded {_line(proposal)}"))


def _draft(by, para, quote, with_, delete, insert, after_words, before_words, add, supra,  # type: ignore[no-untyped-def]
           delete_paragraph, move_after, move_before, alternative, no_text, retain, statement, label,
           supported_by, opposed_by, note, date, file_):
    from drafttool.text import markup
    from drafttool.model import Anchor, Proposal, ProposalOp

    if file_ is not None:
        return _draft_from_file(file_)
    chosen = [name for name, value in (
        ("--replace", quote), ("--delete", delete), ("--insert", insert), ("--add", add),
        ("--delete-paragraph", delete_paragraph), ("--move-after", move_after), ("--move-before", move_before),
        ("--alternative", alternative), ("--no-text", no_text), ("--retain", retain), ("--statement", statement),
    ) if value]
    if len(chosen) != 1:
        raise BadInput("say what is proposed with exactly one of --replace, --delete, --insert, --add, "
                       "--delete-paragraph, --move-after, --move-before, --alternative, --no-text, --retain, "
                       f"--statement (got {', '.join(chosen) or 'none'})")
    if not by:
        raise BadInput("say who proposes it with --by DELEGATION")
    if para is None:
        raise BadInput("say which paragraph with --para (a label such as 5 or 18 a), or an id)")
    if quote is not None and with_ is None:
        raise BadInput("--replace needs --with NEW WORDS")
    if insert is not None and not (after_words or before_words):
        raise BadInput("--insert needs --after-words or --before-words to say where")
    common = {"id": "", "round": "", "by": by, "paragraph": para, "label": label, "supporters": supported_by,
              "opponents": opposed_by, "note": note, "date": date}
    if quote is not None:
        return Proposal(op=ProposalOp.REPLACE, anchor=Anchor(quote), text=markup.escape(with_), **common)
    if delete is not None:
        return Proposal(op=ProposalOp.DELETE, anchor=Anchor(delete), **common)
    if insert is not None:
        return Proposal(op=ProposalOp.INSERT, anchor=Anchor("", after_words, before_words),
                        text=markup.escape(insert), **common)
    if add is not None:
        return Proposal(op=ProposalOp.ADD_PARAGRAPH, text=markup.escape(add), before=supra, **common)
    if delete_paragraph:
        return Proposal(op=ProposalOp.DELETE_PARAGRAPH, **common)
    if move_after or move_before:
        return Proposal(op=ProposalOp.MOVE_PARAGRAPH, place=move_after or move_before, before=bool(move_before),
                        **common)
    if alternative is not None or no_text:
        return Proposal(op=ProposalOp.ALTERNATIVE, text=markup.escape(alternative or ""), **common)
    if retain:
        return Proposal(op=ProposalOp.RETAIN, **common)
    return Proposal(op=ProposalOp.STATEMENT, text=markup.escape(statement or ""), **common)


def _draft_from_file(path: Path):  # type: ignore[no-untyped-def]
    from drafttool.errors import InputError
    from drafttool.records import RecordError, proposal_from_dict

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot be read: {error}", path=path) from None
    except json.JSONDecodeError as error:
        raise InputError(f"invalid JSON: {error.msg} (column {error.colno})", path=path, place=error.lineno) from None
    if isinstance(data, dict):
        data = {"id": "", "round": "", **data}
    try:
        return proposal_from_dict(data)
    except RecordError as error:
        raise InputError(str(error), path=path) from None


def _line(proposal) -> str:  # type: ignore[no-untyped-def]
    from drafttool.text import markup

    what = proposal.op.value
    if proposal.anchor.quote:
        what += f" {markup.plain(proposal.anchor.quote)!r}"
    if proposal.text:
        what += f" → {markup.plain(proposal.text)!r}"
    where = f" in {proposal.paragraph}" if proposal.paragraph else ""
    return f"{proposal.id} [{proposal.status.value}] {', '.join(proposal.by)}: {what}{where} ({proposal.round})"


@main.command("proposals")
@STORE
@ROUND
@click.option("--by", "by", metavar="DELEGATION", help="Only proposals made by this delegation (any spelling).")
@click.option("--status", type=click.Choice(["pending", "accepted", "rejected", "withdrawn", "merged"]))
@click.option("--para", metavar="PARA", help="Only proposals on this paragraph (label or id).")
@click.option("--summary", is_flag=True, help="Counts per delegation: proposed, accepted, rejected, withdrawn, pending.")
@click.option("--format", "format_", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("-o", "--output", metavar="FILE")
@reports_errors
def list_proposals(store: Path, round_name: str | None, by: str | None, status: str | None, para: str | None,
                   summary: bool, format_: str, output: str | None) -> None:
    """List proposals, or count them per delegation (--summary).

    Without --round, proposals on every round are listed; identical proposals by several
    delegations are shown once with all their proposers.

    \b
    Examples:
      drafttool proposals drafts/cnd-2024 --by EU
      drafttool proposals drafts/cnd-2024 --status pending --format json
      drafttool proposals drafts/cnd-2024 --summary
    """
    from drafttool.operations import proposal_table
    from drafttool.renderers.registry import render

    rows = proposal_table(store, round_name=round_name, by=by, status=status, para=para, summary=summary)
    write_output(render("summary" if summary else "proposals", format_, rows,
                        width=terminal_width() if output is None else 80), output)


def _decision(status: str, verb: str):  # type: ignore[no-untyped-def]
    @main.command(verb, help=f"""Mark proposals {status}.

    \b
    Example:
      drafttool {verb} drafts/cnd-2024 eu-3f9a2c --note "agreed in informals"
    """)
    @STORE
    @click.argument("proposal_ids", nargs=-1, required=True, metavar="ID...")
    @click.option("--by", "by", default="Chair", show_default=True, help="Who decided.")
    @click.option("--date", default="")
    @click.option("--note", default="")
    @reports_errors
    def command(store: Path, proposal_ids: tuple[str, ...], by: str, date: str, note: str) -> None:
        from drafttool.model import ProposalStatus
        from drafttool.operations import decide

        for proposal in decide(store, list(proposal_ids), ProposalStatus(status), by=by, date=date, note=note):
            click.echo(f"{proposal.id}: {status}")

    return command


accept = _decision("accepted", "accept")
reject = _decision("rejected", "reject")
withdraw = _decision("withdrawn", "withdraw")
reopen = _decision("pending", "reopen")


def _endorsement(verb: str, oppose: bool):  # type: ignore[no-untyped-def]
    @main.command(verb, help=f"""Record delegations that {verb} a proposal.

    \b
    Example:
      drafttool {verb} drafts/cnd-2024 eu-3f9a2c --by CANZ --by NOR
    """)
    @STORE
    @click.argument("proposal_id", metavar="ID")
    @click.option("--by", "by", multiple=True, required=True, metavar="DELEGATION")
    @click.option("--date", default="")
    @reports_errors
    def command(store: Path, proposal_id: str, by: tuple[str, ...], date: str) -> None:
        from drafttool.operations import endorse

        proposal = endorse(store, proposal_id, by, oppose=oppose, date=date)
        click.echo(f"{proposal.id}: supported by {', '.join(proposal.supporters) or 'none'}; "
                   f"opposed by {', '.join(proposal.opponents) or 'none'}")

    return command


support = _endorsement("support", oppose=False)
oppose = _endorsement("oppose", oppose=True)


@main.command("next-round")
@STORE
@click.option("--label", required=True, help="Label of the new round: 'Rev.2'.")
@click.option("--date", default="", help="ISO date (default: today).")
@reports_errors
def next_round(store: Path, label: str, date: str) -> None:
    """Build the next round from the latest one and its accepted proposals.

    The proposals are applied, paragraphs renumbered, and each change recorded with the
    proposal that made it; pending proposals are carried onto the new round.

    \b
    Example:
      drafttool next-round drafts/cnd-2024 --label Rev.2 --date 2024-02-28
    """
    from drafttool.operations import next_round as build

    built = build(store, label=label, date=date)
    click.echo(f"{label}: {len(built.applied)} accepted proposal(s) applied, {len(built.round.paragraphs)} "
               f"paragraphs → {built.file}")
    if built.carried:
        click.echo(f"{len(built.carried)} pending proposal(s) carried onto {label}")
    for proposal, reason in built.dropped:
        click.echo(f"not carried: {proposal.id} ({', '.join(proposal.by)}): {reason}", err=True)


@main.command()
@STORE
@click.option("--add", "code", metavar="CODE", help="Add a delegation or group with this code.")
@click.option("--name", default="", help="Display name of the new delegation.")
@click.option("--alias", "aliases", multiple=True, help="Another spelling met in files (repeat).")
@click.option("--member", "members", multiple=True, help="For a group: a member's code (repeat).")
@click.option("--group", is_flag=True, help="The new delegation is a group.")
@click.option("--format", "format_", type=click.Choice(["text", "json"]), default="text", show_default=True)
@reports_errors
def delegations(store: Path, code: str | None, name: str, aliases: tuple[str, ...], members: tuple[str, ...],
                group: bool, format_: str) -> None:
    """List the delegations and groups of a negotiation, or add one (or aliases to one).

    A new negotiation knows the common groups and every UN Member and observer State.

    \b
    Examples:
      drafttool delegations drafts/cnd-2024
      drafttool delegations drafts/cnd-2024 --add OIF --name "Organisation internationale de la Francophonie"
      drafttool delegations drafts/cnd-2024 --add USA --alias "Jane Smith"
    """
    from drafttool.model import Delegation
    from drafttool.operations import add_delegation
    from drafttool.records import delegation_to_dict, dumps
    from drafttool.store import load_store

    if code:
        added = add_delegation(store, Delegation(code, name, aliases, members, group or bool(members)))
        click.echo(f"added {added.code}")
        return
    negotiation = load_store(store)
    if format_ == "json":
        click.echo(dumps([delegation_to_dict(d) for d in negotiation.delegations]), nl=False)
        return
    for delegation in negotiation.delegations:
        facts = []
        if delegation.aliases:
            facts.append("also " + ", ".join(delegation.aliases))
        if delegation.members:
            facts.append("members " + ", ".join(delegation.members))
        elif delegation.group:
            facts.append("group")
        click.echo(visible(f"{delegation.code:<10} {delegation.name}{' (' + '; '.join(facts) + ')' if facts else ''}"))


@main.command()
@STORE
@ROUND
@click.option("--para", required=True, metavar="PARA", help="The paragraph (label or id).")
@click.option("--set", "value", required=True,
              type=click.Choice(["open", "bracketed", "agreed", "agreed-ad-ref", "pending", "silence"]))
@click.option("--where", default="", help="Informals, working group, Committee of the Whole, plenary…")
@click.option("--pending", "pending", multiple=True, metavar="DELEGATION", help="Awaiting this delegation (repeat).")
@click.option("--by", "by", default="Chair", show_default=True, help="Who records the status.")
@click.option("--date", default="", help="ISO date (default: today).")
@reports_errors
def status(store: Path, round_name: str | None, para: str, value: str, where: str, pending: tuple[str, ...],
           by: str, date: str) -> None:
    """Record a paragraph's status: agreed, agreed ad ref, pending a delegation…

    \b
    Example:
      drafttool status drafts/cnd-2024 --para 12 --set agreed-ad-ref --where informals --pending USA
    """
    from drafttool.model import Status, StatusValue
    from drafttool.operations import set_status

    paragraph = set_status(store, para, Status(StatusValue(value), where, date, pending, by), round_name=round_name)
    click.echo(f"{paragraph.label or paragraph.id}: {paragraph.status.label}"
               f"{' (' + paragraph.status.where + ')' if paragraph.status.where else ''}")
