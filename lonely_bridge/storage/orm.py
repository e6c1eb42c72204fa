"""The ORM vocabulary the stores use, gathered so that it loads after the first paint.

Stores name these through ``connections.orm``, which imports this module on first use
(or in ``SessionSource.warm_up``), never at start-up.
"""

from sqlalchemy import CursorResult, Executable, delete, func, select, update
from sqlalchemy.orm import Session, selectinload

from lonely_bridge.storage.models import (
    CallAttemptRow,
    CallLinkRow,
    CallPlanRow,
    CheckInRow,
    ConfidenceAnswerRow,
    ContactEventRow,
    OutboxRow,
    PersonRow,
    PlanOccurrenceRow,
    SettingRow,
    TrustedPersonRow,
    TutorialProgressRow,
)

__all__ = [
    "CallAttemptRow",
    "CallLinkRow",
    "CallPlanRow",
    "CheckInRow",
    "ConfidenceAnswerRow",
    "ContactEventRow",
    "CursorResult",
    "Executable",
    "OutboxRow",
    "PersonRow",
    "PlanOccurrenceRow",
    "Session",
    "SettingRow",
    "TrustedPersonRow",
    "TutorialProgressRow",
    "delete",
    "func",
    "select",
    "selectinload",
    "update",
]
