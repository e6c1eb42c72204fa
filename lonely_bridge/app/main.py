"""Where the app starts: a subcommand on the command line, or the window."""

from __future__ import annotations

import time
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    from lonely_bridge.app.options import parse_args

    args = parse_args(argv)
    if args.command:
        from lonely_bridge.app.commands import run_command

        return run_command(args)
    from lonely_bridge.app.gui import run_gui

    return run_gui(args, started)
