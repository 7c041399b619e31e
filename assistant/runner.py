"""Run a demo as a child process and read its events with asyncio.

The TUI and the CLI both read demos through `DemoRun.events()`, so they see
the same stream: the child's own events, plus one ``error`` event of ours when
the child breaks the protocol or dies without saying why. The child's stderr
(its warnings and tracebacks) never reaches the terminal: it is kept, and the
reader shows it once, from `DemoRun.stderr_text`.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator, Sequence

from assistant.demos.protocol import Event, ProtocolError, decode

DEMOS = ("hw", "mlp", "dqn")
STOP_GRACE_S = 0.5
STDERR_KEEP = 16_000
LINE_LIMIT = 1 << 20

TEXT = {
    "en": {
        "exit": "The demo ended with exit status {code} without saying why.",
        "signal": "The demo was killed (signal {signal}).",
        "no_result": "The demo ended without reporting a result.",
        "garbled": "The demo wrote a line that is not a pcdl event, so it was "
        "stopped: {line}",
        "start": "The demo could not be started: {error}",
    },
    "ja": {
        "exit": "デモが終了コード {code} で終了しました(理由の報告なし)。",
        "signal": "デモが強制終了されました(シグナル {signal})。",
        "no_result": "デモが結果を報告せずに終了しました。",
        "garbled": "デモが pcdl のイベントではない行を出力したため停止しました: {line}",
        "start": "デモを起動できませんでした: {error}",
    },
}


def demo_command(name: str, options: Sequence[str], lang: str) -> list[str]:
    """Return the command line that starts demo `name`."""
    module = f"assistant.demos.{name}"
    return [sys.executable, "-X", "utf8", "-m", module, "--lang", lang, *options]


class DemoRun:
    """One run of a demo in a child process.

    Args:
        name: One of `DEMOS`.
        options: The demo's own options, as command-line words.
        lang: The language its messages should use.
    """

    def __init__(
        self, name: str, options: Sequence[str] = (), lang: str = "en"
    ) -> None:
        self.name = name
        self.options = list(options)
        self.lang = lang if lang in TEXT else "en"
        self.process: asyncio.subprocess.Process | None = None
        self.returncode: int | None = None
        self.stderr_text = ""
        self.stopped = False
        self.saw_error = False
        self.result: dict | None = None
        self._stderr_task: asyncio.Task[None] | None = None

    def _text(self, key: str, **values: object) -> str:
        return TEXT[self.lang][key].format(**values)

    async def _start(self) -> None:
        env = dict(os.environ, PYTHONUNBUFFERED="1", PCDL_LANG=self.lang)
        env["PYTHONIOENCODING"] = "utf-8"
        self.process = await asyncio.create_subprocess_exec(
            *demo_command(self.name, self.options, self.lang),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=env,
            limit=LINE_LIMIT,
            # Its own session, so a ctrl+c at the terminal reaches pcdl only;
            # pcdl then stops the child itself.
            start_new_session=os.name == "posix",
        )
        self._stderr_task = asyncio.create_task(self._collect_stderr())

    async def _collect_stderr(self) -> None:
        assert self.process is not None and self.process.stderr is not None
        kept = bytearray()
        while chunk := await self.process.stderr.read(4096):
            kept.extend(chunk)
            del kept[:-STDERR_KEEP]
        self.stderr_text = kept.decode("utf-8", "replace").strip()

    async def events(self) -> AsyncIterator[Event]:
        """Start the child and yield its events until it ends."""
        try:
            await self._start()
        except OSError as error:
            self.saw_error = True
            yield Event("error", {"message": self._text("start", error=error)})
            return
        assert self.process is not None and self.process.stdout is not None
        async for event in self._read(self.process.stdout):
            yield event
        self.returncode = await self.process.wait()
        if self._stderr_task is not None:
            await self._stderr_task
        closing = self._closing_error()
        if closing is not None:
            self.saw_error = True
            yield closing

    async def _read(self, stdout: asyncio.StreamReader) -> AsyncIterator[Event]:
        while True:
            try:
                raw = await stdout.readline()
            except ValueError:  # a line longer than LINE_LIMIT
                raw = b"<a line too long to read>"
            if not raw:
                return
            line = raw.decode("utf-8", "replace").strip()
            if not line:
                continue
            try:
                event = decode(line)
            except ProtocolError:
                self.saw_error = True
                yield Event(
                    "error", {"message": self._text("garbled", line=line[:200])}
                )
                await self.stop()
                return
            self.saw_error |= event.type == "error"
            if event.type == "result":
                self.result = event.data
            yield event

    def _closing_error(self) -> Event | None:
        """Return our own error event when the child died without one."""
        code = self.returncode
        if self.stopped or self.saw_error or code is None:
            return None
        if code < 0:
            name = (
                signal.Signals(-code).name if -code in signal.valid_signals() else -code
            )
            return Event("error", {"message": self._text("signal", signal=name)})
        if code != 0:
            return Event("error", {"message": self._text("exit", code=code)})
        if self.result is None:
            return Event("error", {"message": self._text("no_result")})
        return None

    async def stop(self) -> None:
        """Terminate the child, kill it after a grace period, and reap it."""
        process = self.process
        if process is None or process.returncode is not None:
            return
        self.stopped = True
        try:
            process.terminate()
            await asyncio.wait_for(process.wait(), STOP_GRACE_S)
        except ProcessLookupError:
            return
        except asyncio.TimeoutError:
            process.kill()
            await process.wait()

    @property
    def measured_facts(self) -> bool:
        """True for an `hw` run that reported this PC's facts (not its --help)."""
        return (
            self.name == "hw"
            and self.result is not None
            and not self.result.get("help")
        )

    @property
    def succeeded(self) -> bool:
        """True when the demo ran to its end and reported a result."""
        return self.result is not None and not self.saw_error and not self.stopped
