"""Line breaking for Japanese: allow a break between any two Japanese characters.

Textual wraps text with Rich's word splitter, which breaks only at white
space. Japanese has none between words, so a sentence after a Latin word
("… Google Colab などのクラウドが使えます…") is pushed whole onto the next line,
leaving the line before it half empty. `install` makes every Japanese
character a word of its own, keeping closing punctuation (「。」「、」「)」,
small kana, "?") with the character before it and opening brackets with the
one after it, as Japanese typesetting does.
"""

from __future__ import annotations

import logging
import re

log = logging.getLogger("pcdl.tui")

WIDE = r"\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
OPENING = "「『（［｛〈《【〔"
CLOSING = (
    "、。，．・：；？！ー」』）］｝〉》】〕…‥々"
    "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
    ")]}.,!?:;%"
)


def _set(chars: str) -> str:
    return "".join(re.escape(char) for char in chars)


JAPANESE_WORDS = re.compile(
    rf"\s*(?:[{_set(OPENING)}]*[{WIDE}][{_set(CLOSING)}]*"
    rf"|[^\s{WIDE}]+[{_set(CLOSING)}]*)\s*"
)


def install() -> bool:
    """Make Rich (and so Textual) break lines between Japanese characters.

    Returns:
        True when installed; False when this Rich has no word pattern to
        replace, in which case text still wraps, at spaces only.
    """
    try:
        from rich import _wrap
    except ImportError:
        return False
    if not isinstance(getattr(_wrap, "re_word", None), re.Pattern):
        # TODO: a Rich without `_wrap.re_word` wraps Japanese at spaces only,
        # leaving short lines before long Japanese runs; find its new hook.
        log.warning("cannot install Japanese line breaking: rich._wrap changed")
        return False
    # Rich keeps no public hook for its word splitter; replacing the pattern
    # its `words()` reads at call time is the smallest change that works.
    _wrap.re_word = JAPANESE_WORDS
    return True
