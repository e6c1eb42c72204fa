"""The check-ins in plain words: the published questions and answers, never called a test."""

from __future__ import annotations

from datetime import UTC, datetime

from lonely_bridge.domain.checkins import CheckIn, Scale
from lonely_bridge.wording.checkins import answered, introduction, questions, title


def test_ucla3_has_the_published_wording_and_answers() -> None:
    items = questions(Scale.UCLA3)
    assert [item.text for item in items] == [
        "How often do you feel that you lack companionship?",
        "How often do you feel left out?",
        "How often do you feel isolated from others?",
    ]
    for item in items:
        assert item.answers == ((1, "Hardly ever"), (2, "Some of the time"), (3, "Often"))


def test_lsns6_asks_three_things_about_family_then_friends() -> None:
    items = questions(Scale.LSNS6)
    assert len(items) == 6
    assert [item.id.split(".")[1].split("_")[0] for item in items] == ["family"] * 3 + [
        "friends"
    ] * 3
    assert items[0].text == "How many relatives do you see or hear from at least once a month?"
    assert all("including neighbours" in item.text for item in items[3:])
    assert items[2].text.endswith("could call on them for help?")
    assert items[5].text.endswith("could call on them for help?")
    for item in items:
        assert item.answers == (
            (0, "None"),
            (1, "One"),
            (2, "Two"),
            (3, "Three or four"),
            (4, "Five to eight"),
            (5, "Nine or more"),
        )


def test_question_ids_are_unique_and_stable() -> None:
    ids = [item.id for scale in Scale for item in questions(scale)]
    assert len(ids) == len(set(ids)) == 9
    assert ids[0] == "ucla3.companionship"


def _every_user_facing_text() -> list[str]:
    texts = []
    for scale in Scale:
        texts += [title(scale), introduction(scale)]
        for item in questions(scale):
            texts.append(item.text)
            texts += [words for _, words in item.answers]
    return texts


def test_no_user_facing_text_calls_it_a_test() -> None:
    texts = _every_user_facing_text()
    assert len(texts) == 2 * 2 + 3 * 4 + 6 * 7
    for text in texts:
        assert text.strip() == text
        assert text
        assert "test" not in text.lower(), text


def test_an_answered_check_in_reads_as_each_question_with_its_answer_in_words() -> None:
    checkin = CheckIn(7, Scale.UCLA3, (1, None, 3), datetime(2026, 11, 2, 10, 0, tzinfo=UTC))
    assert answered(checkin) == [
        ("How often do you feel that you lack companionship?", "Hardly ever"),
        ("How often do you feel left out?", "Not answered"),
        ("How often do you feel isolated from others?", "Often"),
    ]
    lsns = CheckIn(8, Scale.LSNS6, (0, 1, 2, 3, 4, 5), datetime(2026, 11, 2, tzinfo=UTC))
    assert [answer for _, answer in answered(lsns)] == [
        "None", "One", "Two", "Three or four", "Five to eight", "Nine or more"
    ]  # fmt: skip
