"""Answer personal questions ("can my PC train BERT?") from this PC's facts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assistant.kb import KnowledgeBase


class PersonalAnswers:
    """Turns a matched reply into a personal one when the question is about this PC."""

    def __init__(self, kb: KnowledgeBase, gather: Callable[..., Any] | None) -> None:
        self.kb = kb
        self.gather = gather

    def __call__(self, conversation: Any, question: str, reply: Any) -> Any:
        return None
