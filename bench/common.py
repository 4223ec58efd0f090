"""What every benchmark shares: measuring, statistics, figures and their tables, subprocesses.

A benchmark returns a Report: figures, each measured against a baseline from
the same run. `Figure.ratio` is the relative speed (higher is better): for
durations baseline / measured, for rates measured / baseline.

Wall-clock times suffer from whatever else the machine runs; CPU times (this
process plus the benchmark's PostgreSQL server) much less, so figures come in
both kinds where they can.
"""

from __future__ import annotations

import math
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import database

PROJECT_DIR = Path(__file__).resolve().parent.parent
LOG_DIR = PROJECT_DIR / "var" / "bench"
SETTINGS = "bench.settings"


def median(values: list[float]) -> float:
    return statistics.median(values)


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share 0.9 for p90): a value that was actually measured."""
    ordered = sorted(values)
    return ordered[math.ceil(share * len(ordered)) - 1]


def p90(values: list[float]) -> float:
    return percentile(values, 0.9)


def p95(values: list[float]) -> float:
    return percentile(values, 0.95)


@dataclass
class Sample:
    """What one measured action cost."""

    wall: float
    cpu: float | None  # this process and the database server; None without our own server


def measure(action: Callable[[], object]) -> Sample:
    """Run `action()` and return its wall-clock and CPU seconds."""
    server_before, process_before = database.server_cpu(), time.process_time()
    start = time.perf_counter()
    action()
    wall = time.perf_counter() - start
    server_after = database.server_cpu()
    if server_before is None or server_after is None:
        return Sample(wall, None)
    return Sample(wall, time.process_time() - process_before + server_after - server_before)


@dataclass
class Goal:
    """A target from the issue, e.g. "median ≤ 1.5 s" or "≥ 10× faster than the baseline"."""

    text: str
    met: Callable[[Figure], bool]

    @classmethod
    def at_most(cls, limit: float, unit: str) -> Goal:
        return cls(f"≤ {limit:g} {unit}", lambda f: f.value <= limit)

    @classmethod
    def speedup_at_least(cls, factor: float) -> Goal:
        return cls(f"≥ {factor:g}× faster", lambda f: f.ratio >= factor)

    @classmethod
    def slower_at_most(cls, factor: float) -> Goal:
        """At most `factor` times the baseline's duration (e.g. 1.2: within 20 %)."""
        return cls(f"≤ {factor:g}× baseline", lambda f: f.value <= factor * f.baseline)

    @classmethod
    def share_at_least(cls, share: float) -> Goal:
        return cls(f"≥ {share:.0%} of baseline", lambda f: f.ratio >= share)


@dataclass
class Figure:
    """One measured value, its baseline from the same run, and the goals it is held to."""

    name: str
    value: float
    unit: str  # durations ("s", "CPU s") are better lower, rates ("req/s") higher
    baseline: float
    baseline_name: str
    goals: list[Goal] = field(default_factory=list)
    # Measured below the scale its goals are about (or projected to it): no PASS or MISS.
    extrapolated: bool = False

    @property
    def is_rate(self) -> bool:
        return "/" in self.unit

    @property
    def ratio(self) -> float:
        return self.value / self.baseline if self.is_rate else self.baseline / self.value

    def ratio_text(self) -> str:
        if self.is_rate:
            return f"{self.ratio:.0%} of baseline"
        if self.ratio >= 1:
            return f"{self.ratio:.1f}× faster"
        return f"{1 / self.ratio:.1f}× slower"

    def verdict(self) -> str:
        if not self.goals:
            return "—"
        if self.extrapolated:
            return "extrapolated"
        return "PASS" if all(goal.met(self) for goal in self.goals) else "MISS"


def _amount(value: float, unit: str) -> str:
    return f"{value:,.0f} {unit}" if "/" in unit else f"{value:.2f} {unit}"


@dataclass
class Report:
    """A benchmark's outcome: its figures and the notes needed to read them."""

    title: str
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def missed(self) -> list[Figure]:
        return [f for f in self.figures if f.verdict() == "MISS"]

    def table(self) -> str:
        """A Markdown table: readable in a terminal, pasteable into docs/performance.md."""
        header = ["figure", "measured", "baseline", "ratio", "goal", "result"]
        rows = [
            [
                f.name,
                _amount(f.value, f.unit),
                f"{_amount(f.baseline, f.unit)} ({f.baseline_name})",
                f.ratio_text(),
                "; ".join(goal.text for goal in f.goals) or "—",
                f.verdict(),
            ]
            for f in self.figures
        ]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

        def line(cells: list[str]) -> str:
            return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

        separator = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
        body = [line(header), separator, *(line(row) for row in rows)] if rows else []
        notes = [f"- {note}" for note in self.notes]
        return "\n".join([f"### {self.title}", "", *body, *([""] if body else []), *notes])


def say(message: str) -> None:
    """Progress on stderr, so that stdout holds only the tables."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def environment(settings: str = SETTINGS) -> dict[str, str]:
    """Environment of a subprocess: the project importable, the given settings."""
    paths = [str(PROJECT_DIR), str(PROJECT_DIR / "platform"), os.environ.get("PYTHONPATH", "")]
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings,
        "PYTHONPATH": os.pathsep.join(p for p in paths if p),
        "PYTHONUNBUFFERED": "1",  # a stopped command's log keeps its last lines
    }


def manage(*args: str, log: str, timeout: float | None = None, settings: str = SETTINGS) -> float:
    """Run `manage.py <args>` on the benchmark database; return its wall-clock seconds.

    Its output goes to var/bench/<log>.log; a failure raises with the log's tail.
    After `timeout` seconds the command is stopped and TimeoutError raised.
    """
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log_path = LOG_DIR / f"{log}.log"
    command = [sys.executable, str(PROJECT_DIR / "manage.py"), *args]
    with log_path.open("w") as out:
        start = time.perf_counter()
        try:
            done = subprocess.run(
                command,
                cwd=PROJECT_DIR,
                env=environment(settings),
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            raise TimeoutError(f"{' '.join(args)} stopped after {timeout:.0f} s") from None
        elapsed = time.perf_counter() - start
    if done.returncode:
        tail = "\n".join(log_path.read_text().splitlines()[-20:])
        raise RuntimeError(f"{' '.join(args)} failed ({log_path}):\n{tail}")
    return elapsed
