"""Entry point for ``python -m lonely_bridge`` and the ``lonely-bridge`` command."""

from __future__ import annotations

import sys


def main() -> int:
    from lonely_bridge.app.main import main as app_main

    return app_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
