"""Every user-visible string of the UI process exists in both languages."""

from __future__ import annotations

import string

import assistant.commands  # registers the CLI's strings
import assistant.tui.app  # noqa: F401  (registers the chat's strings)
from assistant.i18n import STRINGS, t


def fields(template: str) -> set[str]:
    """Return the names a template fills in."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_both_languages_define_the_same_strings() -> None:
    assert set(STRINGS["en"]) == set(STRINGS["ja"])
    for key, english in STRINGS["en"].items():
        assert fields(english) == fields(STRINGS["ja"][key]), key
        assert STRINGS["ja"][key].strip(), key


def test_an_unknown_language_falls_back_to_english() -> None:
    assert t("decline", "fr") == STRINGS["en"]["decline"]
