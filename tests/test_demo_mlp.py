"""Tests of the mlp demo: its measurements on small models, and the program."""

from __future__ import annotations

import argparse
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from assistant.demos import _mlp_measure as measure
from assistant.demos import mlp
from assistant.demos._common import Texts
from assistant.demos._mlp_text import TEXT
from assistant.demos.protocol import Event
from sklearn.datasets import load_digits
from sklearn.neural_network import MLPClassifier

from tests.conftest import check_result as shared_check
from tests.conftest import run_demo

RESULT_TYPES: dict[str, Any] = {
    "hidden_layer_sizes": list,
    "n_params": int,
    "param_bytes": int,
    "rss_before_mb": (int, float),
    "rss_after_fit_mb": (int, float),
    "pickle_bytes": int,
    "joblib_bytes": int,
    "joblib_compressed_bytes": int,
    "reload_identical": bool,
    "test_accuracy": float,
    "fit_s": (int, float),
    "held_bytes": int,
    "optimizer_bytes": int,
    "converged": bool,
}
SWEEP_KEYS = {"width", "param_mb", "held_mb", "rss_growth_mb", "fit_s", "converged"}


@pytest.fixture(scope="module")
def digits() -> tuple[np.ndarray, np.ndarray]:
    """The first 300 digits, scaled to 0..1: enough for a model in milliseconds."""
    x, y = load_digits(return_X_y=True)
    return x[:300] / 16.0, y[:300]


def small_model(x: np.ndarray, y: np.ndarray, **params: Any) -> MLPClassifier:
    """Fit a tiny MLP quietly."""
    model = MLPClassifier(hidden_layer_sizes=(8, 4), random_state=0, **params)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return model.fit(x, y)


# --- options -----------------------------------------------------------------


def test_hidden_sizes_parse_and_bounds() -> None:
    assert mlp.hidden_sizes("256,128") == (256, 128)
    assert mlp.hidden_sizes(" 64 ") == (64,)
    for bad in ("0", "5000", "a,b", "", ",".join(["8"] * 7)):
        with pytest.raises(argparse.ArgumentTypeError):
            mlp.hidden_sizes(bad)


# --- watching a fit --------------------------------------------------------------


def test_epoch_lines_become_callbacks_and_the_rest_goes_to_stderr(
    capsys: pytest.CaptureFixture[str],
) -> None:
    seen: list[tuple[int, float]] = []
    stream = measure.EpochStream(lambda epoch, loss: seen.append((epoch, loss)))
    stream.write("Iteration 1, loss = 0.50000000\nIter")
    stream.write("ation 2, loss = 2.5e-01\nTraining loss did not improve.\n")
    assert seen == [(1, 0.5), (2, 0.25)]
    captured = capsys.readouterr()
    assert captured.out == "" and "did not improve" in captured.err


def test_fit_reports_every_epoch_and_swallows_the_convergence_warning(
    digits: tuple, recwarn: pytest.WarningsRecorder, capsys: pytest.CaptureFixture
) -> None:
    x, y = digits
    epochs: list[int] = []
    model = MLPClassifier(hidden_layer_sizes=(8,), max_iter=3, random_state=0)
    seconds, hit_limit = measure.fit_watched(model, x, y, lambda e, _: epochs.append(e))
    assert hit_limit and epochs == [1, 2, 3] and seconds > 0
    assert len(recwarn) == 0  # summarised by the demo, not raised
    assert "ConvergenceWarning" not in capsys.readouterr().err


def test_fit_that_converges_does_not_claim_the_limit(digits: tuple) -> None:
    x, y = digits
    # A huge tolerance: no epoch counts as an improvement, so it stops early.
    model = MLPClassifier(hidden_layer_sizes=(8,), max_iter=200, tol=10.0)
    _, hit_limit = measure.fit_watched(model, x, y, lambda e, loss: None)
    assert not hit_limit and model.n_iter_ < 200


# --- where the network lives -------------------------------------------------------


def test_array_bytes_separates_weights_from_adam_state(digits: tuple) -> None:
    model = small_model(*digits, max_iter=5)
    sizes = measure.array_bytes(model, np.ndarray)
    weights = sum(a.nbytes for a in [*model.coefs_, *model.intercepts_])
    assert sizes["param_bytes"] == weights == (64 * 8 + 8 + 8 * 4 + 4 + 4 * 10 + 10) * 8
    assert sizes["optimizer_bytes"] == 2 * weights  # Adam: first and second moments
    parts = ("param_bytes", "optimizer_bytes", "other_bytes")
    assert sizes["held_bytes"] == sum(sizes[k] for k in parts)


def test_layer_rows_show_shapes_and_totals(digits: tuple) -> None:
    model = small_model(*digits, max_iter=2)
    rows = mlp.layer_rows(model, Texts("en", TEXT))
    assert [row[1] for row in rows[:-1]] == ["64 × 8", "8 × 4", "4 × 10"]
    assert rows[0][0] == "input → hidden 1" and rows[-2][0] == "hidden 2 → output"
    n_params = sum(a.size for a in [*model.coefs_, *model.intercepts_])
    assert rows[-1][3] == n_params and rows[-1][4] == n_params * 8


def test_save_and_reload_compares_and_deletes(
    digits: tuple, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import joblib

    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    x, y = digits
    model = small_model(x, y, max_iter=5)
    files = measure.save_and_reload(model, x, joblib, np)
    assert [f["format"] for f in files] == ["pickle", "joblib", "joblib_compressed"]
    assert all(f["identical"] and f["bytes"] > 0 for f in files)
    assert list(tmp_path.iterdir()) == []  # files and folder are gone


def test_a_reload_that_differs_is_caught(
    digits: tuple, monkeypatch: pytest.MonkeyPatch
) -> None:
    import joblib

    x, y = digits
    model, other = small_model(x, y, max_iter=5), small_model(x, y, max_iter=1)
    monkeypatch.setattr(measure, "pickle_load", lambda path: other)
    files = {
        f["format"]: f["identical"]
        for f in measure.save_and_reload(model, x, joblib, np)
    }
    assert files == {"pickle": False, "joblib": True, "joblib_compressed": True}


def test_every_string_exists_in_both_languages() -> None:
    assert set(TEXT["en"]) == set(TEXT["ja"])


# --- the program ---------------------------------------------------------------------


def run_mlp(tmp_path: Path, *args: str) -> tuple[int, list[Event], str]:
    """Run the demo as pcdl does; return its status, events and stderr."""
    return run_demo("mlp", *args)


def check_result(events: list[Event]) -> dict[str, Any]:
    """Check the sequence's shape; return the result's figures."""
    return shared_check(events, "mlp", RESULT_TYPES)


@pytest.mark.slow
def test_run_measures_ram_and_disk(tmp_path: Path) -> None:
    code, events, stderr = run_mlp(tmp_path, "--hidden", "32,16", "--max-iter", "5")
    assert code == 0
    result = check_result(events)
    assert result["hidden_layer_sizes"] == [32, 16]
    assert result["n_params"] == 64 * 32 + 32 + 32 * 16 + 16 + 16 * 10 + 10
    assert result["param_bytes"] == 8 * result["n_params"]
    assert result["pickle_bytes"] > result["param_bytes"]  # the whole estimator
    assert result["reload_identical"] is True
    assert 0 < result["test_accuracy"] <= 1 and result["converged"] is False

    losses = [e for e in events if e.type == "metric"]
    assert [e.data["x"] for e in losses] == [1, 2, 3, 4, 5]
    assert any(e.type == "progress" for e in events)
    assert len([e for e in events if e.type == "table"]) == 2
    logs = [e.data["text"] for e in events if e.type == "log"]
    assert sum("ConvergenceWarning" in text for text in logs) == 1
    assert "ConvergenceWarning" not in stderr


@pytest.mark.slow
def test_sweep_plots_memory_against_width(tmp_path: Path) -> None:
    code, events, _ = run_mlp(
        tmp_path, "--sweep", "--hidden", "16", "--max-iter", "3", "--lang", "ja"
    )
    assert code == 0
    sweep = check_result(events)["sweep"]
    assert [row["width"] for row in sweep] == list(mlp.SWEEP_WIDTHS)
    assert all(set(row) == SWEEP_KEYS for row in sweep)
    params = [row["param_mb"] for row in sweep]
    assert params == sorted(params) and params[0] < params[-1]
    series = {e.data["series"] for e in events if e.type == "metric"}
    # One chart, one x axis (width): no epoch curve, no RSS noise around zero.
    assert series == {"param_mb", "held_mb"}
    rss_column = TEXT["ja"]["col_rss_growth_mb"]
    assert any(rss_column in e.data["columns"] for e in events if e.type == "table")
    titles = [e.data["title"] for e in events if e.type == "table"]
    assert any("幅" in title for title in titles)


@pytest.mark.slow
@pytest.mark.parametrize("option", [["--hidden", "0"], ["--max-iter", "0"]])
def test_bad_option_is_an_error_event(tmp_path: Path, option: list[str]) -> None:
    code, events, _ = run_mlp(tmp_path, *option)
    assert code == 2
    assert [e.type for e in events] == ["error"]
