"""What every demo program shares: options, messages in two languages, errors.

A demo is started as ``python -m assistant.demos.NAME [--lang ja|en] [options]``.
It reports everything through `protocol.Emitter` on stdout and exits 0 when it
ran to its end, 1 on a failure and 2 on a bad option, having sent an ``error``
event first in both failing cases.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import traceback
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NoReturn

from assistant.demos.protocol import Emitter

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

COMMON_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "bad_option": "Bad option: {problem}",
        "missing": (
            "This demo needs the Python package '{package}', which is not "
            "installed or failed to import ({error}). Install it with: "
            "pip install {package}"
        ),
        "crashed": "The demo failed: {error}",
        "err_range": "{option} must be from {low} to {high}, not {value}",
        "err_not_number": "{option} needs a number, not {value}",
        "err_choice": "{option} cannot be {value}; choose one of {choices}",
        "err_no_value": "{option} needs a value after it",
        "err_unknown": (
            "this demo has no option {args} (--help lists the ones it has)"
        ),
        "err_ambiguous": "{option} is short for more than one option: {choices}",
        "opt_help": "show these options and stop",
        "opt_lang": "language of the demo's messages",
        "help_intro": (
            "The {demo} demo takes these options, after its name: "
            "pcdl demo {demo} [options], or /demo {demo} [options] in the chat."
        ),
        "help_title": "Options of the {demo} demo",
        "col_option": "Option",
        "col_default": "Default",
        "col_meaning": "Meaning",
        "help_choices": " (one of {choices})",
        "help_limits": " ({low} to {high})",
        "help_none": "none",
    },
    "ja": {
        "bad_option": "オプションが正しくありません: {problem}",
        "missing": (
            "このデモには Python パッケージ '{package}' が必要ですが、"
            "インストールされていないか読み込めませんでした ({error})。"
            "次のコマンドでインストールしてください: pip install {package}"
        ),
        "crashed": "デモが失敗しました: {error}",
        "err_range": (
            "{option} は {low} から {high} の範囲で指定してください "
            "({value} は範囲外です)"
        ),
        "err_not_number": (
            "{option} には数値を指定してください ({value} は数値ではありません)"
        ),
        "err_choice": (
            "{option} に {value} は指定できません。次のどれかにしてください: {choices}"
        ),
        "err_no_value": "{option} の後に値を指定してください",
        "err_unknown": (
            "このデモに {args} というオプションはありません (--help で一覧を表示します)"
        ),
        "err_ambiguous": "{option} は複数のオプションに当てはまります: {choices}",
        "opt_help": "このオプション一覧を表示して終了",
        "opt_lang": "デモのメッセージの言語",
        "help_intro": (
            "{demo} デモには、名前の後に次のオプションを指定できます: "
            "pcdl demo {demo} [オプション]、チャットでは /demo {demo} [オプション]。"
        ),
        "help_title": "{demo} デモのオプション",
        "col_option": "オプション",
        "col_default": "既定値",
        "col_meaning": "意味",
        "help_choices": " ({choices} のどれか)",
        "help_limits": " ({low} から {high})",
        "help_none": "なし",
    },
}


class DemoExit(Exception):
    """Raised to end a demo with an error event and an exit code."""

    def __init__(self, message: str, code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.code = code


class Texts:
    """Looks up a demo's user-visible strings in the chosen language.

    Args:
        lang: ``"ja"`` or ``"en"``.
        table: The demo's own strings, ``{lang: {key: template}}``.
    """

    def __init__(self, lang: str, table: Mapping[str, Mapping[str, str]]) -> None:
        self.lang = lang if lang in ("ja", "en") else "en"
        self.table = table

    def __call__(self, key: str, **values: Any) -> str:
        """Return the string `key`, formatted with `values`."""
        for table in (self.table, COMMON_TEXT):
            if key in table.get(self.lang, {}):
                return table[self.lang][key].format(**values)
        raise KeyError(key)


class OptionParser(argparse.ArgumentParser):
    """An argument parser that speaks the protocol: a bad option becomes an
    ``error`` event (exit 2), and ``--help`` the demo's options as a ``table``
    and a ``result`` of ``{"help": true}`` (exit 0).

    Args:
        demo: The demo's name.
        emitter: Where the events go.
        text: The demo's strings; an option's ``help=`` is a key into them (or
            into `COMMON_TEXT`), looked up in the user's language when shown.
    """

    def __init__(
        self,
        demo: str,
        emitter: Emitter,
        text: Mapping[str, Mapping[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(prog=f"pcdl demo {demo}", add_help=False, **kwargs)
        self.demo, self.emitter, self.text = demo, emitter, text or {}
        self.lang = _lang_in(sys.argv[1:])
        self.options: list[argparse.Action] = []
        self.add_argument("-h", "--help", action=_ShowHelp, nargs=0, help="opt_help")
        self.add_argument(
            "--lang",
            choices=("ja", "en"),
            default=self.lang,
            metavar="LANG",
            help="opt_lang",
        )

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        """Add an option as argparse does, and remember it for ``--help``."""
        action = super().add_argument(*args, **kwargs)
        self.options.append(action)
        return action

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: Any = None
    ) -> tuple[argparse.Namespace, list[str]]:
        """Parse as argparse does, wording messages in the ``--lang`` of `args`."""
        self.lang = _lang_in(list(sys.argv[1:] if args is None else args))
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        """Send the problem as an ``error`` event and exit with status 2."""
        texts = Texts(self.lang, self.text)
        self.emitter.error(texts("bad_option", problem=_reworded(message, texts)))
        raise SystemExit(EXIT_USAGE)

    def show_help(self) -> NoReturn:
        """Send the options as a table and a ``help`` result; exit with 0."""
        texts = Texts(self.lang, self.text)
        self.emitter.log(texts("help_intro", demo=self.demo))
        rows = [_help_row(action, texts) for action in self.options]
        columns = [texts(key) for key in ("col_option", "col_default", "col_meaning")]
        self.emitter.table(texts("help_title", demo=self.demo), columns, rows)
        self.emitter.result(help=True)
        raise SystemExit(EXIT_OK)


class _ShowHelp(argparse.Action):
    """``-h``/``--help``: show the options as events instead of printing them."""

    def __call__(
        self, parser: Any, namespace: Any, values: Any, option: Any = None
    ) -> None:
        """Show the help of `parser`, an `OptionParser`."""
        parser.show_help()


def _help_row(action: argparse.Action, texts: Texts) -> list[str]:
    """Return one ``--help`` row: the option as typed, its default, its meaning."""
    name = max(action.option_strings, key=len)
    takes_value = action.nargs != 0
    if takes_value:
        name += f" {action.metavar or 'VALUE'}"
    meaning = texts(action.help) if action.help else ""
    if action.choices:
        meaning += texts("help_choices", choices=", ".join(map(str, action.choices)))
    limits = getattr(action.type, "limits", None)
    if limits:
        low, high = (f"{n:,}" if isinstance(n, int) else f"{n:g}" for n in limits)
        meaning += texts("help_limits", low=low, high=high)
    if not takes_value:
        default = "—"
    elif action.default is None:
        default = texts("help_none")
    elif isinstance(action.default, (tuple, list)):
        default = ",".join(map(str, action.default))
    elif isinstance(action.default, float):
        default = f"{action.default:g}"
    else:
        default = str(action.default)
    return [name, default, meaning]


def default_lang() -> str:
    """Return the language pcdl asked for (``PCDL_LANG``), English otherwise."""
    return "ja" if os.environ.get("PCDL_LANG", "").startswith("ja") else "en"


def _lang_in(argv: list[str]) -> str:
    """Return the ``--lang`` given in `argv`, so that even errors about other
    options are worded in it; `default_lang()` when there is none."""
    for index, word in enumerate(argv):
        if word.startswith("--lang="):
            return "ja" if word.endswith("ja") else "en"
        if word == "--lang" and index + 1 < len(argv):
            return "ja" if argv[index + 1] == "ja" else "en"
    return default_lang()


def bounded(kind: Callable[[str], Any], low: Any, high: Any) -> Callable[[str], Any]:
    """Return an argparse type that accepts `kind` values in ``[low, high]``.

    Its messages have the fixed English forms that `_reworded` recognises, and
    its ``limits`` attribute gives ``--help`` the range.
    """

    def parse(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text} is outside {low}..{high}")
        return value

    parse.limits = (low, high)  # type: ignore[attr-defined]
    return parse


# argparse's and `bounded`'s English messages, and the key that words each one.
_OPTION_PROBLEMS = (
    (r"'?(?P<value>.*?)'? is not a number", "err_not_number"),
    (r"invalid \w+ value: '?(?P<value>.*?)'?", "err_not_number"),
    (r"(?P<value>.+) is outside (?P<low>\S+)\.\.(?P<high>\S+)", "err_range"),
    (
        r"invalid choice: '?(?P<value>.*?)'? \(choose from (?P<choices>.+)\)",
        "err_choice",
    ),
    (r"expected one argument", "err_no_value"),
)
_PARSER_PROBLEMS = (
    (r"unrecognized arguments: (?P<args>.+)", "err_unknown"),
    (r"ambiguous option: (?P<option>\S+) could match (?P<choices>.+)", "err_ambiguous"),
)


def _reworded(message: str, texts: Texts) -> str:
    """Return argparse's English `message` in the words of `texts`, naming the
    option; a message of an unknown form is returned as it is."""
    for pattern, key in _PARSER_PROBLEMS:
        found = re.fullmatch(pattern, message)
        if found:
            return texts(key, **found.groupdict())
    found = re.fullmatch(r"argument (?:\S+/)?(?P<option>\S+): (?P<rest>.+)", message)
    if not found:
        return message
    option, rest = found["option"], found["rest"]
    for pattern, key in _OPTION_PROBLEMS:
        problem = re.fullmatch(pattern, rest)
        if problem:
            values = {k: v.replace("'", "") for k, v in problem.groupdict().items()}
            return texts(key, option=option, **values)
    return f"{option}: {_demo_problem(rest, texts)}"


def _demo_problem(rest: str, texts: Texts) -> str:
    """Word a demo's own option message (raised in the English of one of its
    ``err_*`` strings) in the user's language."""
    for key, template in texts.table.get("en", {}).items():
        if not key.startswith("err_"):
            continue
        pattern = re.escape(template)
        for name in re.findall(r"\{(\w+)\}", template):
            pattern = pattern.replace(re.escape(f"{{{name}}}"), f"(?P<{name}>.+?)", 1)
        found = re.fullmatch(pattern, rest)
        if found:
            return texts(key, **found.groupdict())
    return rest


def require(module: str, package: str, texts: Texts) -> Any:
    """Import `module`, or end the demo saying which `package` to install."""
    import importlib

    try:
        return importlib.import_module(module)
    except Exception as error:  # a broken install can raise anything on import
        raise DemoExit(
            texts("missing", package=package, error=type(error).__name__)
        ) from error


def run_demo(body: Callable[[Emitter], None], texts_for: Callable[[], Texts]) -> int:
    """Run a demo's `body`, turning any failure into an ``error`` event.

    Args:
        body: The demo; it parses its own options and emits its events.
        texts_for: Returns the demo's `Texts`, for the failure message.

    Returns:
        The process's exit status.
    """
    emitter = Emitter()
    try:
        body(emitter)
    except SystemExit as stop:
        return int(stop.code or 0)
    except DemoExit as stop:
        emitter.error(str(stop))
        return stop.code
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        traceback.print_exc(file=sys.stderr)
        emitter.error(texts_for()("crashed", error=f"{type(error).__name__}: {error}"))
        return EXIT_FAILED
    return EXIT_OK
