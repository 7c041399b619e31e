"""The command palette's provider (ctrl+p): every topic and every demo."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from assistant.i18n import t
from assistant.runner import DEMOS
from assistant.tui import texts  # noqa: F401  (registers the strings used here)
from assistant.tui.topics import topic_order

if TYPE_CHECKING:
    from assistant.tui.app import ChatApp

HELP_WEIGHT = 0.5


class TopicsAndDemos(Provider):
    """Offers each entry (read it) and each demo (run it), searched by title."""

    @property
    def chat(self) -> ChatApp:
        """The chat app this palette belongs to."""
        return cast("ChatApp", self.app)

    def _commands(self) -> list[tuple[str, Callable[[], object], str, str]]:
        """Return (title, command, help, more words to search) for each entry."""
        app = self.chat
        lang = app.ui_lang
        demos = [
            (
                t("palette.demo.name", lang, demo=name),
                partial(app.start_demo, name, []),
                f"{t('palette.demo', lang)}: {t(f'demo.{name}', lang)}",
                f"demo {name} {t(f'demo.{name}', 'en')}",
            )
            for name in DEMOS
        ]
        topics = [
            (
                entry.title[lang],
                partial(app.read_topic, entry.id, lang),
                entry.id,
                " ".join(entry.title.values()),
            )
            for entry in topic_order(app.assistant.kb)
        ]
        return demos + topics

    async def discover(self) -> Hits:
        """List everything before anything is typed."""
        for text, command, help_text, _ in self._commands():
            yield DiscoveryHit(text, command, help=help_text)

    async def search(self, query: str) -> Hits:
        """Yield the topics and demos whose title, id or other words match `query`."""
        matcher = self.matcher(query)
        for text, command, help_text, words in self._commands():
            # A match in the title counts more than one elsewhere, so
            # "cartpole" finds the CartPole topic before the DQN demo.
            elsewhere = max(matcher.match(help_text), matcher.match(words))
            score = max(matcher.match(text), elsewhere * HELP_WEIGHT)
            if score > 0:
                yield Hit(score, matcher.highlight(text), command, help=help_text)
