"""Where pcdl finds its data and keeps the user's files.

The knowledge base and the demos ship inside the `assistant` package. The
user's folders come from platformdirs; each can be redirected with an
environment variable, which the tests and CI always do:

- ``PCDL_KB``: the knowledge folder (``--kb`` overrides it);
- ``PCDL_CACHE_DIR``: cached facts about this PC;
- ``PCDL_STATE_DIR``: question history and the ``--debug`` log;
- ``PCDL_CONFIG_DIR``: settings.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

import platformdirs

APP_NAME = "pcdl"


def knowledge_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Return the knowledge folder: `override`, ``$PCDL_KB`` or the shipped one."""
    chosen = override or os.environ.get("PCDL_KB")
    if chosen:
        return Path(chosen).expanduser()
    return Path(str(files("assistant.knowledge")))


def demos_dir() -> Path:
    """Return the folder holding the demo programs."""
    return Path(str(files("assistant.demos")))


def _user_dir(variable: str, default: str) -> Path:
    chosen = os.environ.get(variable)
    return Path(chosen).expanduser() if chosen else Path(default)


def cache_dir() -> Path:
    """Return the cache folder (facts about this PC); it may not exist yet."""
    return _user_dir("PCDL_CACHE_DIR", platformdirs.user_cache_dir(APP_NAME, False))


def state_dir() -> Path:
    """Return the state folder (history, debug log); it may not exist yet."""
    return _user_dir("PCDL_STATE_DIR", platformdirs.user_state_dir(APP_NAME, False))


def config_dir() -> Path:
    """Return the config folder; it may not exist yet."""
    return _user_dir("PCDL_CONFIG_DIR", platformdirs.user_config_dir(APP_NAME, False))


def debug_log_path() -> Path:
    """Return the file that ``--debug`` writes."""
    return state_dir() / "pcdl-debug.log"


def facts_path() -> Path:
    """Return the file caching the `hw` demo's facts about this PC."""
    return cache_dir() / "facts.json"


def history_path() -> Path:
    """Return the file keeping the questions asked in the chat."""
    return state_dir() / "history.txt"
