"""The metric series of a demo run, and which of them share one plot.

A demo reports points of named series (``return``, ``moving_avg``,
``epsilon``...). Drawn on one axis, a series on another scale (ε in 0..1 beside
returns up to 500) or a rate (``steps_per_s``) would flatten the curve that
matters, so only the first series and those on its scale are plotted; the
others are listed with their latest value.
"""

from __future__ import annotations

import math
from typing import Any

POINTS_KEEP = 5000
PLOT_POINTS = 400
SAME_SCALE = 4.0
RATE_SUFFIX = "_per_s"


class MetricSeries:
    """Points of named series, in the order the series first appeared."""

    def __init__(self, keep: int = POINTS_KEEP) -> None:
        self.points: dict[str, list[tuple[float, float]]] = {}
        self.keep = keep
        self.changed = False

    def add(self, name: str, x: Any, y: Any) -> None:
        """Add a point; one that is not a finite number is left out."""
        try:
            point = (float(x), float(y))
        except (TypeError, ValueError):
            return
        if not all(math.isfinite(value) for value in point):
            return
        series = self.points.setdefault(name, [])
        series.append(point)
        if len(series) > self.keep:
            del series[: len(series) - self.keep]
        self.changed = True

    def _scale(self, name: str) -> float:
        return max((abs(y) for _, y in self.points[name]), default=0.0)

    def plotted(self) -> list[str]:
        """Return the series drawn on the plot: the first one and those on its scale."""
        names = [
            n for n in self.points if self.points[n] and not n.endswith(RATE_SUFFIX)
        ]
        if not names:
            return []
        reference = self._scale(names[0]) or 1.0
        return [
            name
            for name in names
            if reference / SAME_SCALE
            <= (self._scale(name) or 1.0)
            <= reference * SAME_SCALE
        ]

    def latest_line(self, label: str) -> str:
        """Return ``label: name value · ...`` for the series not plotted, or ""."""
        shown = set(self.plotted())
        parts = [
            f"{name} {points[-1][1]:,.4g}"
            for name, points in self.points.items()
            if points and name not in shown
        ]
        return f"{label}: " + " · ".join(parts) if parts else ""

    def draw(self, plt: Any) -> None:
        """Draw the plotted series on a plotext figure, thinned to `PLOT_POINTS`."""
        plt.clear_data()
        for name in self.plotted():
            points = self.points[name]
            step = max(1, math.ceil(len(points) / PLOT_POINTS))
            thinned = points[::step]
            if thinned[-1] is not points[-1]:
                thinned.append(points[-1])
            plt.plot([x for x, _ in thinned], [y for _, y in thinned], label=name)
        self.changed = False
