"""SQLAlchemy table models; the stores turn them into domain records before Qt sees them."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as naive UTC (SQLite has no zones) and returns them aware."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("refusing to store a naive datetime; pass an aware one")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class PersonRow(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    relationship_label: Mapped[str] = mapped_column(String(100), default="")
    circle: Mapped[str] = mapped_column(String(30), default="other")
    is_group: Mapped[bool] = mapped_column(Boolean, default=False)
    photo_file: Mapped[str | None] = mapped_column(String(300))
    notes: Mapped[str] = mapped_column(Text, default="")
    ideal_interval_days: Mapped[int] = mapped_column(Integer)
    too_long_interval_days: Mapped[int] = mapped_column(Integer)
    archived_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    links: Mapped[list[CallLinkRow]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="CallLinkRow.id"
    )

    __table_args__ = (
        CheckConstraint("ideal_interval_days > 0", name="ideal_positive"),
        CheckConstraint(
            "too_long_interval_days >= ideal_interval_days", name="too_long_after_ideal"
        ),
    )


class CallLinkRow(Base):
    __tablename__ = "call_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(String(2048))
    service: Mapped[str] = mapped_column(String(30))
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    person: Mapped[PersonRow] = relationship(back_populates="links")


class CallPlanRow(Base):
    __tablename__ = "call_plans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    link_id: Mapped[int | None] = mapped_column(ForeignKey("call_links.id", ondelete="SET NULL"))
    # An RFC 5545 RRULE value such as "FREQ=WEEKLY;BYDAY=SU", read in the plan's zone.
    rule: Mapped[str] = mapped_column(String(200))
    time_of_day: Mapped[time] = mapped_column(Time)
    time_zone: Mapped[str] = mapped_column(String(64))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    reminder_lead_minutes: Mapped[int] = mapped_column(Integer, default=10)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class PlanOccurrenceRow(Base):
    __tablename__ = "plan_occurrences"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("call_plans.id", ondelete="CASCADE"))
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # joined / missed / skipped; None while the occurrence is still open.
    outcome: Mapped[str | None] = mapped_column(String(20))
    talked: Mapped[bool | None] = mapped_column(Boolean)
    snoozed_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    reminded_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    recorded_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    __table_args__ = (
        UniqueConstraint("plan_id", "due_at", name="uq_plan_occurrences_plan_due"),
        Index("ix_plan_occurrences_due", "due_at"),
    )


class ContactEventRow(Base):
    __tablename__ = "contact_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    happened_at: Mapped[datetime] = mapped_column(UtcDateTime)
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(20))
    occurrence_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_occurrences.id", ondelete="SET NULL")
    )
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (
        Index("ix_contact_events_person_happened", "person_id", "happened_at"),
        # Covers the insight's weekly counts, so SQLite never reads the rows themselves.
        Index("ix_contact_events_happened_kind", "happened_at", "kind", "person_id"),
        # Counts each kind in a span of time (a week) as one range, with no sorting.
        Index("ix_contact_events_kind_happened", "kind", "happened_at"),
    )


class CheckInRow(Base):
    __tablename__ = "check_ins"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # "ucla3" or "lsns6"; answers are stored as a JSON list so partial check-ins survive.
    scale: Mapped[str] = mapped_column(String(20))
    answers_json: Mapped[str] = mapped_column(Text)
    score: Mapped[int | None] = mapped_column(Integer)
    taken_at: Mapped[datetime] = mapped_column(UtcDateTime)


class TutorialProgressRow(Base):
    __tablename__ = "tutorial_progress"

    tutorial_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    current_step: Mapped[int] = mapped_column(Integer, default=1)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class ConfidenceAnswerRow(Base):
    """ "How sure do you feel?" before and after a tutorial, 1 (not at all) to 5 (very)."""

    __tablename__ = "confidence_answers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tutorial_id: Mapped[str | None] = mapped_column(String(100))
    moment: Mapped[str] = mapped_column(String(10))
    value: Mapped[int] = mapped_column(Integer)
    asked_at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (CheckConstraint("value BETWEEN 1 AND 5", name="value_range"),)


class SettingRow(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    # JSON text, so one table holds numbers, text and small lists alike.
    value_json: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CallAttemptRow(Base):
    """A call launched from the app; whether they really talked is asked afterwards, once."""

    __tablename__ = "call_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    link_id: Mapped[int | None] = mapped_column(ForeignKey("call_links.id", ondelete="SET NULL"))
    service: Mapped[str] = mapped_column(String(30))
    launched_at: Mapped[datetime] = mapped_column(UtcDateTime)
    from_reminder: Mapped[bool] = mapped_column(Boolean, default=False)
    # None until the follow-up question is answered (or set aside).
    talked: Mapped[bool | None] = mapped_column(Boolean)
    asked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact_events.id", ondelete="SET NULL")
    )
    # Set when the call was joined from a reminder, so "did you talk?" reaches the plan too.
    occurrence_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_occurrences.id", ondelete="SET NULL")
    )

    __table_args__ = (Index("ix_call_attempts_asked", "asked_at"),)


class TrustedPersonRow(Base):
    """Someone the older adult chose to receive news by e-mail, and what they may see."""

    __tablename__ = "trusted_people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))
    share_level_changes: Mapped[bool] = mapped_column(Boolean, default=True)
    share_weekly: Mapped[bool] = mapped_column(Boolean, default=False)
    # A JSON list of topics (domain.sharing.Topic): "level", "reasons", "people_in_touch"...
    allowed_topics_json: Mapped[str] = mapped_column(Text, default="[]")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class OutboxRow(Base):
    """A message from approval until sent; sent rows stay as the record of what was shared."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # NULL once the person is removed: their unsent messages go, the record of sent ones stays.
    recipient_id: Mapped[int | None] = mapped_column(
        ForeignKey("trusted_people.id", ondelete="SET NULL")
    )
    # The name and address as approved, so the record says to whom it really went.
    to_name: Mapped[str] = mapped_column(String(200))
    to_address: Mapped[str] = mapped_column(String(254))
    kind: Mapped[str] = mapped_column(String(10))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    message_id: Mapped[str] = mapped_column(String(250), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Set while a try is under way; still set after a crash mid-send (it may have gone).
    sending_since: Mapped[datetime | None] = mapped_column(UtcDateTime)

    __table_args__ = (
        CheckConstraint("kind IN ('level', 'weekly', 'by_hand')", name="kind_known"),
        CheckConstraint("attempts >= 0", name="attempts_not_negative"),
        Index("ix_outbox_due", "sent_at", "next_attempt_at"),
        Index("ix_outbox_recipient_created", "recipient_id", "created_at"),
    )
