"""The ``pcdl`` command: the chat by default, and its headless subcommands.

stdout carries the data (text or JSON lines), stderr the diagnostics. Every
failure a user can cause ends in a sentence, never a traceback; anything
unexpected is written to the debug log and summarised on stderr.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from assistant import __version__, paths
from assistant.i18n import t

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

log = logging.getLogger("pcdl")


def _common_options(parser: argparse.ArgumentParser, top: bool) -> None:
    """Add the options every command takes, before or after its name."""
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--kb",
        metavar="DIR",
        default=default,
        help="use another knowledge folder (also $PCDL_KB)",
    )
    parser.add_argument(
        "--lang",
        choices=("ja", "en"),
        default=default,
        help="answer in this language instead of the question's",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help=f"write a debug log to {paths.debug_log_path()}",
    )


class _DemoHelp(argparse.Action):
    """``--help`` of ``pcdl demo``: this parser's help, but after a demo's name
    the demo's own (its options), so the flag is passed on to the demo."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option: str | None = None,
    ) -> None:
        """Print the help, or hand `option` to the demo as an unknown argument."""
        if getattr(namespace, "name", None) is None:
            parser.print_help()
            parser.exit()
        # parse_known_args returns what is stored under this name as `extra`.
        vars(namespace).setdefault("_unrecognized_args", []).append(option)


def build_parser() -> argparse.ArgumentParser:
    """Return the parser of the whole command line."""
    parser = argparse.ArgumentParser(
        prog="pcdl",
        description="Can my own PC do deep learning? Ask, in Japanese or English.",
        epilog=(
            f"With --debug, the log goes to {paths.debug_log_path()} "
            "(set PCDL_STATE_DIR to move it)."
        ),
    )
    parser.add_argument("--version", action="version", version=f"pcdl {__version__}")
    _common_options(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    ask = commands.add_parser("ask", help="answer questions without the chat")
    ask.add_argument("question", nargs="?", help="the question; stdin if omitted")
    ask.add_argument("--json", action="store_true", help="one JSON object per question")
    ask.add_argument(
        "--conversation",
        action="store_true",
        help="with stdin, treat the lines as one conversation (follow-ups)",
    )
    _common_options(ask, top=False)

    kb = commands.add_parser("kb", help="check or list the knowledge base")
    kb_commands = kb.add_subparsers(dest="kb_command", metavar="ACTION", required=True)
    checking = kb_commands.add_parser("check", help="validate every knowledge file")
    listing = kb_commands.add_parser("list", help="list the entries")
    listing.add_argument("--json", action="store_true")
    for parser_ in (kb, checking, listing):
        _common_options(parser_, top=False)

    demo = commands.add_parser(
        "demo",
        help="run a demo on this PC",
        description="Run a demo; any further options go to the demo itself.",
        add_help=False,
    )
    demo.add_argument(
        "-h", "--help", action=_DemoHelp, nargs=0, help="pcdl's help, or the demo's"
    )
    demo.add_argument("name", nargs="?", help="hw, mlp or dqn")
    demo.add_argument("--list", action="store_true", help="list the demos")
    demo.add_argument("--json", action="store_true", help="print the raw events")
    _common_options(demo, top=False)

    facts = commands.add_parser("facts", help="show, refresh or forget this PC's facts")
    facts.add_argument(
        "action", nargs="?", choices=("show", "refresh", "forget"), default="show"
    )
    facts.add_argument("--json", action="store_true")
    _common_options(facts, top=False)
    return parser


def _setup_output(debug: bool) -> None:
    """Make text output UTF-8 everywhere and start the log."""
    paths.state_dir().mkdir(parents=True, exist_ok=True)
    for stream in (sys.stdout, sys.stderr, sys.stdin):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")
    # Failures are always logged; --debug logs everything. The file is only
    # created once something is written to it.
    handler = logging.FileHandler(paths.debug_log_path(), encoding="utf-8", delay=True)
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s")
    )
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if debug else logging.ERROR)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args, extra = build_parser().parse_known_args(argv)
    if extra and args.command != "demo":
        build_parser().error(f"unrecognized arguments: {' '.join(extra)}")
    _setup_output(bool(args.debug))
    try:
        return _dispatch(args, extra)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`pcdl kb list --json | head`): nothing to say.
        _silence_stdout()
        return EXIT_OK
    except Exception as error:
        log.exception("unexpected failure")
        lang = args.lang or "en"
        print(
            t(
                "error.internal",
                lang,
                error=type(error).__name__,
                log=paths.debug_log_path(),
            ),
            file=sys.stderr,
        )
        return EXIT_FAILED


def _silence_stdout() -> None:
    """Point stdout at the null device, so that exiting does not flush into
    the closed pipe and fail again."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _dispatch(args: argparse.Namespace, extra: list[str]) -> int:
    from assistant import commands

    if args.command == "ask":
        return commands.ask(args)
    if args.command == "kb":
        return commands.kb(args)
    if args.command == "demo":
        return commands.demo(args, extra)
    if args.command == "facts":
        return commands.facts(args)
    return commands.chat(args)
