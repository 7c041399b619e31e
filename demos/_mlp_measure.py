"""Measurements for the ``mlp`` demo: epochs as they pass, arrays, RSS, files.

Kept apart from the demo's flow so that tests can call each on a small model.
"""

from __future__ import annotations

import gc
import io
import os
import pickle
import re
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterable
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

MB = 2**20
COMPRESS_LEVEL = 3
# What MLPClassifier prints per epoch when verbose; the demo's progress feed.
EPOCH_LINE = re.compile(r"Iteration (\d+), loss = ([-+0-9.eE]+)")


class EpochStream(io.TextIOBase):
    """A stdout stand-in that turns sklearn's verbose lines into callbacks.

    Lines that are not epoch reports go to stderr, so stdout keeps only events.
    """

    def __init__(self, on_epoch: Callable[[int, float], None]) -> None:
        super().__init__()
        self._on_epoch, self._pending = on_epoch, ""

    def write(self, text: str) -> int:
        """Take printed text; report every complete line."""
        self._pending += text
        *lines, self._pending = self._pending.split("\n")
        for line in lines:
            found = EPOCH_LINE.match(line.strip())
            if found:
                self._on_epoch(int(found.group(1)), float(found.group(2)))
            elif line.strip():
                print(line, file=sys.stderr)
        return len(text)


def fit_watched(
    model: Any, x: Any, y: Any, on_epoch: Callable[[int, float], None]
) -> tuple[float, bool]:
    """Fit `model`, reporting each epoch; return (seconds, hit iteration limit)."""
    model.set_params(verbose=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with redirect_stdout(EpochStream(on_epoch)):
            start = time.perf_counter()
            model.fit(x, y)
            seconds = time.perf_counter() - start
    hit_limit = False
    for warning in caught:
        if warning.category.__name__ == "ConvergenceWarning":
            hit_limit = True
        else:  # not ours to summarise: pass it on, once, to stderr
            print(f"{warning.category.__name__}: {warning.message}", file=sys.stderr)
    return seconds, hit_limit


def _arrays(values: Iterable[Any], seen: set[int], ndarray: type) -> int:
    """Sum the bytes of arrays in `values` (and lists of them) not yet seen."""
    total = 0
    for value in values:
        if isinstance(value, (list, tuple)):
            total += _arrays(value, seen, ndarray)
        elif isinstance(value, ndarray) and id(value) not in seen:
            seen.add(id(value))
            total += value.nbytes
    return total


def array_bytes(model: Any, ndarray: type) -> dict[str, int]:
    """Measure the arrays a fitted MLP holds: weights, optimizer state, others."""
    weights = [*model.coefs_, *model.intercepts_]
    seen = {id(array) for array in weights}
    optimizer = getattr(model, "_optimizer", None)
    state = _arrays(vars(optimizer).values(), seen, ndarray) if optimizer else 0
    other = _arrays(vars(model).values(), seen, ndarray)
    params = sum(array.nbytes for array in weights)
    return {
        "param_bytes": params,
        "optimizer_bytes": state,
        "other_bytes": other,
        "held_bytes": params + state + other,
    }


def rss_mb(process: Any) -> float:
    """Return the process's resident memory in MB, after a garbage collection."""
    gc.collect()
    return round(process.memory_info().rss / MB, 2)


def save_and_reload(model: Any, x_test: Any, joblib: Any, np: Any) -> list[dict]:
    """Save `model` three ways in a temporary folder, reload, compare, delete."""
    expected, expected_p = model.predict(x_test), model.predict_proba(x_test)
    savers = [
        ("pickle", lambda m, p: p.write_bytes(pickle.dumps(m)), pickle_load),
        ("joblib", lambda m, p: joblib.dump(m, p), joblib.load),
        (
            "joblib_compressed",
            lambda m, p: joblib.dump(m, p, compress=COMPRESS_LEVEL),
            joblib.load,
        ),
    ]
    found = []
    with tempfile.TemporaryDirectory(prefix="pcdl-mlp-") as folder:
        for name, save, load in savers:
            path = Path(folder) / f"model.{name}"
            save(model, path)
            size = path.stat().st_size
            again = load(path)
            same = np.array_equal(again.predict(x_test), expected) and np.array_equal(
                again.predict_proba(x_test), expected_p
            )
            os.remove(path)
            found.append({"format": name, "bytes": size, "identical": bool(same)})
    return found


def pickle_load(path: Path) -> Any:
    """Load a pickled object from `path` (a file this demo has just written)."""
    with path.open("rb") as stream:
        return pickle.load(stream)
