"""Time to the first painted Today screen and memory, against a bare PySide6 window.

Both run as fresh processes in the same session, several times each, and the medians are
compared, so the ratios hold on any machine. The app starts as people start it (windows
allowed) on an existing folder: the demo household, and 1,000 people with 20 years of
history, whose first paint must not grow with that history. Targets: first paint at most
2.5x the bare window with the demo household and 3.0x with the large one; peak memory up to
the first paint at most 2.2x; memory 10 s after start, when the reminders' scheduler and the
sharing rounds have loaded, at most 2.0x a bare window open as long.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEMO_PAINT_LIMIT = 2.5
LARGE_PAINT_LIMIT = 3.0
MEMORY_RATIO_LIMIT = 2.2
# Each of these runs takes SETTLED_AFTER_S, so fewer of them.
SETTLED_RUNS = 3
SETTLED_AFTER_S = 10.0
SETTLED_RATIO_LIMIT = 2.0


def measure(command: list[str], marker: str) -> tuple[float, float]:
    """Seconds from spawn to ``marker`` on stdout, and the child's peak RSS in MiB."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    painted_at = None
    for line in process.stdout:
        if painted_at is None and marker in line:
            painted_at = time.perf_counter() - started
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if painted_at is None or process.returncode != 0:
        raise SystemExit(f"{command} did not paint (exit {process.returncode})")
    return painted_at, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def settled_memory(command: list[str]) -> float:
    """The child's resident memory in MiB ``SETTLED_AFTER_S`` after its start; then it is
    closed with SIGTERM, as a session ending would."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    try:
        time.sleep(SETTLED_AFTER_S)
        status = Path(f"/proc/{process.pid}/status").read_text()
        if process.poll() is not None:
            raise SystemExit(f"{command} closed before it was measured")
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    kib = next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))
    return int(kib) / 1024


def app_command(data_dir: Path, *, smoke_test: bool = True) -> list[str]:
    # No --no-err-windows: the start people get, which the smoke test also takes.
    command = [sys.executable, "-m", "lonely_bridge", "--data-dir", str(data_dir)]
    return [*command, "--smoke-test"] if smoke_test else command


def demo_folder(folder: Path) -> None:
    subprocess.run([*app_command(folder), "--demo"], check=True, capture_output=True)


def large_folder(folder: Path) -> None:
    """1,000 people and 20 years of contact (about a million events), written as the app does.

    Built in a process of its own: a bench process grown by a million records would pass
    that size on to every child it starts (Linux counts it in the child's peak memory).
    """
    build = (
        "import sys; from datetime import UTC, datetime; from pathlib import Path\n"
        "from insight_scale import LARGE, build_store, make_household\n"
        "from fixed_clock import FixedClock\n"
        "clock = FixedClock(datetime.now(UTC))\n"
        "household = make_household(now=clock.now(), people=LARGE.people, years=LARGE.years,"
        " events=LARGE.events)\n"
        "build_store(Path(sys.argv[1]), household, clock).close()\n"
    )
    subprocess.run([sys.executable, "-c", build, str(folder)], cwd=HERE, check=True)


def compare(name: str, prepare: Callable[[Path], None], runs: int, paint_limit: float) -> bool:
    data_dir = Path(tempfile.mkdtemp(prefix="lonely-bridge-bench-"))
    bare_command = [sys.executable, str(HERE / "bare_window.py")]
    bare, app = [], []
    bare_settled, app_settled = [], []
    try:
        # Built first, so the timed runs open an existing, populated database.
        prepare(data_dir)
        for _ in range(runs):
            # Interleaved, so a busy moment on the machine hurts both sides alike.
            bare.append(measure(bare_command, "painted"))
            app.append(measure(app_command(data_dir), "Today painted"))
        for _ in range(SETTLED_RUNS):
            bare_settled.append(settled_memory([*bare_command, "--stay"]))
            app_settled.append(settled_memory(app_command(data_dir, smoke_test=False)))
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    bare_paint = statistics.median(run[0] for run in bare)
    app_paint = statistics.median(run[0] for run in app)
    bare_memory = statistics.median(run[1] for run in bare)
    app_memory = statistics.median(run[1] for run in app)
    paint_ratio = app_paint / bare_paint
    memory_ratio = app_memory / bare_memory
    settled_ratio = statistics.median(app_settled) / statistics.median(bare_settled)
    print(f"== {name}: {runs} runs each, medians")
    print(
        f"first paint   bare {bare_paint:.3f} s   Today {app_paint:.3f} s   ratio {paint_ratio:.2f}"
    )
    print(
        f"peak memory   bare {bare_memory:.0f} MiB   Today {app_memory:.0f} MiB   "
        f"ratio {memory_ratio:.2f}"
    )
    print(
        f"memory at {SETTLED_AFTER_S:.0f} s  bare {statistics.median(bare_settled):.0f} MiB   "
        f"app {statistics.median(app_settled):.0f} MiB   ratio {settled_ratio:.2f}"
    )
    ok = (
        paint_ratio <= paint_limit
        and memory_ratio <= MEMORY_RATIO_LIMIT
        and settled_ratio <= SETTLED_RATIO_LIMIT
    )
    print(
        f"targets: paint <= {paint_limit}x, peak memory <= {MEMORY_RATIO_LIMIT}x, memory at "
        f"{SETTLED_AFTER_S:.0f} s <= {SETTLED_RATIO_LIMIT}x: " + ("met" if ok else "NOT met")
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--demo-only", action="store_true", help="skip the 1,000-person case")
    args = parser.parse_args()
    # Off-screen by default so it runs anywhere; set QT_QPA_PLATFORM=xcb to measure on a screen.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    ok = compare("the demo household", demo_folder, args.runs, DEMO_PAINT_LIMIT)
    if not args.demo_only:
        ok = compare("1,000 people x 20 years", large_folder, args.runs, LARGE_PAINT_LIMIT) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
