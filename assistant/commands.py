"""The subcommands behind `assistant.cli`: ask, kb, demo, facts and the chat."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys

from assistant import facts as facts_store
from assistant.chat import Conversation
from assistant.cli import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE
from assistant.core import Assistant, load_assistant
from assistant.i18n import t
from assistant.kb import Problem
from assistant.personal_answers import PersonalAnswers
from assistant.render import EventPrinter, print_markdown, print_reply
from assistant.runner import DEMOS, DemoRun


def _print_problems(problems: list[Problem], lang: str) -> None:
    """Say why pcdl cannot start, on stderr: stdout is for answers."""
    print(t("kb.invalid", lang), file=sys.stderr)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(t("kb.invalid.hint", lang), file=sys.stderr)


def _load(args: argparse.Namespace) -> Assistant | None:
    """Load the knowledge base; print its problems and return None if invalid."""
    assistant = load_assistant(args.kb)
    if assistant.problems:
        _print_problems(assistant.problems, args.lang or "en")
        return None
    return assistant


def _conversation(
    assistant: Assistant, lang: str | None, personal: PersonalAnswers
) -> Conversation:
    return Conversation(
        assistant.kb, assistant.matcher, lang, personal=personal, cli=True
    )


def ask(args: argparse.Namespace) -> int:
    """Answer one question, or one per line of stdin."""
    assistant = _load(args)
    if assistant is None:
        return EXIT_FAILED
    # One hook for every line: it holds the workload catalogue, read once.
    personal = PersonalAnswers(assistant.kb, gather=facts_store.gather_blocking)
    conversation = _conversation(assistant, args.lang, personal)
    if args.question is not None:
        _answer(conversation, args.question, args.json)
        return EXIT_OK
    if sys.stdin.isatty():
        print(t("ask.stdin", args.lang or "en"), file=sys.stderr)
    for line in sys.stdin:
        if not args.conversation:
            conversation = _conversation(assistant, args.lang, personal)
        _answer(conversation, line.rstrip("\r\n"), args.json)
    return EXIT_OK


def _answer(conversation: Conversation, question: str, as_json: bool) -> None:
    reply = conversation.ask(question)
    if as_json:
        print(json.dumps(reply.to_json(), ensure_ascii=False), flush=True)
    else:
        print_reply(reply)


def kb(args: argparse.Namespace) -> int:
    """Check the knowledge base, or list its entries."""
    assistant = load_assistant(args.kb)
    if args.kb_command == "check":
        for problem in assistant.problems:
            print(problem)
        return EXIT_FAILED if assistant.problems else EXIT_OK
    if assistant.problems:
        _print_problems(assistant.problems, args.lang or "en")
        return EXIT_FAILED
    entries = [
        {
            "id": entry.id,
            "title": dict(entry.title),
            "demos": list(entry.demos),
            "related": list(entry.related),
        }
        for entry in assistant.kb.entries
    ]
    if args.json:
        print(json.dumps(entries, ensure_ascii=False, indent=2))
    else:
        lang = args.lang or "en"
        for entry in entries:
            print(f"{entry['id']:28} {entry['title'][lang]}")
    return EXIT_OK


def demo(args: argparse.Namespace, options: list[str]) -> int:
    """Run one demo, printing its events as text or as JSON lines."""
    lang = args.lang or "en"
    if args.list or not args.name:
        for name in DEMOS:
            print(f"{name:4} {t(f'demo.{name}', lang)}")
        return EXIT_OK if args.list else EXIT_USAGE
    if args.name not in DEMOS:
        print(
            t("demo.unknown", lang, name=args.name, names=", ".join(DEMOS)),
            file=sys.stderr,
        )
        return EXIT_USAGE
    run = DemoRun(args.name, options, lang)
    try:
        asyncio.run(_print_events(run, args.json, lang))
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    if run.measured_facts:
        facts_store.save(run.result)
    if run.succeeded:
        return EXIT_OK
    return EXIT_USAGE if run.returncode == EXIT_USAGE else EXIT_FAILED


async def _print_events(run: DemoRun, as_json: bool, lang: str) -> None:
    printer = EventPrinter(lang)
    try:
        async for event in run.events():
            if as_json:
                print(event.to_json(), flush=True)
            else:
                printer.show(event)
    finally:
        await run.stop()
    if run.stderr_text:
        printer.show_stderr(run.stderr_text)


def facts(args: argparse.Namespace) -> int:
    """Show, refresh or forget the cached facts about this PC."""
    lang = args.lang or "en"
    if args.action == "forget":
        print(t("facts.forgotten" if facts_store.forget() else "facts.nothing", lang))
        return EXIT_OK
    if args.action == "refresh":
        found = facts_store.gather_blocking(lang)
    else:
        found = facts_store.load()
    if found is None:
        print(t("facts.none", lang), file=sys.stderr)
        return EXIT_FAILED
    if args.json:
        print(json.dumps(found.to_json(), ensure_ascii=False, indent=2))
    else:
        print_markdown(facts_store.describe(found, lang))
    return EXIT_OK


def chat(args: argparse.Namespace) -> int:
    """Open the chat TUI."""
    assistant = _load(args)
    if assistant is None:
        return EXIT_FAILED
    from assistant.tui.app import ChatApp

    ChatApp(assistant, lang=args.lang).run()
    return EXIT_OK
