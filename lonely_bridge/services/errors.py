"""Problems met by the use cases, each with a stable code and parameters (never prose)."""

from __future__ import annotations

from lonely_bridge.domain.errors import LonelyBridgeError


class PlanInvalid(LonelyBridgeError):
    """A plan that cannot be kept: an unknown zone, a rule we cannot read, an end before start."""

    code = "plan_invalid"


class PersonInvalid(LonelyBridgeError):
    """What a helper typed cannot be saved yet; ``problem`` says which part and why."""

    code = "person_invalid"


class NoCallLink(LonelyBridgeError):
    """The person has no saved way to call them."""

    code = "no_call_link"


class CallDidNotOpen(LonelyBridgeError):
    """The computer could not open the saved link (no app for it, or no browser)."""

    code = "call_did_not_open"


class PinsDiffer(LonelyBridgeError):
    """The PIN typed the second time is not the one typed the first time."""

    code = "pins_differ"
