"""Starting Lonely Bridge when the person logs in: one writer for each operating system.

Linux: an XDG autostart entry; macOS: a LaunchAgent; Windows: a value in the user's ``Run``
key. Each has ``enable(program)``, ``disable()`` and ``is_enabled()``, raises
LoginStartNotChanged when the computer refuses, and never leaves a half-written entry.
"""

from __future__ import annotations

import errno
import os
import plistlib
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

from lonely_bridge import APP_ID, APP_NAME
from lonely_bridge.domain.errors import LoginStartNotChanged
from lonely_bridge.wording.about import tagline

# The option the login entry adds: the app then opens quietly (app/options.py).
AT_LOGIN_OPTION = "--at-login"
# launchd's name for the agent; the macOS bundle, when there is one, should carry the same id.
LAUNCH_AGENT_LABEL = "org.lonelybridge.LonelyBridge"
RUN_KEY_PATH = r"Software\Microsoft\Windows\CurrentVersion\Run"

_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
_READ_ONLY_ERRNOS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


# This same program ---------------------------------------------------------------------------
def this_program(
    executable: str | None = None, *, frozen: bool | None = None, windows: bool | None = None
) -> tuple[str, ...]:
    """The command that starts this same Lonely Bridge again.

    A PyInstaller bundle is its own executable; otherwise it is this Python with
    ``-m lonely_bridge`` (see ``lonely_bridge/__main__.py``), so a virtual environment's
    Python keeps its packages. On Windows the console-less ``pythonw.exe`` beside
    ``python.exe`` is chosen, so no black window flashes up at login.
    """
    executable = executable or sys.executable
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    windows = sys.platform == "win32" if windows is None else windows
    if frozen:
        return (executable,)
    if windows:
        python = Path(executable)
        quiet = python.with_name("pythonw" + python.suffix)
        if python.stem.lower() == "python" and quiet.is_file():
            executable = str(quiet)
    return (executable, "-m", "lonely_bridge")


def login_command(data_dir: Path | None = None, *, program: Sequence[str] = ()) -> tuple[str, ...]:
    """What the login entry runs: this program (or ``program``), its data folder when it is
    not the usual one, and ``--at-login``."""
    folder = ("--data-dir", str(data_dir)) if data_dir is not None else ()
    return (*(program or this_program()), *folder, AT_LOGIN_OPTION)


# Writing files safely ------------------------------------------------------------------------
def _not_changed(error: OSError, place: Path | str, *, turning_on: bool) -> LoginStartNotChanged:
    if error.errno in _FULL_ERRNOS:
        problem = "full"
    elif error.errno in _READ_ONLY_ERRNOS or isinstance(error, PermissionError):
        problem = "read_only"
    else:
        problem = "other"
    return LoginStartNotChanged(problem=problem, place=str(place), turning_on=turning_on)


def _write_atomically(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` through a hidden temporary file and a rename, so the
    entry is either the old one or the whole new one; nothing is written when it is already
    there."""
    try:
        if path.read_bytes() == content:
            return
    except OSError:
        pass  # missing or unreadable: write it
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # A leading dot and another suffix: the desktop and launchd read only *.desktop and
        # *.plist, so they never see the file while it is being written.
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".part"
        )
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(content)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise _not_changed(error, path.parent, turning_on=True) from error


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError as error:
        raise _not_changed(error, path.parent, turning_on=False) from error


# Linux: an XDG autostart entry ---------------------------------------------------------------
# Desktop Entry Specification, "The Exec key": an argument holding any of these is quoted.
_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
_ESCAPED_IN_QUOTES = frozenset('"`$\\')


def _exec_argument(argument: str) -> str:
    # "%" starts a field code (%f, %u...) anywhere, quoted or not: a literal one is doubled.
    text = argument.replace("%", "%%")
    if not text or any(char in _RESERVED for char in text):
        inner = "".join("\\" + char if char in _ESCAPED_IN_QUOTES else char for char in text)
        return f'"{inner}"'
    return text


def _string_value(text: str) -> str:
    """A value of type string: backslash and control characters escaped (applied after the
    Exec quoting, so a backslash inside quotes ends up as four)."""
    escaped = (
        text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    )
    return "\\s" + escaped[1:] if escaped.startswith(" ") else escaped


# Starts a program found by its full path, with its arguments as they are.
ENV_PROGRAM = "/usr/bin/env"


def exec_line(program: Sequence[str]) -> str:
    """The ``Exec`` value that runs ``program`` (its arguments exactly, whatever they hold)."""
    if "%" in program[0]:
        # GLib looks for the program before it turns "%%" back into "%", so never finds one
        # whose path holds a "%"; env, found at once, starts it with the path put right.
        program = (ENV_PROGRAM, *program)
    return _string_value(" ".join(_exec_argument(argument) for argument in program))


def desktop_entry(program: Sequence[str], *, icon: str) -> str:
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.0",  # uses nothing newer; every validator knows it
        f"Name={_string_value(APP_NAME)}",
        f"Comment={_string_value(tagline())}",
        f"Exec={exec_line(program)}",
        f"Icon={_string_value(icon)}",
        "Terminal=false",
        "X-GNOME-Autostart-enabled=true",
    ]
    return "\n".join(lines) + "\n"


def app_icon() -> str:
    """The icon's full path where the app's own file is found, otherwise its theme name."""
    from lonely_bridge.resources import resource_path

    try:
        icon = resource_path("icons", f"{APP_ID}.svg")
    except FileNotFoundError:
        return APP_ID
    return str(icon) if icon.is_file() else APP_ID


class XdgLoginStart:
    """``$XDG_CONFIG_HOME/autostart/lonely-bridge.desktop`` (``~/.config`` when unset)."""

    def __init__(self, home: Path, *, config_home: Path | None = None, icon: str = APP_ID) -> None:
        self.path = (config_home or home / ".config") / "autostart" / f"{APP_ID}.desktop"
        self._icon = icon

    def enable(self, program: Sequence[str]) -> None:
        _write_atomically(self.path, desktop_entry(program, icon=self._icon).encode("utf-8"))

    def disable(self) -> None:
        _remove(self.path)

    def is_enabled(self) -> bool:
        return self.path.is_file()


# macOS: a LaunchAgent --------------------------------------------------------------------------
class LaunchAgentLoginStart:
    """``~/Library/LaunchAgents/<label>.plist``, which launchd runs at each login."""

    def __init__(self, library: Path) -> None:
        self.path = library / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"

    def enable(self, program: Sequence[str]) -> None:
        agent = {
            "Label": LAUNCH_AGENT_LABEL,
            "ProgramArguments": list(program),
            "RunAtLoad": True,
            # A window the person uses: launchd does not hold it back as background work.
            "ProcessType": "Interactive",
        }
        _write_atomically(self.path, plistlib.dumps(agent))

    def disable(self) -> None:
        _remove(self.path)

    def is_enabled(self) -> bool:
        return self.path.is_file()


# Windows: the user's Run key -------------------------------------------------------------------
class RunKey(Protocol):
    """The values of ``HKEY_CURRENT_USER\\...\\Run``; each method may raise OSError."""

    def get(self, name: str) -> str | None: ...

    def set(self, name: str, command: str) -> None: ...

    def delete(self, name: str) -> None: ...


class RunKeyLoginStart:
    """A value named after the app in the user's ``Run`` key.

    Chosen over a file in the Startup folder: a ``.cmd`` there flashes a console window, a
    ``.vbs`` needs VBScript (which Windows is phasing out), and writing a ``.lnk`` needs a
    library the app does not otherwise use. A registry value is changed in one step, so it
    is never half-written, and with ``pythonw.exe`` or the windowed bundle no console shows.
    """

    def __init__(self, run_key: RunKey) -> None:
        self._key = run_key

    def command(self) -> str | None:
        return self._key.get(APP_NAME)

    def enable(self, program: Sequence[str]) -> None:
        command = subprocess.list2cmdline(program)  # Windows' own rules for quoting arguments
        try:
            if self._key.get(APP_NAME) != command:
                self._key.set(APP_NAME, command)
        except OSError as error:
            raise _not_changed(error, RUN_KEY_PATH, turning_on=True) from error

    def disable(self) -> None:
        try:
            if self._key.get(APP_NAME) is not None:
                self._key.delete(APP_NAME)
        except OSError as error:
            raise _not_changed(error, RUN_KEY_PATH, turning_on=False) from error

    def is_enabled(self) -> bool:
        try:
            return self._key.get(APP_NAME) is not None
        except OSError:
            return False


if sys.platform == "win32":
    import winreg

    class RegistryRunKey:
        """The real ``Run`` key of the user who is logged in."""

        def get(self, name: str) -> str | None:
            try:
                with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY_PATH) as key:
                    value, _kind = winreg.QueryValueEx(key, name)
            except FileNotFoundError:
                return None
            return str(value)

        def set(self, name: str, command: str) -> None:
            with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY_PATH) as key:
                winreg.SetValueEx(key, name, 0, winreg.REG_SZ, command)

        def delete(self, name: str) -> None:
            with winreg.OpenKey(
                winreg.HKEY_CURRENT_USER, RUN_KEY_PATH, 0, winreg.KEY_SET_VALUE
            ) as key:
                winreg.DeleteValue(key, name)


# This computer ---------------------------------------------------------------------------------
LoginStartWriter = XdgLoginStart | LaunchAgentLoginStart | RunKeyLoginStart


def _absolute(value: str | None) -> Path | None:
    # The XDG Base Directory spec: a relative path in these variables is invalid and ignored.
    return Path(value) if value and os.path.isabs(value) else None


def for_this_computer(
    *,
    platform: str = sys.platform,
    environ: Mapping[str, str] | None = None,
    home: Path | None = None,
) -> LoginStartWriter:
    """The writer this operating system uses, in this user's folders."""
    environ = os.environ if environ is None else environ
    home = home or Path.home()
    if platform == "win32":
        return RunKeyLoginStart(RegistryRunKey())  # type: ignore[name-defined,unused-ignore]
    if platform == "darwin":
        return LaunchAgentLoginStart(home / "Library")
    return XdgLoginStart(
        home, config_home=_absolute(environ.get("XDG_CONFIG_HOME")), icon=app_icon()
    )
