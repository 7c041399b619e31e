"""Text handling shared by the matcher and the interfaces.

Both sides of every comparison go through `normalize`; `detect_language`
decides which language to answer in; `cell_width` measures text in terminal
cells, where a Japanese character takes two.
"""

from __future__ import annotations

import re
import unicodedata

from rich.cells import cell_len

_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")
_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Return `text` in the one form the matcher compares.

    Unicode NFKC folds full-width Latin (``ＧＰＵ``) and half-width katakana
    (``ﾃﾞｨｰﾌﾟ``) into their usual forms; casefold ignores case; runs of white
    space become one space.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _SPACES.sub(" ", folded).strip()


def detect_language(text: str) -> str:
    """Return ``"ja"`` when `text` holds any kana or kanji, else ``"en"``."""
    return "ja" if _JAPANESE.search(unicodedata.normalize("NFKC", text)) else "en"


_WORD = re.compile(r"[A-Za-z][A-Za-z0-9+\-]*")


def is_language_neutral(text: str) -> bool:
    """Return True when `text` shows no language: no kana or kanji, and no
    Latin word but names ("CIFAR-10", "MountainCar", "GPT-3", "？？")."""
    folded = unicodedata.normalize("NFKC", text)
    if _JAPANESE.search(folded):
        return False
    return all(
        any(c.isupper() or c.isdigit() for c in word) for word in _WORD.findall(folded)
    )


def cell_width(text: str) -> int:
    """Return how many terminal cells `text` takes (wide characters count 2)."""
    return cell_len(text)


def truncate_cells(text: str, width: int, ellipsis: str = "…") -> str:
    """Cut `text` to at most `width` terminal cells, marking a cut with `ellipsis`."""
    if cell_width(text) <= width:
        return text
    room = max(0, width - cell_width(ellipsis))
    kept, used = [], 0
    for char in text:
        size = cell_width(char)
        if used + size > room:
            break
        kept.append(char)
        used += size
    return "".join(kept) + ellipsis
