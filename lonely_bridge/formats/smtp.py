"""A message as it leaves for the mail server: the approved words, the addresses, its id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class OutgoingMail:
    """One message as it leaves: the approved words, the addresses, and its stable id."""

    message_id: str
    from_name: str
    from_address: str
    to_name: str
    to_address: str
    subject: str
    body: str
    written_at: datetime  # when it was approved: the e-mail's Date
    automatic: bool = False
