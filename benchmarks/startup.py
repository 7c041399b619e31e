"""Measure how fast the chat starts, against a minimal Textual app.

Each run is a fresh interpreter that builds the app and runs it headless; the
figures are the time until the app has mounted and can take input (what a
user waits for), the wall time of the whole process until it has exited, and
its peak RSS. The chat must start "about as fast as a minimal Textual
app": the ratio is what to watch. Also checks that the chat's process never
imported torch, scikit-learn or gymnasium.

    python benchmarks/startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

MINIMAL = """
from textual.app import App
from textual.widgets import Footer, Input, Static

class Minimal(App):
    def compose(self):
        yield Static("hello")
        yield Input()
        yield Footer()

async def leave(pilot):
    await pilot.pause()
    import json, sys, time
    print(json.dumps({"ready": time.time()}), file=sys.stderr)
    pilot.app.exit()

Minimal().run(headless=True, auto_pilot=leave)
"""

CHAT = """
import json, resource, sys
from assistant.core import load_assistant
from assistant.tui.app import ChatApp

async def leave(pilot):
    await pilot.pause()
    import time
    print(json.dumps({"ready": time.time()}), file=sys.stderr)
    pilot.app.exit()

ChatApp(load_assistant()).run(headless=True, auto_pilot=leave)
heavy = [m for m in ("torch", "sklearn", "gymnasium") if m in sys.modules]
print(json.dumps({"heavy": heavy}), file=sys.stderr)
"""


def measure(code: str) -> tuple[float, float, float, str]:
    """Run `code` in a fresh interpreter.

    Returns:
        Seconds until ready, seconds until exit, peak MiB, and its stderr.
    """
    wrapper = (
        "import resource, subprocess, sys\n"
        f"done = subprocess.run([sys.executable, '-c', {code!r}], "
        "capture_output=True, text=True)\n"
        "sys.stderr.write(done.stderr)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    started_at, started = time.time(), time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", wrapper], capture_output=True, text=True, check=True
    )
    elapsed = time.perf_counter() - started
    ready = next(
        json.loads(line)["ready"]
        for line in done.stderr.splitlines()
        if line.startswith('{"ready"')
    )
    return ready - started_at, elapsed, int(done.stdout.split()[-1]) / 1024, done.stderr


def main() -> int:
    """Print the median start-up time and memory of both apps, and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rows = {}
    heavy: list[str] = []
    for name, code in (("minimal Textual app", MINIMAL), ("pcdl chat", CHAT)):
        runs = [measure(code) for _ in range(args.runs)]
        rows[name] = tuple(statistics.median(r[i] for r in runs) for i in range(3))
        for *_, err in runs:
            for line in err.splitlines():
                if line.startswith('{"heavy"'):
                    heavy = json.loads(line)["heavy"]
    print(f"{'':22s} {'ready':>8s} {'exited':>8s} {'peak RSS':>10s}")
    for name, (ready, seconds, mib) in rows.items():
        print(f"{name:22s} {ready:7.2f}s {seconds:7.2f}s {mib:7.1f} MiB")
    (base_r, base_s, base_m), (chat_r, chat_s, chat_m) = rows.values()
    print(
        f"ratio: {chat_r / base_r:.2f}x to ready, {chat_s / base_s:.2f}x to exit, "
        f"{chat_m / base_m:.2f}x memory"
    )
    print(f"heavy modules imported by the chat: {heavy or 'none'}")
    return 1 if heavy else 0


if __name__ == "__main__":
    sys.exit(main())
