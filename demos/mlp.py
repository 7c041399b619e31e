"""The ``mlp`` demo: where a neural network lives while it trains and when saved.

Run as ``python -m assistant.demos.mlp [--lang ja|en] [--hidden 256,128]
[--max-iter N] [--seed N] [--sweep]``. It trains scikit-learn's MLPClassifier
on the digits set that ships with scikit-learn and measures the network's
bytes in RAM, the process's memory, and the files it makes on disk. MB in
the result keys means 2**20 bytes.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from types import SimpleNamespace
from typing import Any

from assistant.demos import _mlp_measure as measure
from assistant.demos._common import (
    OptionParser,
    Texts,
    _lang_in,
    bounded,
    require,
    run_demo,
)
from assistant.demos._mlp_text import TEXT
from assistant.demos.protocol import Emitter

MAX_WIDTH, MAX_DEPTH = 4096, 6
SWEEP_WIDTHS = (16, 32, 64, 128, 256, 512, 1024)
SWEEP_ITER = 10
# The UI redraws about 20 times a second; more progress events buy nothing.
PROGRESS_EVERY_S = 0.05


def hidden_sizes(text: str) -> tuple[int, ...]:
    """Parse ``--hidden`` ("256,128") into bounded layer widths."""
    # In English: OptionParser words the message in the user's language.
    english = Texts("en", TEXT)
    try:
        sizes = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        message = english("err_hidden_list", value=text)
        raise argparse.ArgumentTypeError(message) from None
    if not 1 <= len(sizes) <= MAX_DEPTH:
        message = english("err_hidden_depth", most=MAX_DEPTH)
        raise argparse.ArgumentTypeError(message)
    if not all(1 <= size <= MAX_WIDTH for size in sizes):
        message = english("err_hidden_width", most=MAX_WIDTH)
        raise argparse.ArgumentTypeError(message)
    return sizes


def parse_options(emitter: Emitter, argv: list[str] | None) -> argparse.Namespace:
    """Parse the demo's options; a bad one ends the demo with exit status 2."""
    parser = OptionParser("mlp", emitter, TEXT)
    parser.add_argument(
        "--hidden",
        type=hidden_sizes,
        default=(256, 128),
        metavar="W,W",
        help="opt_hidden",
    )
    parser.add_argument(
        "--max-iter",
        type=bounded(int, 1, 1000),
        default=60,
        metavar="N",
        help="opt_max_iter",
    )
    parser.add_argument(
        "--seed",
        type=bounded(int, 0, 2**32 - 1),
        default=0,
        metavar="N",
        help="opt_seed",
    )
    parser.add_argument("--sweep", action="store_true", help="opt_sweep")
    return parser.parse_args(argv)


def layer_rows(model: Any, texts: Texts) -> list[list[Any]]:
    """Return one table row per layer (shapes, parameters, bytes) and a total."""
    depth = len(model.coefs_)
    names = [texts("input")]
    names += [texts("hidden", index=i) for i in range(1, depth)] + [texts("output")]
    rows = []
    for i, (weights, biases) in enumerate(
        zip(model.coefs_, model.intercepts_, strict=True)
    ):
        shape = " × ".join(str(n) for n in weights.shape)
        rows.append(
            [
                f"{names[i]} → {names[i + 1]}",
                shape,
                biases.size,
                weights.size + biases.size,
                weights.nbytes + biases.nbytes,
            ]
        )
    totals = [sum(row[k] for row in rows) for k in (3, 4)]
    return [*rows, [texts("total"), "", "", *totals]]


def load_libraries(texts: Texts) -> SimpleNamespace:
    """Import what the demo needs, or end it saying what to install."""
    return SimpleNamespace(
        np=require("numpy", "numpy", texts),
        psutil=require("psutil", "psutil", texts),
        joblib=require("joblib", "joblib", texts),
        datasets=require("sklearn.datasets", "scikit-learn", texts),
        split=require("sklearn.model_selection", "scikit-learn", texts),
        nn=require("sklearn.neural_network", "scikit-learn", texts),
        threads=require("threadpoolctl", "threadpoolctl", texts),
    )


def load_data(libs: SimpleNamespace, seed: int) -> SimpleNamespace:
    """Return the digits, scaled to 0..1, split 3:1 into train and test."""
    x, y = libs.datasets.load_digits(return_X_y=True)
    # Pixels are 0..16; an MLP trains far better on inputs near unit scale.
    parts = libs.split.train_test_split(
        x / 16.0, y, test_size=0.25, stratify=y, random_state=seed
    )
    return SimpleNamespace(
        x_train=parts[0], x_test=parts[1], y_train=parts[2], y_test=parts[3]
    )


def train(
    model: Any, data: SimpleNamespace, out: Emitter, texts: Texts, plot: bool = True
) -> tuple:
    """Fit `model`, streaming its progress, and its loss curve when `plot`;
    return `fit_watched`'s pair."""
    total, last = model.max_iter, [0.0]

    def on_epoch(epoch: int, loss: float) -> None:
        if plot:
            # Series names are identifiers, not prose: the chat's plot measures
            # its legend in characters, which Japanese labels would overflow.
            out.metric("loss", epoch, loss)
        now = time.monotonic()
        if now - last[0] >= PROGRESS_EVERY_S or epoch == total:
            last[0] = now
            out.progress(epoch / total, texts("epoch", epoch=epoch, total=total))

    return measure.fit_watched(model, data.x_train, data.y_train, on_epoch)


def report_arrays(
    model: Any, libs: SimpleNamespace, out: Emitter, texts: Texts
) -> dict:
    """Show the layers and the bytes the fitted estimator holds."""
    columns = ["col_layer", "col_weights", "col_biases", "col_params", "col_bytes"]
    rows = layer_rows(model, texts)
    out.table(texts("layers_title"), [texts(c) for c in columns], rows)
    sizes = measure.array_bytes(model, libs.np.ndarray)
    first = model.coefs_[0]
    n_params = rows[-1][3]
    out.log(
        texts(
            "weights",
            n_params=n_params,
            itemsize=first.itemsize,
            dtype=first.dtype.name,
            **sizes,
        )
    )
    return {"n_params": n_params, **sizes}


def report_files(
    model: Any,
    data: SimpleNamespace,
    libs: SimpleNamespace,
    figures: dict,
    out: Emitter,
    texts: Texts,
) -> dict:
    """Save, reload and compare the model; show the file sizes."""
    out.progress(0.0, texts("saving"))
    files = measure.save_and_reload(model, data.x_test, libs.joblib, libs.np)
    out.progress(1.0, texts("saving"))
    yes_no = {True: texts("yes"), False: texts("no")}
    names = {"joblib_compressed": texts("compressed", level=measure.COMPRESS_LEVEL)}
    rows = [
        [
            names.get(f["format"], f["format"]),
            f["bytes"],
            round(f["bytes"] / figures["param_bytes"], 2),
            yes_no[f["identical"]],
        ]
        for f in files
    ]
    columns = ["col_format", "col_file", "col_ratio", "col_same"]
    out.table(texts("files_title"), [texts(c) for c in columns], rows)
    identical = all(f["identical"] for f in files)
    out.log(texts("files", same=texts("same_yes" if identical else "same_no")))
    found = {f"{f['format']}_bytes": f["bytes"] for f in files}
    return found | {"reload_identical": identical}


def run_main_fit(
    args: argparse.Namespace, libs: SimpleNamespace, out: Emitter, texts: Texts
) -> dict[str, Any]:
    """Train the chosen network and measure it in RAM and on disk."""
    data = load_data(libs, args.seed)
    samples = len(data.y_train) + len(data.y_test)
    out.log(
        texts(
            "data",
            samples=samples,
            features=data.x_train.shape[1],
            classes=10,
            train=len(data.y_train),
            test=len(data.y_test),
            hidden=",".join(map(str, args.hidden)),
        )
    )
    model = libs.nn.MLPClassifier(
        hidden_layer_sizes=args.hidden, max_iter=args.max_iter, random_state=args.seed
    )
    process = libs.psutil.Process()
    before = measure.rss_mb(process)
    # The sweep's chart has width on its x axis: an epoch curve would not fit.
    fit_s, hit_limit = train(model, data, out, texts, plot=not args.sweep)
    after = measure.rss_mb(process)
    accuracy = float(model.score(data.x_test, data.y_test))
    out.log(
        texts(
            "trained",
            epochs=model.n_iter_,
            fit_s=fit_s,
            test=len(data.y_test),
            accuracy=accuracy,
        )
    )
    if hit_limit:
        out.log(texts("converge", limit=args.max_iter))

    figures: dict[str, Any] = {"hidden_layer_sizes": list(args.hidden)}
    figures |= report_arrays(model, libs, out, texts)
    out.log(texts("rss", before=before, after=after, growth=after - before))
    figures |= {"rss_before_mb": before, "rss_after_fit_mb": after}
    figures |= report_files(model, data, libs, figures, out, texts)
    figures |= {"test_accuracy": round(accuracy, 4), "fit_s": round(fit_s, 3)}
    figures |= {"n_iter": model.n_iter_, "converged": not hit_limit}
    return figures


def sweep_width(
    width: int, data: SimpleNamespace, libs: SimpleNamespace, seed: int
) -> dict[str, Any]:
    """Train one hidden layer of `width` units briefly; measure its memory."""
    process = libs.psutil.Process()
    before = measure.rss_mb(process)
    model = libs.nn.MLPClassifier(
        hidden_layer_sizes=(width,), max_iter=SWEEP_ITER, random_state=seed
    )
    fit_s, hit_limit = measure.fit_watched(
        model, data.x_train, data.y_train, lambda epoch, loss: None
    )
    growth = measure.rss_mb(process) - before
    sizes = measure.array_bytes(model, libs.np.ndarray)
    return {
        "width": width,
        "param_mb": round(sizes["param_bytes"] / measure.MB, 4),
        "held_mb": round(sizes["held_bytes"] / measure.MB, 4),
        "rss_growth_mb": round(growth, 2),
        "fit_s": round(fit_s, 3),
        "converged": not hit_limit,
    }


def run_sweep(
    args: argparse.Namespace, libs: SimpleNamespace, out: Emitter, texts: Texts
) -> list[dict[str, Any]]:
    """Train a few widths and show how memory grows with them.

    RSS growth is left off the chart (it is in the table): it is noise around
    zero, often negative, and would flatten the two curves that grow."""
    data, rows = load_data(libs, args.seed), []
    series = ("param_mb", "held_mb")
    for done, width in enumerate(SWEEP_WIDTHS):
        out.progress(done / len(SWEEP_WIDTHS), texts("sweep_label", width=width))
        row = sweep_width(width, data, libs, args.seed)
        gc.collect()  # drop this model before measuring the next one
        for key in series:
            out.metric(key, width, row[key])
        rows.append(row)
    out.progress(1.0, texts("sweep_label", width=SWEEP_WIDTHS[-1]))
    yes_no = {True: texts("yes"), False: texts("no")}
    keys = ["width", "param_mb", "held_mb", "rss_growth_mb", "fit_s"]
    columns = [texts(f"col_{key}") for key in [*keys, "converged"]]
    table = [[row[k] for k in keys] + [yes_no[row["converged"]]] for row in rows]
    out.table(texts("sweep_title", iters=SWEEP_ITER), columns, table)
    out.log(texts("sweep_note"))
    return rows


def body(emitter: Emitter, argv: list[str] | None) -> None:
    """Run the demo: train, measure, save and reload, and sweep if asked."""
    args = parse_options(emitter, argv)
    texts = Texts(args.lang, TEXT)
    options = vars(args) | {"hidden": list(args.hidden)}
    emitter.start("mlp", options)
    libs = load_libraries(texts)
    # Matrices this small gain little from more BLAS threads, and OpenBLAS
    # threads collapse when other programs keep the cores busy: here, on two
    # shared cores, 20 epochs took 1.1 s on one thread and 26 s on two.
    with libs.threads.threadpool_limits(limits=1, user_api="blas"):
        figures = run_main_fit(args, libs, emitter, texts)
        if args.sweep:
            figures["sweep"] = run_sweep(args, libs, emitter, texts)
    emitter.result(**figures)


def main(argv: list[str] | None = None) -> int:
    """Run the ``mlp`` demo as a program; return its exit status."""
    argv = sys.argv[1:] if argv is None else argv
    return run_demo(
        lambda emitter: body(emitter, argv), lambda: Texts(_lang_in(argv), TEXT)
    )


if __name__ == "__main__":
    raise SystemExit(main())
