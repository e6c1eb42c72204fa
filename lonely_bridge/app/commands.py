"""The subcommands helpers and care workers use; each problem becomes one plain line."""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from lonely_bridge.app.options import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_REFUSED
from lonely_bridge.app.outputs import checked_output, write_file, write_profile_file
from lonely_bridge.domain.errors import (
    BackupUnusable,
    LonelyBridgeError,
    NoAnswer,
    NoUsableBackup,
    OutputExists,
    OutputNotWritable,
)

if TYPE_CHECKING:
    from lonely_bridge.domain.profile import ProvisioningChanges
    from lonely_bridge.storage.backup import BackupFile

log = logging.getLogger(__name__)


def _data_dir(args: argparse.Namespace) -> Path:
    """The data folder, made ready, with this command's messages going to its log."""
    from lonely_bridge.system.logs import setup_logging
    from lonely_bridge.system.paths import default_data_dir, logs_dir, prepare_data_dir

    data_dir = prepare_data_dir(args.data_dir or default_data_dir())
    setup_logging(logs_dir(data_dir), verbose=args.verbose, console=False)
    return data_dir


def _confirm(question: str) -> bool:
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError as exc:
        print()
        raise NoAnswer() from exc
    return answer.strip().lower() in {"y", "yes"}


def cmd_backup(args: argparse.Namespace) -> int:
    from lonely_bridge.storage import backup, migrate
    from lonely_bridge.system.single_instance import data_folder_lock

    if getattr(args, "output", None) is not None:
        return cmd_save_household(args)
    data_dir = _data_dir(args)
    db = migrate.database_path(data_dir)
    migrate.refuse_a_lost_link(db)
    with data_folder_lock(data_dir):
        # Damaged, unreadable or newer files are refused in the same words as at start.
        if not db.exists() or migrate.inspect_existing(db) is None:
            print(f"There is no information to copy yet in {data_dir}.", file=sys.stderr)
            return EXIT_FAILED
        target = backup.take_manual_backup(
            db, migrate.backups_dir(data_dir), now=datetime.now().astimezone()
        )
    print(f"Saved a copy to {target}")
    return EXIT_OK


def cmd_save_household(args: argparse.Namespace) -> int:
    from lonely_bridge.storage import migrate
    from lonely_bridge.storage.household_file import household_file_path, save_household
    from lonely_bridge.system.paths import photos_dir
    from lonely_bridge.system.single_instance import data_folder_lock
    from lonely_bridge.wording.household import household_contents

    data_dir = _data_dir(args)
    target = checked_output(household_file_path(args.output), data_dir)
    if target.is_dir():
        raise OutputNotWritable(path=str(target), reason="it is a folder")
    if target.exists() and not args.yes:
        raise OutputExists(path=str(target))
    db = migrate.database_path(data_dir)
    migrate.refuse_a_lost_link(db)
    with data_folder_lock(data_dir):
        # Damaged, unreadable or newer files are refused in the same words as at start.
        if not db.exists() or migrate.inspect_existing(db) is None:
            print(f"There is no information to save yet in {data_dir}.", file=sys.stderr)
            return EXIT_FAILED
        summary = save_household(db, photos_dir(data_dir), target, now=datetime.now().astimezone())
    print(f"Saved the whole household to {target}: {household_contents(summary)}.")
    print("On another computer, put it in place with: lonely-bridge restore FILE")
    return EXIT_OK


def cmd_restore_household(args: argparse.Namespace) -> int:
    from lonely_bridge.storage import migrate
    from lonely_bridge.storage.household_file import checked_household
    from lonely_bridge.storage.household_names import KEPT_PREFIX
    from lonely_bridge.storage.household_restore import put_in_place
    from lonely_bridge.system.paths import photos_dir
    from lonely_bridge.system.single_instance import data_folder_lock
    from lonely_bridge.wording.household import household_contents, saved_when

    data_dir = _data_dir(args)
    db = migrate.database_path(data_dir)
    migrate.refuse_a_lost_link(db)
    source = args.file.expanduser().absolute()
    with data_folder_lock(data_dir), checked_household(source, data_dir) as checked:
        summary = checked.summary
        when, contents = saved_when(summary), household_contents(summary)
        print(f"{args.file} was checked and is sound: {contents}, saved {when}.")
        if not args.yes and not _confirm(
            f"Put it in place of the information in {data_dir}? What is there now is kept "
            f"aside, unchanged, in a folder named {KEPT_PREFIX}… beside it."
        ):
            print("Nothing was changed.")
            return EXIT_OK
        restored = put_in_place(checked, db, photos_dir(data_dir), now=datetime.now().astimezone())
    print(f"Restored the household saved {when}: {contents}.")
    if restored.kept is not None:
        print(f"What was here before is kept, unchanged, in {restored.kept}")
    return EXIT_OK


COPY_STATE_WORDS = {
    "good": "good",
    "empty": "empty",
    "newer": "from a newer version",
    "other_app": "not Lonely Bridge's",
    "damaged": "damaged",
    "unreadable": "cannot be read",
}


def _chosen_copy(args: argparse.Namespace, backups: Path) -> BackupFile:
    from lonely_bridge.storage import backup

    if args.copy is not None:
        path = args.copy.expanduser().resolve()
        if not path.is_file():
            raise BackupUnusable(path=str(args.copy), state="missing")
        return backup.BackupFile(path, datetime.fromtimestamp(path.stat().st_mtime).astimezone())
    copies = backup.list_backups(backups)
    if not copies:
        raise NoUsableBackup(problem="no_copies")
    if args.pick is not None:
        if not 1 <= args.pick <= len(copies):
            raise NoUsableBackup(problem="no_such_number", number=args.pick)
        chosen: BackupFile = copies[args.pick - 1]
        return chosen
    newest = backup.newest_healthy_backup(backups)
    if newest is None:
        raise NoUsableBackup(problem="none_usable")
    return newest


def cmd_restore_backup(args: argparse.Namespace) -> int:
    from lonely_bridge.storage import backup, migrate
    from lonely_bridge.storage.sqlite_files import FileState, examine
    from lonely_bridge.system.single_instance import data_folder_lock

    data_dir = _data_dir(args)
    backups = migrate.backups_dir(data_dir)
    if args.list:
        found = backup.examine_backups(backups)
        if not found:
            raise NoUsableBackup(problem="no_copies")
        for number, (copy, state) in enumerate(found, start=1):
            words = COPY_STATE_WORDS[state.state.value]
            print(f"{number:>3}  {copy.taken_at:%Y-%m-%d %H:%M}  {words:20}  {copy.path}")
        return EXIT_OK
    db = migrate.database_path(data_dir)
    migrate.refuse_a_lost_link(db)
    with data_folder_lock(data_dir):
        copy = _chosen_copy(args, backups)
        if not args.yes and not _confirm(
            f"Put back the copy from {copy.taken_at:%A %d %B %Y %H:%M}? "
            "The information in use now is kept aside, unchanged."
        ):
            print("Nothing was changed.")
            return EXIT_OK
        damaged = db.exists() and examine(db).state is FileState.DAMAGED
        restored = backup.restore_backup(
            db, copy, now=datetime.now().astimezone(), reason="damaged" if damaged else "replaced"
        )
    print(f"Restored the copy from {copy.taken_at:%Y-%m-%d %H:%M}.")
    if restored.kept is not None:
        print(f"The previous file is kept, unchanged, at {restored.kept}")
    return EXIT_OK


def cmd_screenshots(args: argparse.Namespace) -> int:
    from lonely_bridge.app.screenshots import take_screenshots

    output = checked_output(args.output / "picture.png", args.data_dir).parent
    written = take_screenshots(output, data_dir=args.data_dir)
    for path in written:
        print(path)
    return EXIT_OK


def cmd_check_link(args: argparse.Namespace) -> int:
    from lonely_bridge.domain.errors import LinkRefused
    from lonely_bridge.domain.links import parse_call_link
    from lonely_bridge.wording.links import explain_refusal, service_name

    try:
        parsed = parse_call_link(args.url, trusted_jitsi_hosts=frozenset(args.trust_jitsi_host))
    except LinkRefused as refused:
        print(explain_refusal(refused), file=sys.stderr)
        return EXIT_REFUSED
    print(f"{service_name(parsed.service)}: {parsed.url}")
    return EXIT_OK


def cmd_import_contacts(args: argparse.Namespace) -> int:
    from lonely_bridge.app.compose import ServiceFactory, command_edges, open_for_command
    from lonely_bridge.domain.clock import SystemClock
    from lonely_bridge.domain.errors import VCardError
    from lonely_bridge.wording.vcard_problems import explain_vcard_problem

    data_dir = _data_dir(args)
    clock = SystemClock()
    store = open_for_command(data_dir, clock)
    importer = ServiceFactory(store, command_edges(store, clock), data_dir).importer()
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
    from lonely_bridge.app.compose import ServiceFactory, command_edges, open_for_command
    from lonely_bridge.domain.clock import SystemClock

    data_dir = _data_dir(args)
    output = checked_output(args.output, data_dir)
    clock = SystemClock()
    store = open_for_command(data_dir, clock)
    try:
        services = ServiceFactory(store, command_edges(store, clock), data_dir)
        plans = services.plans()
        person_id = None
        if args.person:
            wanted = args.person.strip().casefold()
            everyone = services.overview().people()
            matches = [p for p in everyone if p.name.casefold() == wanted]
            if not matches:
                names = ", ".join(p.name for p in everyone) or "nobody yet"
                print(f"Nobody called {args.person!r}. People: {names}.", file=sys.stderr)
                return EXIT_REFUSED
            person_id = matches[0].id
        exported = plans.calendar(person_id=person_id)
        unreadable = plans.unreadable()
    finally:
        store.close()
    write_file(output, exported.content)
    count = exported.content.count(b"BEGIN:VEVENT")
    print(f"Wrote {count} regular call{'s' if count != 1 else ''} to {args.output}")
    for left in exported.left_out:
        print(f"Left out the link for {left.person_name}: {left.reason}")
    for plan_id in unreadable:
        print(
            f"Left out regular call {plan_id}: this version cannot read it; "
            'a helper can change or stop it under "For family and helpers" in the app.'
        )
    return EXIT_OK


# A stretch longer than this is almost surely a typing slip (2207 for 2027), and would list
# thousands of calls.
MAX_CALL_DAYS = 400


def cmd_calls(args: argparse.Namespace) -> int:
    import json
    from zoneinfo import ZoneInfo

    from lonely_bridge.app.compose import ServiceFactory, command_edges, open_for_command
    from lonely_bridge.domain.clock import SystemClock

    clock = SystemClock()
    data_dir = _data_dir(args)
    store = open_for_command(data_dir, clock)
    try:
        edges = command_edges(store, clock)
        # Days are the household's days: "today" and midnight where the older adult lives.
        home = ZoneInfo(edges.home_zone)
        first = args.first_day or clock.now().astimezone(home).date()
        last = args.last_day or first + timedelta(days=6)
        if last < first:
            print(f"The last day ({last}) comes before the first ({first}).", file=sys.stderr)
            return EXIT_REFUSED
        if (last - first).days >= MAX_CALL_DAYS:
            print(f"Please ask for at most {MAX_CALL_DAYS} days at a time.", file=sys.stderr)
            return EXIT_REFUSED
        plans = ServiceFactory(store, edges, data_dir).plans()
        start = datetime.combine(first, time(), home)
        calls = plans.calls_between(start, datetime.combine(last + timedelta(days=1), time(), home))
    finally:
        store.close()
    rows = [
        {
            "person": call.person.name,
            "plan": call.plan.id,
            "utc": call.due_at.isoformat(),
            "here": call.due_at.astimezone(home).isoformat(),
            "home_zone": str(home),
            "plan_time": call.due_at.astimezone(ZoneInfo(call.plan.time_zone)).isoformat(),
            "plan_zone": call.plan.time_zone,
        }
        for call in calls
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not calls:
        print(f"No planned calls from {first:%A %d %B %Y} to {last:%A %d %B %Y}.")
    for call in calls:
        here = call.due_at.astimezone(home)
        theirs = call.due_at.astimezone(ZoneInfo(call.plan.time_zone))
        print(
            f"{here:%a %d %b %Y %H:%M} here ({home})   {call.due_at:%H:%M} UTC   "
            f"{theirs:%H:%M} in {call.plan.time_zone}   {call.person.name}"
        )
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    import json

    from lonely_bridge.app.compose import ServiceFactory, command_edges, open_for_command
    from lonely_bridge.domain.clock import SystemClock

    data_dir = _data_dir(args)
    clock = SystemClock()
    store = open_for_command(data_dir, clock)
    try:
        report = ServiceFactory(store, command_edges(store, clock), data_dir).insight().report()
    finally:
        store.close()
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return EXIT_OK
    if report["paused"]:
        from lonely_bridge.domain.errors import InsightPaused
        from lonely_bridge.wording.problems import explain

        print(explain(InsightPaused()).as_line())
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


def _provision(data: bytes, data_dir: Path, *, dry_run: bool) -> ProvisioningChanges:
    """The changes ``data`` asks of the information in ``data_dir``, applied unless
    ``dry_run``; raises ProfileInvalid."""
    from lonely_bridge.app.compose import ServiceFactory, command_edges, open_for_command
    from lonely_bridge.domain.clock import SystemClock

    clock = SystemClock()
    store = open_for_command(data_dir, clock)
    try:
        provisioning = ServiceFactory(store, command_edges(store, clock), data_dir).provisioning()
        changes = provisioning.changes(provisioning.check(data))
        if not dry_run:
            provisioning.apply(changes)
    finally:
        store.close()
    return changes


def cmd_provision(args: argparse.Namespace) -> int:
    import tempfile

    from lonely_bridge.domain.errors import ProfileInvalid
    from lonely_bridge.formats.profile import load_document, parse_profile, read_profile_file
    from lonely_bridge.storage import migrate
    from lonely_bridge.system.single_instance import data_folder_lock
    from lonely_bridge.wording.profile import describe_change, explain_profile_problem, not_applied

    try:
        # The file itself is checked before the information is opened, let alone changed.
        data = read_profile_file(args.profile)
        load_document(data)
        data_dir = _data_dir(args)
        new_computer = not migrate.database_path(data_dir).exists()
        if new_computer:
            # A profile with problems leaves not even an empty file behind.
            parse_profile(data)
        with data_folder_lock(data_dir), tempfile.TemporaryDirectory() as scratch:
            # A dry run on a new computer compares with a new, empty file made aside.
            folder = Path(scratch) if args.dry_run and new_computer else data_dir
            changes = _provision(data, folder, dry_run=args.dry_run)
    except ProfileInvalid as invalid:
        print(not_applied(len(invalid.problems)), file=sys.stderr)
        for problem in invalid.problems:
            print(f"  {explain_profile_problem(problem)}", file=sys.stderr)
        return EXIT_REFUSED
    if not changes.described:
        print("Nothing to change: this computer already matches the profile.")
        return EXIT_OK
    if args.dry_run:
        print("Applying this profile would:")
    for change in changes.described:
        print(f"  {describe_change(change)}")
    if args.dry_run:
        print("Nothing was changed (--dry-run).")
    else:
        count = len(changes.described)
        print(f"Done: {count} change{'s' if count != 1 else ''} saved.")
    return EXIT_OK


def cmd_export_profile(args: argparse.Namespace) -> int:
    from lonely_bridge.app.compose import ServiceFactory, command_edges, open_for_command
    from lonely_bridge.domain.clock import SystemClock

    data_dir = _data_dir(args)
    checked_output(args.output, data_dir)  # refused before the information is opened
    clock = SystemClock()
    store = open_for_command(data_dir, clock)
    try:
        edges = command_edges(store, clock)
        profile = ServiceFactory(store, edges, data_dir).provisioning().export()
    finally:
        store.close()
    write_profile_file(profile, args.output, data_dir)
    people, plans = len(profile.people), len(profile.plans)
    print(
        f"Wrote {people} {'person' if people == 1 else 'people'} and {plans} regular "
        f"call{'' if plans == 1 else 's'} to {args.output}. It holds no PIN (only its scrambled "
        "form) and no e-mail password."
    )
    return EXIT_OK


COMMANDS = {
    "report": cmd_report,
    "calls": cmd_calls,
    "export-calendar": cmd_export_calendar,
    "import-contacts": cmd_import_contacts,
    "check-link": cmd_check_link,
    "backup": cmd_backup,
    "restore-backup": cmd_restore_backup,
    "restore": cmd_restore_household,
    "screenshots": cmd_screenshots,
    "provision": cmd_provision,
    "export-profile": cmd_export_profile,
}


def _say(problem: LonelyBridgeError) -> int:
    from lonely_bridge.wording.problems import explain

    print(explain(problem).as_line(), file=sys.stderr)
    return EXIT_REFUSED


def run_command(args: argparse.Namespace) -> int:
    """Run one command; every problem becomes one plain line and a non-zero exit."""
    # Nothing logged may reach the screen as a traceback, even before the log file is open.
    logging.getLogger().addHandler(logging.NullHandler())
    try:
        return COMMANDS[args.command](args)
    except LonelyBridgeError as error:
        return _say(error)
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:
        from lonely_bridge.storage.failures import as_problem
        from lonely_bridge.storage.migrate import database_path
        from lonely_bridge.system.paths import default_data_dir

        folder = args.data_dir or default_data_dir()
        problem = as_problem(exc, folder=folder, database=database_path(folder))
        if problem is not None:
            log.warning("The %s command met: %s", args.command, problem)
            return _say(problem)
        log.exception("The %s command failed", args.command)
        _say(LonelyBridgeError())
        return EXIT_FAILED
