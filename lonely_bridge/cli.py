"""Command-line options and the subcommands helpers and care workers use."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from lonely_bridge import APP_ID, __version__
from lonely_bridge.domain.errors import LonelyBridgeError

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_REFUSED = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=APP_ID,
        description="Lonely Bridge: keep in touch with the people you love.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="folder for Lonely Bridge's information (default: the usual place for this user)",
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
        help="start, show Today, then exit: 0 when it worked, otherwise non-zero with the reason",
    )
    parser.add_argument("--verbose", action="store_true", help="log more detail")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    screenshots = commands.add_parser(
        "screenshots", help="save pictures of every main screen at each text size"
    )
    screenshots.add_argument("--output", "-o", type=Path, default=Path("screenshots"))

    check_link = commands.add_parser(
        "check-link", help="say whether Lonely Bridge would open a call link, and why not"
    )
    check_link.add_argument("url")
    check_link.add_argument(
        "--trust-jitsi-host", action="append", default=[], metavar="HOST",
        help="a self-hosted Jitsi server the family uses (may be given more than once)",
    )  # fmt: skip

    import_contacts = commands.add_parser(
        "import-contacts", help="add everyone from a .vcf contacts file (phone or mail export)"
    )
    import_contacts.add_argument("file", type=Path)

    export = commands.add_parser(
        "export-calendar", help="write the regular calls as an iCalendar (.ics) file"
    )
    export.add_argument("--person", metavar="NAME", help="only the calls with this person")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.ics")

    report = commands.add_parser(
        "report", help="how things stand: the gentle level, its reasons, and each person"
    )
    report.add_argument("--json", action="store_true", help="as JSON: level, reasons, people")

    commands.add_parser("backup", help="save a copy of the information now")
    restore = commands.add_parser(
        "restore-backup", help="put the newest good copy back (the current file is kept aside)"
    )
    restore.add_argument("--list", action="store_true", help="only list the copies")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    return parser


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    return build_parser().parse_args(argv)


def _data_dir(args: argparse.Namespace) -> Path:
    from lonely_bridge.system.paths import default_data_dir, prepare_data_dir

    return prepare_data_dir(args.data_dir or default_data_dir())


def _print_problem(error: LonelyBridgeError) -> None:
    from lonely_bridge.services.problems import explain

    print(explain(error).as_text(), file=sys.stderr)


def cmd_backup(args: argparse.Namespace) -> int:
    from lonely_bridge.storage import backup, migrate

    data_dir = _data_dir(args)
    db = migrate.database_path(data_dir)
    if not db.exists():
        print(f"There is no information to copy yet in {data_dir}.", file=sys.stderr)
        return EXIT_FAILED
    target = migrate.backups_dir(data_dir) / f"manual-{datetime.now(UTC):%Y%m%dT%H%M%S}.db"
    target.parent.mkdir(mode=0o700, exist_ok=True)
    backup.copy_database(db, target)
    print(f"Saved a copy to {target}")
    return EXIT_OK


def cmd_restore_backup(args: argparse.Namespace) -> int:
    from lonely_bridge.storage import backup, migrate

    data_dir = _data_dir(args)
    copies = backup.list_backups(migrate.backups_dir(data_dir))
    if args.list or not copies:
        if not copies:
            print("There are no saved copies yet.", file=sys.stderr)
            return EXIT_FAILED
        for copy in copies:
            state = "good" if backup.is_healthy(copy.path) else "damaged"
            print(f"{copy.taken_at:%Y-%m-%d %H:%M}  {state:8}  {copy.path}")
        return EXIT_OK
    newest = backup.newest_healthy_backup(migrate.backups_dir(data_dir))
    if newest is None:
        print("None of the saved copies can be read, so nothing was changed.", file=sys.stderr)
        return EXIT_FAILED
    if not args.yes:
        answer = input(f"Put back the copy from {newest.taken_at:%A %d %B %Y %H:%M}? [y/N] ")
        if answer.strip().lower() not in {"y", "yes"}:
            print("Nothing was changed.")
            return EXIT_OK
    kept = backup.restore_backup(
        migrate.database_path(data_dir), newest.path, now=datetime.now(UTC)
    )
    print(f"Restored the copy from {newest.taken_at:%Y-%m-%d %H:%M}.")
    print(f"The previous file is kept, unchanged, at {kept}")
    return EXIT_OK


def cmd_screenshots(args: argparse.Namespace) -> int:
    from lonely_bridge.screenshots import take_screenshots

    written = take_screenshots(args.output.resolve(), data_dir=args.data_dir)
    for path in written:
        print(path)
    return EXIT_OK


def cmd_check_link(args: argparse.Namespace) -> int:
    from lonely_bridge.domain.links import LinkRefused, explain_refusal, parse_call_link

    try:
        parsed = parse_call_link(args.url, trusted_jitsi_hosts=frozenset(args.trust_jitsi_host))
    except LinkRefused as refused:
        print(explain_refusal(refused), file=sys.stderr)
        return EXIT_REFUSED
    print(f"{parsed.service.display_name}: {parsed.url}")
    return EXIT_OK


def cmd_import_contacts(args: argparse.Namespace) -> int:
    from lonely_bridge.domain.clock import SystemClock
    from lonely_bridge.domain.vcards import VCardError, explain_vcard_problem
    from lonely_bridge.services.importing import ContactImporter
    from lonely_bridge.storage import migrate
    from lonely_bridge.storage.store import AppStore
    from lonely_bridge.system.paths import photos_dir

    data_dir = _data_dir(args)
    clock = SystemClock()
    store = AppStore(migrate.open_database(data_dir, now=clock.now()))
    importer = ContactImporter(store, clock, photos_dir=photos_dir(data_dir))
    try:
        report = importer.import_file(args.file)
    except OSError as error:
        print(f"Could not read {args.file}: {error.strerror}. Nothing was added.", file=sys.stderr)
        return EXIT_REFUSED
    except VCardError as error:
        print(explain_vcard_problem(error), file=sys.stderr)
        return EXIT_REFUSED
    finally:
        store.close()
    for name in report.added:
        print(f"Added: {name}")
    for name, reason in report.skipped:
        print(f"Skipped: {name}: {reason}")
    for name, note in report.partly_read:
        print(f"Note: {name}: {note}")
    print(f"{len(report.added)} added, {len(report.skipped)} skipped.")
    return EXIT_OK


def cmd_export_calendar(args: argparse.Namespace) -> int:
    from lonely_bridge.domain.clock import SystemClock
    from lonely_bridge.services.plans import PlanService
    from lonely_bridge.storage import migrate
    from lonely_bridge.storage.store import AppStore

    data_dir = _data_dir(args)
    clock = SystemClock()
    store = AppStore(migrate.open_database(data_dir, now=clock.now()))
    try:
        plans = PlanService(store, clock)
        person_id = None
        if args.person:
            wanted = args.person.strip().casefold()
            matches = [p for p in store.list_people() if p.name.casefold() == wanted]
            if not matches:
                names = ", ".join(p.name for p in store.list_people()) or "nobody yet"
                print(f"Nobody called {args.person!r}. People: {names}.", file=sys.stderr)
                return EXIT_REFUSED
            person_id = matches[0].id
        data = plans.calendar(person_id=person_id)
    finally:
        store.close()
    try:
        args.output.write_bytes(data)
    except OSError as error:
        print(f"Could not write {args.output}: {error.strerror}.", file=sys.stderr)
        return EXIT_FAILED
    count = data.count(b"BEGIN:VEVENT")
    print(f"Wrote {count} regular call{'s' if count != 1 else ''} to {args.output}")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    import json

    from lonely_bridge.domain.clock import SystemClock
    from lonely_bridge.services.insight import InsightService
    from lonely_bridge.storage import migrate
    from lonely_bridge.storage.store import AppStore

    data_dir = _data_dir(args)
    clock = SystemClock()
    store = AppStore(migrate.open_database(data_dir, now=clock.now()))
    try:
        report = InsightService(store, clock).report()
    finally:
        store.close()
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(report["level_words"])
    for reason in report["reasons"]:
        print(f"  - {reason}")
    if report["next_step"]:
        print(f"Next step: {report['next_step']}")
    print()
    for person in report["people"]:
        since = person["days_since_contact"]
        when = (
            "no contact recorded"
            if since is None
            else f"{since} day{'' if since == 1 else 's'} since contact"
        )
        print(f"{person['name']:30} {person['state'].replace('_', ' '):10} {when}")
    return EXIT_OK


COMMANDS = {
    "report": cmd_report,
    "export-calendar": cmd_export_calendar,
    "import-contacts": cmd_import_contacts,
    "check-link": cmd_check_link,
    "backup": cmd_backup,
    "restore-backup": cmd_restore_backup,
    "screenshots": cmd_screenshots,
}


def run_command(args: argparse.Namespace) -> int:
    try:
        return COMMANDS[args.command](args)
    except LonelyBridgeError as error:
        _print_problem(error)
        return EXIT_REFUSED
