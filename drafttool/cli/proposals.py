"""Commands on proposals, delegations and statuses: propose, proposals, accept, reject,
withdraw, support, oppose, next-round, delegations, status."""

from __future__ import annotations

from pathlib import Path

import click

from drafttool.cli import ROUND, STORE, emit, main, reports_errors, terminal_width, write_output


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
    from drafttool.operations import ProposalRequest, propose_request
    from drafttool.renderers.reports import report_recorded

    request = ProposalRequest(
        by=by, paragraph=para, replace=quote, with_=with_, delete=delete, insert=insert, after_words=after_words,
        before_words=before_words, add=add, before=supra, delete_paragraph=delete_paragraph, move_after=move_after,
        move_before=move_before, alternative=alternative, no_text=no_text, retain=retain, statement=statement,
        label=label, supporters=supported_by, opponents=opposed_by, note=note, date=date, file=file_,
        copy=from_file, as_delegation=as_)
    emit(report_recorded(propose_request(store, request, round_name=round_name)))


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
        from drafttool.renderers.reports import report_decided

        emit(report_decided(decide(store, proposal_ids, ProposalStatus(status), by=by, date=date, note=note)))

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
        from drafttool.renderers.reports import report_endorsed

        emit(report_endorsed(endorse(store, proposal_id, by, oppose=oppose, date=date)))

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
    from drafttool.renderers.reports import report_next_round

    emit(report_next_round(build(store, label=label, date=date)))


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
    from drafttool.operations import delegations as registry
    from drafttool.renderers.registry import render

    found = registry(store, add=code or "", name=name, aliases=aliases, members=members, group=group)
    click.echo(render("delegations", format_, found), nl=False)


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

    from drafttool.renderers.reports import report_status

    emit(report_status(set_status(store, para, Status(StatusValue(value), where, date, pending, by),
                                  round_name=round_name)))
