"""Allow `python -m assistant`."""

from __future__ import annotations

from assistant.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
