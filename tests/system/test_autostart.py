"""Start at login: the XDG entry for real (validated, parsed back, launched), the LaunchAgent
and Run key against a temporary home, and a read-only or full folder on a real small disk."""

from __future__ import annotations

import json
import os
import plistlib
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lonely_bridge import APP_ID, APP_NAME
from lonely_bridge.domain.errors import LoginStartNotChanged
from lonely_bridge.system.autostart import (
    AT_LOGIN_OPTION,
    LAUNCH_AGENT_LABEL,
    LaunchAgentLoginStart,
    RunKeyLoginStart,
    XdgLoginStart,
    app_icon,
    for_this_computer,
    login_command,
    this_program,
)
from tests.desktop_entry import exec_program, parse_entry, validate
from tests.small_disk import NAMESPACE, needs_namespaces

# Folder names that break naive quoting: spaces, a "#" (a comment in shells), "%" (a field
# code in desktop entries), quotes, a dollar, a backslash and a backtick.
AWKWARD_FOLDERS = [
    "My Programs",
    "lonely #2",
    "100% sure",
    'it\'s "here"',
    "$HOME and `date`",
    "back\\slash",
    "tab\there",
]


# What runs -----------------------------------------------------------------------------------
def test_from_a_virtual_environment_it_is_this_python_with_the_package() -> None:
    assert this_program("/opt/venv/bin/python3", frozen=False, windows=False) == (
        "/opt/venv/bin/python3",
        "-m",
        "lonely_bridge",
    )


def test_from_a_bundle_it_is_the_bundle_itself() -> None:
    assert this_program("/opt/Lonely Bridge/lonely-bridge", frozen=True, windows=False) == (
        "/opt/Lonely Bridge/lonely-bridge",
    )


def test_on_windows_the_python_without_a_console_is_chosen(tmp_path: Path) -> None:
    python = tmp_path / "python.exe"
    python.touch()
    assert this_program(str(python), frozen=False, windows=True)[0] == str(python)
    (tmp_path / "pythonw.exe").touch()
    assert this_program(str(python), frozen=False, windows=True) == (
        str(tmp_path / "pythonw.exe"),
        "-m",
        "lonely_bridge",
    )


def test_the_login_command_names_its_folder_only_when_given(tmp_path: Path) -> None:
    program = ("/usr/bin/python3", "-m", "lonely_bridge")
    assert login_command(program=program) == (*program, AT_LOGIN_OPTION)
    assert login_command(tmp_path / "my data", program=program) == (
        *program,
        "--data-dir",
        str(tmp_path / "my data"),
        AT_LOGIN_OPTION,
    )


def test_by_default_the_login_command_runs_this_same_app() -> None:
    assert login_command() == (sys.executable, "-m", "lonely_bridge", AT_LOGIN_OPTION)


# Linux ---------------------------------------------------------------------------------------
@pytest.fixture
def xdg(tmp_path: Path) -> XdgLoginStart:
    return XdgLoginStart(tmp_path / "home", config_home=tmp_path / "config", icon=app_icon())


def test_turned_on_the_entry_is_in_the_autostart_folder_and_valid(
    xdg: XdgLoginStart, tmp_path: Path
) -> None:
    program = ("/usr/bin/python3", "-m", "lonely_bridge", AT_LOGIN_OPTION)
    assert not xdg.is_enabled()

    xdg.enable(program)

    assert xdg.path == tmp_path / "config" / "autostart" / f"{APP_ID}.desktop"
    assert xdg.is_enabled()
    entry = parse_entry(xdg.path.read_text(encoding="utf-8"))
    assert entry["Type"] == "Application"
    assert entry["Name"] == APP_NAME
    assert entry["Comment"]
    assert entry["X-GNOME-Autostart-enabled"] == "true"
    assert Path(entry["Icon"]).is_file()
    assert exec_program(entry) == list(program)
    validate(xdg.path)


@pytest.mark.parametrize("folder", AWKWARD_FOLDERS)
def test_a_program_in_an_awkward_folder_still_runs_as_itself(
    xdg: XdgLoginStart, tmp_path: Path, folder: str
) -> None:
    python = str(tmp_path / folder / "venv" / "bin" / "python3")
    program = login_command(tmp_path / folder / "data", program=(python, "-m", "lonely_bridge"))

    xdg.enable(program)

    entry = parse_entry(xdg.path.read_text(encoding="utf-8"))
    assert exec_program(entry) == list(program)
    validate(xdg.path)


# A shebang line cannot name an interpreter whose path has a space (the checkout may live in
# "Client #12"), so the shell starts this Python, which writes the arguments it was given.
ARGV_WRITER = """#!/bin/sh
exec {python} - "$0" "$@" <<'PY'
import json, sys
with open(sys.argv[1] + ".argv.json", "w", encoding="utf-8") as out:
    json.dump(sys.argv[2:], out)
PY
"""


@pytest.mark.parametrize("folder", AWKWARD_FOLDERS)
def test_the_desktop_launches_the_entry_with_exactly_its_arguments(
    xdg: XdgLoginStart, tmp_path: Path, folder: str
) -> None:
    """GLib (as GNOME and others use it) runs the entry, as it would at login."""
    gio = shutil.which("gio")
    if gio is None:
        pytest.skip("gio (GLib's launcher) is not installed")
    program = tmp_path / folder / "program"
    program.parent.mkdir(parents=True)
    program.write_text(ARGV_WRITER.format(python=shlex.quote(sys.executable)), encoding="utf-8")
    program.chmod(0o700)
    arguments = [str(program), "--data-dir", str(tmp_path / folder / "data"), AT_LOGIN_OPTION]
    xdg.enable(arguments)

    launched = subprocess.run(
        [gio, "launch", str(xdg.path)], capture_output=True, text=True, check=False, timeout=30
    )

    assert launched.returncode == 0, launched.stderr
    written = Path(f"{program}.argv.json")
    deadline = time.monotonic() + 20
    while not written.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert json.loads(written.read_text(encoding="utf-8")) == arguments[1:]


def test_turned_on_twice_there_is_one_entry_written_once(xdg: XdgLoginStart) -> None:
    program = ("/usr/bin/python3", "-m", "lonely_bridge", AT_LOGIN_OPTION)
    xdg.enable(program)
    first = xdg.path.stat()

    xdg.enable(program)

    assert sorted(p.name for p in xdg.path.parent.iterdir()) == [f"{APP_ID}.desktop"]
    assert xdg.path.stat().st_ino == first.st_ino  # the same file: not written again
    assert xdg.path.stat().st_mtime_ns == first.st_mtime_ns


def test_a_moved_program_rewrites_the_entry(xdg: XdgLoginStart) -> None:
    xdg.enable(("/old/python3", "-m", "lonely_bridge", AT_LOGIN_OPTION))
    xdg.enable(("/new/python3", "-m", "lonely_bridge", AT_LOGIN_OPTION))

    entry = parse_entry(xdg.path.read_text(encoding="utf-8"))
    assert exec_program(entry)[0] == "/new/python3"
    assert sorted(p.name for p in xdg.path.parent.iterdir()) == [f"{APP_ID}.desktop"]


def test_turned_off_the_entry_is_gone_and_other_entries_stay(xdg: XdgLoginStart) -> None:
    other = xdg.path.parent / "someone-else.desktop"
    xdg.enable(("/usr/bin/python3", "-m", "lonely_bridge", AT_LOGIN_OPTION))
    other.write_text("[Desktop Entry]\n", encoding="utf-8")

    xdg.disable()

    assert not xdg.is_enabled()
    assert not xdg.path.exists()
    assert sorted(p.name for p in xdg.path.parent.iterdir()) == [other.name]
    xdg.disable()  # turning off what is off is no problem


def test_this_computer_uses_xdg_config_home_or_the_home_folder(tmp_path: Path) -> None:
    home = tmp_path / "home"
    chosen = for_this_computer(platform="linux", environ={}, home=home)
    assert isinstance(chosen, XdgLoginStart)
    assert chosen.path == home / ".config" / "autostart" / f"{APP_ID}.desktop"

    config = tmp_path / "config"
    chosen = for_this_computer(platform="linux", environ={"XDG_CONFIG_HOME": str(config)})
    assert isinstance(chosen, XdgLoginStart)
    assert chosen.path == config / "autostart" / f"{APP_ID}.desktop"

    # The XDG spec: a relative path there is invalid, and ignored.
    chosen = for_this_computer(platform="linux", environ={"XDG_CONFIG_HOME": "rel"}, home=home)
    assert isinstance(chosen, XdgLoginStart)
    assert chosen.path == home / ".config" / "autostart" / f"{APP_ID}.desktop"


def test_the_tests_never_touch_the_real_autostart_folder() -> None:
    chosen = for_this_computer(platform="linux")
    assert isinstance(chosen, XdgLoginStart)
    assert not chosen.path.is_relative_to(Path.home() / ".config")


# macOS ---------------------------------------------------------------------------------------
def test_the_launch_agent_runs_the_program_at_load(tmp_path: Path) -> None:
    library = tmp_path / "home" / "Library"
    agent = LaunchAgentLoginStart(library)
    program = login_command(
        tmp_path / "100% sure #2" / "data",
        program=("/Applications/Lonely Bridge.app/Contents/MacOS/Lonely Bridge",),
    )

    agent.enable(program)
    agent.enable(program)

    assert agent.path == library / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"
    assert agent.is_enabled()
    with agent.path.open("rb") as handle:
        read = plistlib.load(handle)
    assert read["Label"] == LAUNCH_AGENT_LABEL
    assert read["ProgramArguments"] == list(program)
    assert read["RunAtLoad"] is True
    assert sorted(p.name for p in agent.path.parent.iterdir()) == [agent.path.name]

    agent.disable()
    assert not agent.is_enabled()
    assert list(agent.path.parent.iterdir()) == []


def test_macos_uses_the_library_in_the_home_folder(tmp_path: Path) -> None:
    chosen = for_this_computer(platform="darwin", home=tmp_path)
    assert isinstance(chosen, LaunchAgentLoginStart)
    assert chosen.path.parent == tmp_path / "Library" / "LaunchAgents"


# Windows -------------------------------------------------------------------------------------
class DictRunKey:
    """The Run key as a dict; ``refuse`` makes every change fail as a locked-down key would."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self.refuse = False
        self.writes = 0

    def get(self, name: str) -> str | None:
        return self.values.get(name)

    def set(self, name: str, command: str) -> None:
        if self.refuse:
            raise PermissionError(13, "Access is denied")
        self.writes += 1
        self.values[name] = command

    def delete(self, name: str) -> None:
        if self.refuse:
            raise PermissionError(13, "Access is denied")
        del self.values[name]


def windows_split(command: str) -> list[str]:
    """Windows' own reading of a command line (the C runtime's rules), as shlex cannot."""
    arguments: list[str] = []
    current: list[str] = []
    quoted = in_argument = False
    index = 0
    while index < len(command):
        char = command[index]
        if char == "\\":
            run = len(command[index:]) - len(command[index:].lstrip("\\"))
            if index + run < len(command) and command[index + run] == '"':
                current.append("\\" * (run // 2))
                if run % 2:
                    current.append('"')
                    index += run + 1
                else:
                    index += run
                in_argument = True
                continue
            current.append("\\" * run)
            index += run
            in_argument = True
            continue
        if char == '"':
            quoted = not quoted
            in_argument = True
        elif char in " \t" and not quoted:
            if in_argument:
                arguments.append("".join(current))
            current, in_argument = [], False
        else:
            current.append(char)
            in_argument = True
        index += 1
    if in_argument:
        arguments.append("".join(current))
    return arguments


def test_the_run_key_holds_the_command_once_and_is_removed() -> None:
    key = DictRunKey()
    run = RunKeyLoginStart(key)
    program = login_command(
        Path(r"C:\Users\Margaret\My Data #2\100%"),
        program=(r"C:\Program Files\Lonely Bridge\venv\Scripts\pythonw.exe", "-m", "lonely_bridge"),
    )

    run.enable(program)
    run.enable(program)

    assert list(key.values) == [APP_NAME]
    assert key.writes == 1
    assert run.is_enabled()
    assert windows_split(key.values[APP_NAME]) == list(program)

    run.disable()
    assert key.values == {}
    assert not run.is_enabled()
    run.disable()


def test_a_refused_run_key_says_so_and_changes_nothing() -> None:
    key = DictRunKey()
    run = RunKeyLoginStart(key)
    run.enable(("pythonw.exe", "-m", "lonely_bridge"))
    key.refuse = True

    with pytest.raises(LoginStartNotChanged) as refused:
        run.disable()

    assert refused.value.params["problem"] == "read_only"
    assert refused.value.params["turning_on"] is False
    assert run.is_enabled()


# A read-only or full folder, on a real small disk ------------------------------------------------
# Runs inside a private mount namespace: a 1 MB disk at HOME, then the writer's action there.
_ON_SMALL_DISK = r"""
import json, os, subprocess, sys
home, action, state = sys.argv[1:4]
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", home], check=True)
from pathlib import Path
from lonely_bridge.system.autostart import XdgLoginStart
from lonely_bridge.domain.errors import LoginStartNotChanged
writer = XdgLoginStart(Path(home))
program = ["/usr/bin/python3", "-m", "lonely_bridge", "--at-login"]
os.makedirs(os.path.join(home, ".config", "autostart"))
if action == "disable":
    writer.enable(program)
if state == "read_only":
    subprocess.run(["mount", "--bind", home, home], check=True)
    subprocess.run(["mount", "-o", "remount,bind,ro", home], check=True)
else:
    with open(os.path.join(home, "filler"), "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError:
            pass
try:
    if action == "enable":
        writer.enable(program)
    else:
        writer.disable()
    found = None
except LoginStartNotChanged as error:
    found = {"code": error.code, **error.params}
folder = os.path.join(home, ".config", "autostart")
print(json.dumps({"error": found, "files": sorted(os.listdir(folder))}))
"""


def on_small_disk(tmp_path: Path, action: str, state: str) -> dict[str, object]:
    home = tmp_path / "home"
    home.mkdir()
    done = subprocess.run(
        [*NAMESPACE, sys.executable, "-c", _ON_SMALL_DISK, str(home), action, state],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@needs_namespaces
@pytest.mark.parametrize(("state", "problem"), [("read_only", "read_only"), ("full", "full")])
def test_a_folder_that_cannot_take_the_entry_says_why_and_leaves_nothing(
    tmp_path: Path, state: str, problem: str
) -> None:
    result = on_small_disk(tmp_path, "enable", state)

    error = result["error"]
    assert isinstance(error, dict)
    assert error["code"] == "login_start_not_changed"
    assert error["problem"] == problem
    assert error["turning_on"] is True
    assert error["place"].endswith("/.config/autostart")
    assert result["files"] == []  # no entry, and no half-written temporary file


@needs_namespaces
def test_a_read_only_folder_keeps_the_entry_and_says_it_could_not_turn_off(
    tmp_path: Path,
) -> None:
    result = on_small_disk(tmp_path, "disable", "read_only")

    error = result["error"]
    assert isinstance(error, dict)
    assert error["problem"] == "read_only"
    assert error["turning_on"] is False
    assert result["files"] == [f"{APP_ID}.desktop"]
