"""The slash commands: one table drives parsing, completion and `/help`."""

from __future__ import annotations

import shlex
from dataclasses import dataclass

from textual.suggester import Suggester

from assistant.i18n import t
from assistant.runner import DEMOS
from assistant.tui import texts  # noqa: F401  (registers the strings used here)

LANG_CHOICES = ("ja", "en", "auto")
FACTS_CHOICES = ("show", "refresh", "forget")


@dataclass(frozen=True)
class SlashCommand:
    """One command: its name, its arguments' usage and the first argument's choices.

    Args:
        name: The word after the slash.
        usage: The arguments, as shown in help (empty when it takes none).
        choices: What the first argument may be, for completion.
        free: True when further words are passed on (the demo's options).
        optional: True when the first argument may be left out.
    """

    name: str
    usage: str = ""
    choices: tuple[str, ...] = ()
    free: bool = False
    optional: bool = False

    @property
    def help(self) -> str:
        """The i18n key of its one-line description."""
        return f"slash.{self.name}"

    def usage_line(self) -> str:
        """Return how to type it, e.g. ``/demo NAME [options]``."""
        return f"/{self.name} {self.usage}".rstrip()


COMMANDS: tuple[SlashCommand, ...] = (
    SlashCommand("help"),
    SlashCommand("topics"),
    SlashCommand("demo", "hw|mlp|dqn [options]", DEMOS, free=True),
    SlashCommand("stop"),
    SlashCommand("lang", "ja|en|auto", LANG_CHOICES),
    SlashCommand("facts", "[show|refresh|forget]", FACTS_CHOICES, optional=True),
    SlashCommand("clear"),
    SlashCommand("quit"),
)
BY_NAME = {command.name: command for command in COMMANDS}


@dataclass(frozen=True)
class SlashInput:
    """A typed slash command, split into its name and its arguments."""

    name: str
    args: tuple[str, ...]

    @property
    def command(self) -> SlashCommand | None:
        """The known command of that name, or None."""
        return BY_NAME.get(self.name)


def parse(text: str) -> SlashInput | None:
    """Split ``/name arg ...``; return None when `text` is not a slash command."""
    stripped = text.strip()
    if not stripped.startswith("/"):
        return None
    try:
        words = shlex.split(stripped[1:])
    except ValueError:  # an unclosed quote: fall back to plain words
        words = stripped[1:].split()
    if not words:
        return SlashInput("", ())
    return SlashInput(words[0].casefold(), tuple(words[1:]))


def check(typed: SlashInput, lang: str) -> str | None:
    """Return what is wrong with `typed` as a sentence, or None when it is valid."""
    command = typed.command
    if command is None:
        return t("slash.unknown", lang, name=typed.name)
    if not command.usage and typed.args:
        return t("slash.no_args", lang, name=command.name)
    if command.name == "demo" and typed.args and typed.args[0] not in DEMOS:
        names = ", ".join(DEMOS)
        return t("demo.unknown", lang, name=typed.args[0], names=names)
    if command.choices and not typed.args and not command.optional:
        return t("slash.usage", lang, usage=command.usage_line())
    if command.choices and typed.args and typed.args[0] not in command.choices:
        return t("slash.usage", lang, usage=command.usage_line())
    if command.choices and not command.free and len(typed.args) > 1:
        return t("slash.usage", lang, usage=command.usage_line())
    return None


def completions(value: str) -> list[str]:
    """Return the whole values that `value` could be completed to, best first."""
    if not value.startswith("/") or "\n" in value:
        return []
    head, space, rest = value[1:].partition(" ")
    if not space:
        return [f"/{c.name}" for c in COMMANDS if c.name.startswith(head.casefold())]
    command = BY_NAME.get(head.casefold())
    if command is None or " " in rest:
        return []
    return [
        f"/{head} {choice}" for choice in command.choices if choice.startswith(rest)
    ]


def matching(value: str) -> list[SlashCommand]:
    """Return the commands whose name starts with what `value` has typed so far."""
    if not value.startswith("/"):
        return []
    head = value[1:].partition(" ")[0].casefold()
    return [command for command in COMMANDS if command.name.startswith(head)]


def hint(value: str, lang: str) -> str:
    """Return a one-line hint for a partly typed command, or "" for none."""
    found = matching(value)
    if len(found) == 1:
        only = found[0]
        return f"{only.usage_line()}  {t(only.help, lang)}"
    return "  ".join(f"/{command.name}" for command in found)


def help_markdown(lang: str) -> str:
    """Return the `/help` text: every command with its description, then the keys."""
    rows = [f"- `{c.usage_line()}`: {t(c.help, lang)}" for c in COMMANDS]
    return "\n".join(
        [f"**{t('help.title', lang)}**", "", *rows, "", t("help.keys", lang)]
    )


class SlashSuggester(Suggester):
    """Suggests the rest of a slash command, or of its first argument, as one types."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        """Return the first completion of `value` that adds something."""
        longer = [option for option in completions(value) if len(option) > len(value)]
        return longer[0] if longer else None
