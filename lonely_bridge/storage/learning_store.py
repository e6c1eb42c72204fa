"""Where each tutorial was left, and how confident the learner felt."""

from __future__ import annotations

from lonely_bridge.domain.learning import ConfidenceAnswer, Progress
from lonely_bridge.storage import rows
from lonely_bridge.storage.connections import SessionSource, orm


class LearningStore:
    """Implements LearningRepository."""

    def __init__(self, sessions: SessionSource) -> None:
        self._sessions = sessions

    def all_progress(self) -> dict[str, Progress]:
        with self._sessions() as session:
            return {
                row.tutorial_id: rows.progress(rows.columns_of(row))
                for row in session.scalars(orm.select(orm.TutorialProgressRow))
            }

    def save_progress(self, progress: Progress) -> None:
        with self._sessions.begin() as session:
            row = session.get(orm.TutorialProgressRow, progress.tutorial_id)
            if row is None:
                row = orm.TutorialProgressRow(tutorial_id=progress.tutorial_id)
                session.add(row)
            row.current_step = progress.current_step
            row.started_at = progress.started_at
            row.updated_at = progress.updated_at
            row.completed_at = progress.completed_at

    def add_confidence(self, answer: ConfidenceAnswer) -> ConfidenceAnswer:
        with self._sessions.begin() as session:
            row = orm.ConfidenceAnswerRow(
                tutorial_id=answer.tutorial_id,
                moment=answer.moment.value,
                value=int(answer.value),
                asked_at=answer.asked_at,
            )
            session.add(row)
            session.flush()
            return rows.confidence(rows.columns_of(row))

    def confidence_answers(self) -> list[ConfidenceAnswer]:
        query = orm.select(orm.ConfidenceAnswerRow).order_by(orm.ConfidenceAnswerRow.asked_at)
        with self._sessions() as session:
            return [rows.confidence(rows.columns_of(row)) for row in session.scalars(query)]
