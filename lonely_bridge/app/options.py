"""The command line: its options, its subcommands, and the exit codes they end with."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from lonely_bridge import APP_ID, __version__

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_REFUSED = 2
EXIT_INTERRUPTED = 130
DATA_DIR_HELP = "folder for Lonely Bridge's information (default: the usual place for this user)"


def _folder_argument(text: str) -> Path:
    if not text.strip():
        raise argparse.ArgumentTypeError("please name a folder; it may not be empty")
    return Path(text)


def _date_argument(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date: please write it as YYYY-MM-DD, for example 2027-01-03"
        ) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=APP_ID,
        description="Lonely Bridge: keep in touch with the people you love.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data-dir", type=_folder_argument, help=DATA_DIR_HELP)
    # Each command takes --data-dir too, so it may come before or after the command's name;
    # SUPPRESS keeps a command from overwriting one given before it.
    data = argparse.ArgumentParser(add_help=False)
    data.add_argument(
        "--data-dir", type=_folder_argument, default=argparse.SUPPRESS, help=DATA_DIR_HELP
    )
    parser.add_argument(
        "--no-err-windows",
        action="store_true",
        help="write problems to the log instead of showing windows (for scripts and tests)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start with a demo household (in a new temporary folder unless --data-dir is given)",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="start, show Today, check the information, then exit: 0 when it worked, otherwise "
        "non-zero with the reason (questions are answered 'no', never waited for)",
    )
    parser.add_argument(
        "--at-login",
        action="store_true",
        help="started when the computer starts: wait quietly as an icon beside the clock "
        "where the desktop has one (reminders still come), otherwise open as usual",
    )
    parser.add_argument("--verbose", action="store_true", help="log more detail")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    screenshots = commands.add_parser(
        "screenshots", parents=[data], help="save pictures of every main screen at each text size"
    )
    screenshots.add_argument("--output", "-o", type=Path, default=Path("screenshots"))

    check_link = commands.add_parser(
        "check-link",
        parents=[data],
        help="say whether Lonely Bridge would open a call link, and why not",
    )
    check_link.add_argument("url")
    check_link.add_argument(
        "--trust-jitsi-host", action="append", default=[], metavar="HOST",
        help="a self-hosted Jitsi server the family uses (may be given more than once)",
    )  # fmt: skip

    import_contacts = commands.add_parser(
        "import-contacts",
        parents=[data],
        help="add everyone from a .vcf contacts file (phone or mail export)",
    )
    import_contacts.add_argument("file", type=Path)

    export = commands.add_parser(
        "export-calendar",
        parents=[data],
        help="write the regular calls as an iCalendar (.ics) file",
    )
    export.add_argument("--person", metavar="NAME", help="only the calls with this person")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.ics")

    calls = commands.add_parser(
        "calls",
        parents=[data],
        help="the planned calls in a stretch of days, each in UTC, here and in the plan's zone",
    )
    calls.add_argument(
        "--from", dest="first_day", type=_date_argument, metavar="YYYY-MM-DD",
        help="the first day (default: today)",
    )  # fmt: skip
    calls.add_argument(
        "--until", dest="last_day", type=_date_argument, metavar="YYYY-MM-DD",
        help="the last day, included (default: a week from the first)",
    )  # fmt: skip
    calls.add_argument("--json", action="store_true", help="as JSON, one object per call")

    report = commands.add_parser(
        "report",
        parents=[data],
        help="how things stand: the gentle level, its reasons, and each person",
    )
    report.add_argument("--json", action="store_true", help="as JSON: level, reasons, people")

    provision = commands.add_parser(
        "provision",
        parents=[data],
        help="set this computer up from a care worker's profile (see docs/PROFILE.md)",
    )
    provision.add_argument("profile", type=Path, metavar="PROFILE.toml")
    provision.add_argument(
        "--dry-run", action="store_true", help="only say what would change; change nothing"
    )
    export_profile = commands.add_parser(
        "export-profile",
        parents=[data],
        help="write this computer's set-up as a profile (no PIN, no password)",
    )
    export_profile.add_argument("-o", "--output", type=Path, required=True, metavar="PROFILE.toml")

    backup = commands.add_parser(
        "backup", parents=[data], help="save a copy of the information now (-o: the whole "
        "household, photos too, in one file to move to another computer)",
    )  # fmt: skip
    _household_file_options(backup)
    restore = commands.add_parser(
        "restore-backup",
        parents=[data],
        help="put a saved copy back: the newest good one unless told which (the current file "
        "is kept aside)",
    )
    restore.add_argument(
        "--list",
        action="store_true",
        help="list the copies, numbered, and whether each can be used",
    )
    which = restore.add_mutually_exclusive_group()
    which.add_argument("--pick", type=int, metavar="N", help="the copy numbered N in --list")
    which.add_argument("copy", nargs="?", type=Path, metavar="FILE", help="a copy to put back")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    _restore_household_command(commands, data)
    return parser


def _household_file_options(backup: argparse.ArgumentParser) -> None:
    backup.add_argument(
        "-o", "--output", type=Path, metavar="FILE.lonelybridge",
        help="write the whole household (information and photos) to this one file",
    )  # fmt: skip
    backup.add_argument("--yes", action="store_true", help="replace FILE if it exists")


def _restore_household_command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    data: argparse.ArgumentParser,
) -> None:
    restore = commands.add_parser(
        "restore",
        parents=[data],
        help="put a whole-household file (from backup -o) in place, after checking it fully; "
        "what is here now is kept aside in a kept-before-restore folder",
    )
    restore.add_argument("file", type=Path, metavar="FILE.lonelybridge")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    return build_parser().parse_args(argv)
