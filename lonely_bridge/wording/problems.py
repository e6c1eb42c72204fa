"""Plain-words explanations of the problems people may meet, with what to do next."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from lonely_bridge.domain.errors import LonelyBridgeError
from lonely_bridge.i18n import _
from lonely_bridge.wording.links import service_name


@dataclass(frozen=True, slots=True)
class Explanation:
    title: str
    text: str
    next_step: str

    def as_text(self) -> str:
        return f"{self.title}\n\n{self.text}\n\n{self.next_step}"

    def as_line(self) -> str:
        """One line, for the command line and the log."""
        return f"{self.title}: {self.text} {self.next_step}"


def _not_writable(p: Mapping[str, Any]) -> Explanation:
    return Explanation(
        _("Lonely Bridge can't save your information"),
        _("The folder it uses, {folder}, does not allow changes ({reason}).").format(
            folder=p.get("folder", "?"), reason=p.get("reason", "?")
        ),
        _(
            "Nothing has been changed or lost. Please ask a helper to check that this folder "
            "is not read-only, or start Lonely Bridge with another folder (--data-dir)."
        ),
    )


def _newer(p: Mapping[str, Any]) -> Explanation:
    return Explanation(
        _("This information comes from a newer Lonely Bridge"),
        _("The file {path} was saved by a newer version than this one.").format(
            path=p.get("path", "?")
        ),
        _(
            "Nothing has been changed or lost. Please install the newest Lonely Bridge, "
            "then open it again."
        ),
    )


def _damaged(p: Mapping[str, Any]) -> Explanation:
    return Explanation(
        _("Lonely Bridge's information file looks damaged"),
        _("The file {path} could not be read safely.").format(path=p.get("path", "?")),
        _(
            "The file has been left exactly as it was. Lonely Bridge can use its most recent "
            "daily copy instead; the damaged file is kept aside so nothing is thrown away. "
            "A helper can also run: lonely-bridge restore-backup"
        ),
    )


def _disk_full(p: Mapping[str, Any]) -> Explanation:
    return Explanation(
        _("This computer has run out of space"),
        _("There is no room left to save in {folder}.").format(folder=p.get("folder", "?")),
        _(
            "What you had saved before is safe. Please ask a helper to free some space, "
            "then try again."
        ),
    )


def _already_running(p: Mapping[str, Any]) -> Explanation:
    return Explanation(
        _("Lonely Bridge is already open"),
        _("Another Lonely Bridge window is using the same information but did not answer."),
        _("Please look for its window, or restart the computer if you cannot find it."),
    )


def _app_is_open(p: Mapping[str, Any]) -> Explanation:
    return Explanation(
        _("Lonely Bridge is open; close it first"),
        _("Its information must not be copied or swapped while Lonely Bridge is using it."),
        _("Nothing was changed. Please close the Lonely Bridge window, then try again."),
    )


def _database_busy(p: Mapping[str, Any]) -> Explanation:
    return Explanation(
        _("Lonely Bridge's information is busy"),
        _("Another program is using the file {path} just now.").format(path=p.get("path", "?")),
        _("Nothing was changed. Please try again in a minute."),
    )


def _database_missing(p: Mapping[str, Any]) -> Explanation:
    if p.get("problem") == "link_target_missing":
        return Explanation(
            _("Lonely Bridge can't find its information"),
            _(
                "{path} points to a place that cannot be found, perhaps a drive that is not "
                "plugged in."
            ).format(path=p.get("path", "?")),
            _("Nothing was changed. Please plug the drive in, or ask a helper to check it."),
        )
    return Explanation(
        _("Lonely Bridge's information file is missing"),
        _("There is no information in {path}, but saved copies of it exist.").format(
            path=p.get("path", "?")
        ),
        _(
            "Nothing was changed. Lonely Bridge offers the newest good copy when it opens, "
            "or a helper can run: lonely-bridge restore-backup"
        ),
    )


def _backup_unusable(p: Mapping[str, Any]) -> Explanation:
    texts = {
        "damaged": _("The copy {path} is damaged."),
        "newer": _("The copy {path} was saved by a newer Lonely Bridge than this one."),
        "other_app": _("{path} is not a copy of Lonely Bridge's information."),
        "empty": _("The copy {path} is empty."),
        "unreadable": _("The copy {path} may not be read by this user."),
        "missing": _("There is no file at {path}."),
    }
    return Explanation(
        _("That copy can't be used"),
        texts.get(str(p.get("state")), texts["damaged"]).format(path=p.get("path", "?")),
        _(
            "Nothing was changed. To see every copy and whether it can be used, a helper can "
            "run: lonely-bridge restore-backup --list"
        ),
    )


def _no_usable_backup(p: Mapping[str, Any]) -> Explanation:
    if p.get("problem") == "no_copies":
        text = _("There are no saved copies yet.")
    elif p.get("problem") == "no_such_number":
        text = _("There is no copy numbered {number}.").format(number=p.get("number", "?"))
    else:
        text = _("None of the saved copies can be used by this version of Lonely Bridge.")
    return Explanation(
        _("There is no copy to put back"),
        text,
        _(
            "Nothing was changed. A helper can see every copy with: lonely-bridge restore-backup "
            "--list"
        ),
    )


def _output_refused(p: Mapping[str, Any]) -> Explanation:
    return Explanation(
        _("Lonely Bridge won't write there"),
        _("{path} is where Lonely Bridge keeps its own information.").format(
            path=p.get("path", "?")
        ),
        _("Nothing was written. Please choose a place outside {folder}.").format(
            folder=p.get("folder", "?")
        ),
    )


def _output_not_writable(p: Mapping[str, Any]) -> Explanation:
    return Explanation(
        _("Lonely Bridge could not write there"),
        _("{path} could not be written ({reason}).").format(
            path=p.get("path", "?"), reason=p.get("reason", "?")
        ),
        _("Nothing else was changed. Please choose another place, or free some space."),
    )


def _no_answer(p: Mapping[str, Any]) -> Explanation:
    return Explanation(
        _("No answer was given"),
        _("Lonely Bridge asked a question, but nobody could answer it here."),
        _("Nothing was changed. Add --yes to go ahead without being asked."),
    )


def _not_found(p: Mapping[str, Any]) -> Explanation:
    return Explanation(
        _("That is no longer here"),
        _("It may have been removed a moment ago, perhaps by a helper."),
        _("Nothing else was changed. Please look at the page again."),
    )


def _setting_invalid(p: Mapping[str, Any]) -> Explanation:
    texts = {
        "not_a_choice": _("Please pick one of the choices shown."),
        "too_small": _("The number must be at least {minimum}.").format(
            minimum=p.get("minimum", "?")
        ),
        "too_large": _("The number must be at most {maximum}.").format(
            maximum=p.get("maximum", "?")
        ),
        "too_long": _(
            "This is longer than Lonely Bridge can keep ({maximum} letters at most)."
        ).format(maximum=p.get("maximum", "?")),
        "not_a_host_name": _(
            "That does not look like the name of a server, such as meet.example.org."
        ),
        "unknown_time_zone": _(
            "This computer does not know that place's time. Please pick a place from the list."
        ),
        "not_a_pin_hash": _("That is not a PIN as Lonely Bridge saves one."),
    }
    return Explanation(
        _("This setting can't be changed to that"),
        texts.get(str(p.get("problem")), _("That is not something this setting can hold.")),
        _("Nothing has been changed; the setting keeps what it had. Please try another value."),
    )


def _pin_invalid(p: Mapping[str, Any]) -> Explanation:
    return Explanation(
        _("That PIN can't be used"),
        _("A PIN is {minimum} to {maximum} digits, such as 4821: numbers only.").format(
            minimum=p.get("minimum", 4), maximum=p.get("maximum", 8)
        ),
        _("Nothing has been changed. Please type the PIN again."),
    )


def _helper_locked(p: Mapping[str, Any]) -> Explanation:
    return Explanation(
        _("This is for family and helpers"),
        _("Only someone who knows the helper's PIN can change this."),
        _("Nothing has been changed. A helper can open “For family and helpers” with the PIN."),
    )


def _pins_differ(p: Mapping[str, Any]) -> Explanation:
    return Explanation(
        _("The two PINs are not the same"),
        _("The PIN typed the second time is different from the first."),
        _("Nothing has been saved. Please type the same PIN in both boxes."),
    )


def _unexpected(p: Mapping[str, Any]) -> Explanation:
    return Explanation(
        _("Something went wrong"),
        _("Lonely Bridge met a problem it did not expect."),
        _("Your information is safe. Please try again, or ask a helper to look at the log."),
    )


def _no_link(p: Mapping[str, Any]) -> Explanation:
    return Explanation(
        _("There is no way to call {name} yet").format(name=p.get("person", "?")),
        _("No call link or phone number has been saved for them."),
        _("A family member or helper can add one under “For family and helpers”."),
    )


def _did_not_open(p: Mapping[str, Any]) -> Explanation:
    return Explanation(
        _("The call didn't open"),
        _("This computer could not open {service} for the call with {name}.").format(
            service=service_name(p.get("service", "?")), name=p.get("person", "?")
        ),
        _(
            "Nothing is wrong with you or with Lonely Bridge. Please ask a helper to check "
            "that {service} (or a web browser) is installed."
        ).format(service=service_name(p.get("service", "?"))),
    )


def _link_refused(error: LonelyBridgeError) -> Explanation:
    from lonely_bridge.domain.errors import LinkRefused
    from lonely_bridge.wording.links import explain_refusal

    assert isinstance(error, LinkRefused)
    return Explanation(
        _("Lonely Bridge won't open this link"),
        explain_refusal(error),
        _("Please ask a helper to save the link again under “For family and helpers”."),
    )


def _person_invalid(p: Mapping[str, Any]) -> Explanation:
    texts = {
        "no_name": _("Please type a name, so Lonely Bridge knows who this is."),
        "name_too_long": _("That name is very long; please shorten it."),
        "relationship_too_long": _("How they are related is very long; please shorten it."),
        "notes_too_long": _(
            "The notes are very long (more than {limit} letters); please shorten them."
        ).format(limit=f"{int(p.get('limit', 0)):,}"),
        "link_label_too_long": _("A name for a way to call is very long; please shorten it."),
    }
    return Explanation(
        _("A little more is needed"),
        texts.get(str(p.get("problem")), _("Something in this form needs another look.")),
        _("Nothing has been saved yet; your typing is still there."),
    )


def _photo_unreadable(p: Mapping[str, Any]) -> Explanation:
    return Explanation(
        _("That photo could not be used"),
        _("“{file}” is not a picture this computer can read.").format(file=p.get("file", "?")),
        _("Please choose a photo saved as JPEG or PNG, for example one taken with a phone."),
    )


def _plan_invalid(p: Mapping[str, Any]) -> Explanation:
    return Explanation(
        _("This regular call needs another look"),
        _("The days, the time or the time zone chosen can't make a regular call together."),
        _("Nothing has been saved yet; your choices are still there. Please check them."),
    )


def _insight_paused(p: Mapping[str, Any]) -> Explanation:
    return Explanation(
        _("The gentle eye is resting"),
        _("You paused it, so Lonely Bridge is not looking at how often you are in touch."),
        _("Nothing is lost. You can turn it back on in Settings, under “Your information”."),
    )


_EXPLAINERS: dict[str, Callable[[Mapping[str, Any]], Explanation]] = {
    "data_folder_not_writable": _not_writable,
    "database_from_newer_version": _newer,
    "database_damaged": _damaged,
    "disk_full": _disk_full,
    "already_running": _already_running,
    "app_is_open": _app_is_open,
    "not_found": _not_found,
    "setting_invalid": _setting_invalid,
    "pin_invalid": _pin_invalid,
    "helper_locked": _helper_locked,
    "pins_differ": _pins_differ,
    "gentle_eye_paused": _insight_paused,
    "database_busy": _database_busy,
    "database_missing": _database_missing,
    "backup_unusable": _backup_unusable,
    "no_usable_backup": _no_usable_backup,
    "output_refused": _output_refused,
    "output_not_writable": _output_not_writable,
    "no_answer": _no_answer,
    "no_call_link": _no_link,
    "call_did_not_open": _did_not_open,
    "person_invalid": _person_invalid,
    "plan_invalid": _plan_invalid,
    "photo_unreadable": _photo_unreadable,
}


def _vcard_invalid(error: LonelyBridgeError) -> Explanation:
    from lonely_bridge.domain.errors import VCardError
    from lonely_bridge.wording.vcard_problems import explain_vcard_problem

    assert isinstance(error, VCardError)
    return Explanation(
        _("That contacts file could not be read"),
        explain_vcard_problem(error),
        _("Nothing was added. Please export the contacts again, as a .vcf file."),
    )


def _tutorial_invalid(error: LonelyBridgeError) -> Explanation:
    from lonely_bridge.domain.errors import TutorialError
    from lonely_bridge.wording.tutorial_problems import explain_tutorial_problem

    assert isinstance(error, TutorialError)
    return Explanation(
        _("A lesson file could not be read"),
        explain_tutorial_problem(error),
        _("The other lessons are all there. A helper can correct the file and open it again."),
    )


def _profile_invalid(error: LonelyBridgeError) -> Explanation:
    # Each problem's own words are in wording.profile, which the provision command lists.
    problems = error.params.get("problems", ())
    lines = sorted(problem.line for problem in problems if problem.line is not None)
    count = len(problems)
    text = _("Something in the set-up profile does not fit.")
    if count:
        text = (
            _("1 problem was found in the set-up profile.")
            if count == 1
            else _("{count} problems were found in the set-up profile.").format(count=count)
        )
    if lines:
        text += " " + _("The first is on line {line}.").format(line=lines[0])
    return Explanation(
        _("This set-up profile can't be used"),
        text,
        _(
            "Nothing on this computer was changed. Please run the provision command with "
            "--dry-run to see each problem and what to do, then correct the file."
        ),
    )


# Problems whose words need the error itself, not only its parameters.
_ERROR_EXPLAINERS: dict[str, Callable[[LonelyBridgeError], Explanation]] = {
    "link_refused": _link_refused,
    "vcard_invalid": _vcard_invalid,
    "tutorial_invalid": _tutorial_invalid,
    "profile_invalid": _profile_invalid,
}


def explain(error: LonelyBridgeError) -> Explanation:
    special = _ERROR_EXPLAINERS.get(error.code)
    if special is not None:
        return special(error)
    return _EXPLAINERS.get(error.code, _unexpected)(error.params)


# The whole household in one file ------------------------------------------------------------
def _household_file_unusable(p: Mapping[str, Any]) -> Explanation:
    path = p.get("path", "?")
    texts = {
        "missing": _("There is no file at {path}."),
        "not_ours": _("{path} is not a Lonely Bridge household file."),
        "newer_format": _("{path} was saved by a newer Lonely Bridge than this one."),
        "damaged": _(
            "{path} has been damaged or changed since it was saved, so Lonely Bridge will not "
            "use it."
        ),
        "unsafe": _(
            "{path} holds something Lonely Bridge never puts in a household file, so it will "
            "not open it."
        ),
        "too_large": _(
            "{path} is far larger than any household, so Lonely Bridge will not open it."
        ),
        "not_a_picture": _(
            "One of the photos in {path} is not a picture, so Lonely Bridge will not use the file."
        ),
    }
    next_steps = {
        "missing": _("Please check the file's name and where it is kept, then try again."),
        "newer_format": _(
            "Please install the newest Lonely Bridge on this computer, then try again."
        ),
    }
    problem = str(p.get("problem"))
    return Explanation(
        _("That household file can't be used"),
        texts.get(problem, texts["damaged"]).format(path=path),
        _("Nothing was changed: everything on this computer is just as it was.")
        + " "
        + next_steps.get(
            problem,
            _(
                "Please save the household again on the computer it came from, and bring "
                "that new file."
            ),
        ),
    )


def _output_exists(p: Mapping[str, Any]) -> Explanation:
    return Explanation(
        _("There is already a file with that name"),
        _("{path} already exists.").format(path=p.get("path", "?")),
        _("Nothing was written. Please choose another name, or add --yes to replace it."),
    )


_EXPLAINERS.update(
    {
        "household_file_unusable": _household_file_unusable,
        "output_exists": _output_exists,
    }
)


# Consented sharing by e-mail ---------------------------------------------------------------
def _nothing_lost() -> str:
    return _(
        "Nothing is lost: the message waits safely and Lonely Bridge will try again by itself."
    )


def _bad_address(p: Mapping[str, Any]) -> str:
    """What is wrong with a typed e-mail address, pointing at the part to change."""
    hints = {
        "space": _("It has a space in it, and e-mail addresses have none."),
        "hidden_character": _(
            "It has an invisible character in it, often copied along with the address. "
            "Please type the address afresh rather than pasting it."
        ),
        "with_name": _("Please type only the address itself, without a name or < >."),
        "no_at": _("It needs an @ between the name and the provider, like anna@example.org."),
        "several_ats": _("It has more than one @, and an address has exactly one."),
        "bad_local_part": _(
            "The part before the @ has a character, or a dot, where addresses can't have one."
        ),
        "trailing_dot": _("It ends with a dot; please take the last dot away."),
        "bad_domain": _(
            "The part after the @ is not written the way a provider's name is, like example.org."
        ),
        "too_long": _("It is longer than an e-mail address can be."),
    }
    text = _("“{email}” does not look like an e-mail address.").format(email=p.get("email", ""))
    hint = hints.get(str(p.get("why")))
    return f"{text} {hint}" if hint else text


def _trusted_person_invalid(p: Mapping[str, Any]) -> Explanation:
    texts = {
        "no_name": _("Please type their name, so the message can greet them."),
        "name_too_long": _("That name is very long; please shorten it."),
        "bad_email": _bad_address(p),
    }
    return Explanation(
        _("A little more is needed"),
        texts.get(str(p.get("problem")), _("Something in this form needs another look.")),
        _("Nothing has been saved yet; your typing is still there."),
    )


def _smtp_settings_invalid(p: Mapping[str, Any]) -> Explanation:
    texts = {
        "bad_host": _("“{host}” does not look like the name of a mail server.").format(
            host=p.get("host", "")
        ),
        "bad_port": _("The port must be a number between 1 and 65535."),
        "plain_not_local": _(
            "Sending without encryption would let others read the password on its way to "
            "{host}. Lonely Bridge only allows that for a test server on this computer."
        ).format(host=p.get("host", "?")),
        "bad_from_address": _bad_address(p),
    }
    return Explanation(
        _("These e-mail settings can't be used yet"),
        texts.get(str(p.get("problem")), _("Something in these settings needs another look.")),
        _("Nothing has been saved yet. Please check the details your e-mail provider gives."),
    )


def _secrets_unavailable(p: Mapping[str, Any]) -> Explanation:
    texts = {
        "locked": _("This computer's password keeper is locked."),
        "no_keyring": _("This computer has no password keeper that Lonely Bridge can use."),
    }
    return Explanation(
        _("There is no safe place for the e-mail password"),
        texts.get(str(p.get("reason")), _("This computer's password keeper did not answer."))
        + " "
        + _("Lonely Bridge never writes a password anywhere else."),
        _(
            "You can carry on without e-mail alerts: they can stay off, and everything else "
            "in Lonely Bridge works as before. A helper can set up the password keeper later."
        ),
    )


def _mail_server_unreachable(p: Mapping[str, Any]) -> Explanation:
    return Explanation(
        _("The e-mail could not be sent yet"),
        _("Lonely Bridge could not reach the e-mail server {host}.").format(
            host=p.get("host", "?")
        ),
        _nothing_lost()
        + " "
        + _("If this keeps happening, please ask a helper to check the internet connection."),
    )


def _mail_not_secure(p: Mapping[str, Any]) -> Explanation:
    texts = {
        "no_starttls": _("The e-mail server {host} did not offer a private (STARTTLS) line."),
        "tls_failed": _("A private (TLS) line to the e-mail server {host} could not be made."),
        "certificate": _("The e-mail server {host} could not prove who it is."),
        "plain_not_local": _(
            "Lonely Bridge will not send a password unencrypted to {host}, another computer."
        ),
    }
    text = texts.get(str(p.get("reason")), texts["tls_failed"])
    return Explanation(
        _("The e-mail was not sent, to keep it private"),
        text.format(host=p.get("host", "?")) + " " + _("Nothing was sent over an open line."),
        _nothing_lost()
        + " "
        + _("Please ask a helper to check the e-mail settings (the security choice and port)."),
    )


def _mail_login_refused(p: Mapping[str, Any]) -> Explanation:
    if p.get("reason") == "no_password":
        text = _("No password has been saved for the e-mail account.")
    else:
        text = _("The e-mail server {host} did not accept the user name and password.").format(
            host=p.get("host", "?")
        )
    return Explanation(
        _("The e-mail account needs attention"),
        text,
        _nothing_lost()
        + " "
        + _("Please ask a helper to type the e-mail password again in the e-mail settings."),
    )


def _mail_rejected(p: Mapping[str, Any]) -> Explanation:
    texts = {
        "recipient": _("The e-mail server would not deliver to {address}.").format(
            address=p.get("address", "?")
        ),
        "sender": _("The e-mail server would not send from {address}.").format(
            address=p.get("address", "?")
        ),
        "needs_smtputf8": _(
            "The e-mail server can't yet send to or from an address with letters beyond A to Z, "
            "like {address}."
        ).format(address=p.get("address", "?")),
        "bad_address": _(
            "“{address}” is not written the way an e-mail address must be, so Lonely Bridge "
            "did not send the message."
        ).format(address=p.get("address", "?")),
    }
    refused_here = p.get("reason") == "bad_address"  # the server was never asked
    return Explanation(
        _("The e-mail could not be sent yet")
        if refused_here
        else _("The e-mail server refused the message"),
        texts.get(str(p.get("reason")), _("The e-mail server refused this message.")),
        _nothing_lost()
        + " "
        + _("Please ask a helper to check the e-mail address and the e-mail settings."),
    )


def _draft_outdated(p: Mapping[str, Any]) -> Explanation:
    return Explanation(
        _("The message has changed"),
        _("What this person may see changed since you looked at the message."),
        _("Nothing was sent. Please look at the message again before sending it."),
    )


def _alerts_not_ready(p: Mapping[str, Any]) -> Explanation:
    texts = {
        "no_owner_name": _(
            "Please type your own name in Settings first, so people know who the message is from."
        ),
        "no_email_settings": _("E-mail has not been set up on this computer yet."),
    }
    return Explanation(
        _("E-mail isn't ready yet"),
        texts.get(str(p.get("problem")), _("Something needs setting up first.")),
        _("Nothing was sent. A helper can set up e-mail in Settings, or it can stay off."),
    )


_EXPLAINERS.update(
    {
        "trusted_person_invalid": _trusted_person_invalid,
        "smtp_settings_invalid": _smtp_settings_invalid,
        "secrets_unavailable": _secrets_unavailable,
        "mail_server_unreachable": _mail_server_unreachable,
        "mail_not_secure": _mail_not_secure,
        "mail_login_refused": _mail_login_refused,
        "mail_rejected": _mail_rejected,
        "draft_outdated": _draft_outdated,
        "alerts_not_ready": _alerts_not_ready,
    }
)


# Starting when the computer starts ------------------------------------------------------------
def _login_start_not_changed(p: Mapping[str, Any]) -> Explanation:
    place = p.get("place", "?")
    reasons = {
        "read_only": _("The place where this is set, {place}, does not allow changes."),
        "full": _("This computer has run out of space."),
    }
    reason = reasons.get(str(p.get("problem")), _("The computer did not allow the change."))
    if p.get("turning_on", True):
        title = _("Lonely Bridge could not set itself to start with the computer")
    else:
        title = _("Lonely Bridge could not stop itself starting with the computer")
    return Explanation(
        title,
        reason.format(place=place),
        _(
            "Nothing else has changed, and your information is safe. You can still open "
            "Lonely Bridge yourself as usual. A helper can try again later from Settings."
        ),
    )


_EXPLAINERS["login_start_not_changed"] = _login_start_not_changed
