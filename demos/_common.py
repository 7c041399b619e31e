"""What every demo program shares: options, messages in two languages, errors.

A demo is started as ``python -m assistant.demos.NAME [--lang ja|en] [options]``.
It reports everything through `protocol.Emitter` on stdout and exits 0 when it
ran to its end, 1 on a failure and 2 on a bad option, having sent an ``error``
event first in both failing cases.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Callable, Mapping
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
    },
    "ja": {
        "bad_option": "オプションが正しくありません: {problem}",
        "missing": (
            "このデモには Python パッケージ '{package}' が必要ですが、"
            "インストールされていないか読み込めませんでした ({error})。"
            "次のコマンドでインストールしてください: pip install {package}"
        ),
        "crashed": "デモが失敗しました: {error}",
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
        self._table = table

    def __call__(self, key: str, **values: Any) -> str:
        """Return the string `key`, formatted with `values`."""
        for table in (self._table, COMMON_TEXT):
            if key in table.get(self.lang, {}):
                return table[self.lang][key].format(**values)
        raise KeyError(key)


class OptionParser(argparse.ArgumentParser):
    """An argument parser that reports a bad option as a protocol error."""

    def __init__(self, demo: str, emitter: Emitter, **kwargs: Any) -> None:
        super().__init__(prog=f"pcdl demo {demo}", add_help=False, **kwargs)
        self.emitter = emitter
        self.lang = _lang_in(sys.argv[1:])
        self.add_argument("--lang", choices=("ja", "en"), default=self.lang)

    def error(self, message: str) -> NoReturn:
        """Send the problem as an ``error`` event and exit with status 2."""
        texts = Texts(self.lang, {})
        self.emitter.error(texts("bad_option", problem=message))
        raise SystemExit(EXIT_USAGE)


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
    """Return an argparse type that accepts `kind` values in ``[low, high]``."""

    def parse(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text} is outside {low}..{high}")
        return value

    return parse


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
