"""Profiles read and checked field by field, every problem with its line; and written back."""

from __future__ import annotations

import tomllib
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lonely_bridge.domain.errors import ProfileInvalid
from lonely_bridge.domain.pin import PinHash
from lonely_bridge.domain.profile import (
    MAX_PROFILE_BYTES,
    Profile,
    ProfileLink,
    ProfilePerson,
    ProfileProblem,
    ProfileProblemKind,
)
from lonely_bridge.domain.recurrence import Frequency
from lonely_bridge.domain.settings import (
    HOME_ZONE,
    OWNER_NAME,
    RECOMMENDED_LESSONS,
    TEXT_SIZE,
    TextSize,
)
from lonely_bridge.formats.profile import (
    LineIndex,
    parse_profile,
    read_profile_file,
)
from lonely_bridge.formats.profile_writing import toml_string, toml_value, write_profile
from lonely_bridge.wording.profile import explain_profile_problem
from tests.profiles import EXAMPLE_FILE, MARGARET

Kind = ProfileProblemKind


def problems_of(text: str | bytes, **context: object) -> list[tuple[int | None, tuple, Kind]]:
    data = text.encode() if isinstance(text, str) else text
    with pytest.raises(ProfileInvalid) as caught:
        parse_profile(data, **context)  # type: ignore[arg-type]
    found = caught.value.problems
    # Every problem has words that say where and what to do.
    for problem in found:
        words = explain_profile_problem(problem)
        assert "?" not in words.replace("Did you mean", "").replace('?"', ""), words
        assert words.startswith(("Line ", "The file")), words
    return [(problem.line, problem.path, problem.kind) for problem in found]


def test_the_issue_example_reads_as_written() -> None:
    profile = parse_profile(MARGARET.encode())

    settings = dict(profile.settings)
    assert settings[OWNER_NAME] == "Margaret"
    assert settings[HOME_ZONE] == "Europe/London"
    assert settings[TEXT_SIZE] is TextSize.LARGEST
    assert profile.pin == "4821"
    (anna,) = profile.people
    assert (anna.name, anna.relationship, anna.rhythm and anna.rhythm.ideal) == (
        "Anna",
        "Daughter",
        timedelta(days=7),
    )
    assert anna.links == (ProfileLink("https://zoom.us/j/85512345678?pwd=abc"),)
    (plan,) = profile.plans
    assert plan.person == "Anna"
    assert plan.schedule.frequency is Frequency.WEEKLY
    assert plan.schedule.weekdays == (6,)
    assert plan.schedule.time_of_day == time(16, 0)
    assert plan.schedule.zone == "America/New_York"
    assert (plan.schedule.starts_on, plan.schedule.ends_on) == (
        date(2027, 1, 3),
        date(2027, 12, 31),
    )


def test_the_packaged_example_passes() -> None:
    profile = parse_profile(EXAMPLE_FILE.read_bytes())
    assert profile.people
    assert profile.plans
    assert profile.trusted


# Where things are --------------------------------------------------------------------------
def test_the_line_index_finds_tables_entries_and_keys() -> None:
    lines = LineIndex(
        'version = 1\n[owner]\nname = "M"\n\n[[people]]\nname = "A"\n'
        'notes = """\nname = "not a key"\n"""\n[[people]]\n  "links" = []\n'
        "[ settings ] # comment\ncheck_in_every_days = 3\n"
    )
    assert lines.line_of(("version",)) == 1
    assert lines.line_of(("owner", "name")) == 3
    assert lines.line_of(("people", 1)) == 5
    assert lines.line_of(("people", 1, "name")) == 6
    assert lines.line_of(("people", 2)) == 10
    assert lines.line_of(("people", 2, "links", 3)) == 11
    assert lines.line_of(("people", 2, "name")) == 10  # missing: its entry's header
    assert lines.line_of(("settings", "check_in_every_days")) == 13
    assert lines.line_of(("nowhere",)) is None
    assert LineIndex("version = 1\n\n[[owner]]\n").line_of(("owner",)) == 3


# Hostile profiles: each problem named with its line and field ------------------------------
def test_every_problem_is_listed_at_once_in_line_order() -> None:
    found = problems_of(
        'version = 1\nbogus = 3\n[owner]\nname = "<b>M</b>"\ntime_zone = "Mars/Base"\n'
        '[[people]]\nname = "Anna"\nkeep_in_touch_days = "weekly"\n'
    )
    assert found == [
        (2, ("bogus",), Kind.UNKNOWN_FIELD),
        (4, ("owner", "name"), Kind.MARKUP),
        (5, ("owner", "time_zone"), Kind.UNKNOWN_TIME_ZONE),
        (8, ("people", 1, "keep_in_touch_days"), Kind.WRONG_TYPE),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("version = 1\n[owner]\nname = 7\n", (3, ("owner", "name"), Kind.WRONG_TYPE)),
        ('version = 1\n[owner]\ntext_size = "huge"\n', (3, ("owner", "text_size"), Kind.REFUSED)),
        (
            "version = 1\n[settings]\nstart_at_login = 1\n",
            (3, ("settings", "start_at_login"), Kind.WRONG_TYPE),
        ),
        (
            'version = 1\n[[people]]\nname = "A"\ngroup = "yes"\n',
            (4, ("people", 1, "group"), Kind.WRONG_TYPE),
        ),
        ('version = 1\npeople = "Anna"\n', (2, ("people",), Kind.WRONG_TYPE)),
        ("version = 1\n[helper]\npin = 4821\n", (3, ("helper", "pin"), Kind.WRONG_TYPE)),
    ],
)
def test_wrong_types(text: str, expected: tuple) -> None:
    assert problems_of(text) == [expected]


def test_unknown_keys_suggest_the_near_name() -> None:
    text = 'version = 1\n[[people]]\nname = "Anna"\nrelationshp = "Daughter"\n'
    with pytest.raises(ProfileInvalid) as caught:
        parse_profile(text.encode())
    (problem,) = caught.value.problems
    assert (problem.line, problem.kind, problem.params["suggestion"]) == (
        4,
        Kind.UNKNOWN_FIELD,
        "relationship",
    )
    assert 'Did you mean "relationship"?' in explain_profile_problem(problem)
    assert explain_profile_problem(problem).startswith("Line 4, people #1, relationshp:")


def test_a_password_is_refused_with_where_to_type_it() -> None:
    text = (
        'version = 1\n[mail_server]\nhost = "smtp.example.org"\n'
        'from_address = "m@example.org"\npassword = "x"\n'
    )
    with pytest.raises(ProfileInvalid) as caught:
        parse_profile(text.encode())
    (problem,) = caught.value.problems
    assert problem.line == 5
    assert "never kept in a profile" in explain_profile_problem(problem)


def test_a_file_over_the_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    huge = tmp_path / "huge.toml"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB, sparse

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    with pytest.raises(ProfileInvalid) as caught:
        read_profile_file(huge)
    (problem,) = caught.value.problems
    assert problem.kind is Kind.TOO_LARGE
    assert problem.params["limit"] == MAX_PROFILE_BYTES
    assert "right file" in explain_profile_problem(problem)


def test_bytes_over_the_limit_are_refused_too() -> None:
    assert problems_of(b"#" * (MAX_PROFILE_BYTES + 1)) == [(None, (), Kind.TOO_LARGE)]


def test_a_file_that_is_not_toml_names_its_line() -> None:
    assert problems_of('version = 1\n[owner]\nname = "Margaret\n') == [(3, (), Kind.NOT_TOML)]


def test_a_file_that_is_not_utf8_names_its_line() -> None:
    assert problems_of(b'version = 1\n[owner]\nname = "Ren\xe9e"\n') == [(3, (), Kind.NOT_UTF8)]


@pytest.mark.parametrize("text", ["", "   \n\n", "# only a comment\n"])
def test_an_empty_file_says_where_to_start(text: str) -> None:
    assert problems_of(text) == [(None, (), Kind.EMPTY)]


def test_version_missing() -> None:
    assert problems_of('[owner]\nname = "Margaret"\n') == [(None, (), Kind.NO_VERSION)]


def test_version_2_is_from_a_newer_app() -> None:
    found = problems_of('version = 2\n[owner]\nsomething_new = "x"\n')
    assert found == [(1, ("version",), Kind.NEWER_VERSION)]


def test_links_that_fail_the_check() -> None:
    text = (
        'version = 1\n[[people]]\nname = "Anna"\nlinks = [\n  "javascript:alert(1)",\n'
        '  "https://jitsi.example.org/AnnaRoom",\n  { url = "file:///etc/passwd" },\n]\n'
    )
    assert problems_of(text) == [
        (4, ("people", 1, "links", 1), Kind.REFUSED),
        (4, ("people", 1, "links", 2), Kind.REFUSED),
        (4, ("people", 1, "links", 3), Kind.REFUSED),
    ]


def test_a_jitsi_server_the_profile_trusts_passes_the_link_check() -> None:
    text = (
        'version = 1\n[settings]\ntrusted_jitsi_hosts = ["jitsi.example.org"]\n'
        '[[people]]\nname = "Anna"\nlinks = ["https://jitsi.example.org/AnnaRoom"]\n'
    )
    (anna,) = parse_profile(text.encode()).people
    assert anna.links[0].url == "https://jitsi.example.org/AnnaRoom"


PLAN = 'version = 1\n[[people]]\nname = "Anna"\n[[plans]]\nperson = "Anna"\n'


def test_an_unknown_time_zone() -> None:
    text = (
        PLAN
        + 'rule = "FREQ=DAILY"\ntime = "09:00"\ntime_zone = "Europe/Atlantis"\n'
        + "starts_on = 2027-01-01\n"
    )
    assert problems_of(text) == [(8, ("plans", 1, "time_zone"), Kind.UNKNOWN_TIME_ZONE)]


@pytest.mark.parametrize(
    "rule",
    ["FREQ=WEEKLY;BYDAY=SU;COUNT=3", "FREQ=YEARLY", "FREQ=MONTHLY;BYMONTHDAY=1", "FREQ=WEEKLY"],
)
def test_a_rule_the_app_cannot_keep(rule: str) -> None:
    text = (
        PLAN
        + f'rule = "{rule}"\ntime = "09:00"\ntime_zone = "Europe/London"\nstarts_on = 2027-01-01\n'
    )
    assert problems_of(text) == [(6, ("plans", 1, "rule"), Kind.RULE_UNSUPPORTED)]


@pytest.mark.parametrize("second", ["anna", "  ANNA ", "Anna\t"])
def test_duplicate_names_also_differing_in_case_or_spaces(second: str) -> None:
    text = f'version = 1\n[[people]]\nname = "Anna"\n[[people]]\nname = "{second}"\n'
    with pytest.raises(ProfileInvalid) as caught:
        parse_profile(text.replace("\t", "\\t").encode())
    (problem,) = caught.value.problems
    assert (problem.line, problem.path, problem.kind) == (5, ("people", 2, "name"), Kind.DUPLICATE)
    assert "line 3" in explain_profile_problem(problem)


def test_a_plan_for_someone_in_neither_the_profile_nor_the_computer() -> None:
    text = (
        'version = 1\n[[plans]]\nperson = "Bob"\nrule = "FREQ=DAILY"\ntime = "09:00"\n'
        'time_zone = "UTC"\nstarts_on = 2027-01-01\n'
    )
    assert problems_of(text) == [(3, ("plans", 1, "person"), Kind.UNKNOWN_PERSON)]
    # Someone already on this computer may be named.
    assert parse_profile(text.encode(), known_people={"bob"}).plans[0].person == "Bob"


@pytest.mark.parametrize("pin", ['"482"', '"48a1"', '"123456789"', '"４８２１"'])
def test_a_pin_of_three_digits_or_letters(pin: str) -> None:
    assert problems_of(f"version = 1\n[helper]\npin = {pin}\n") == [
        (3, ("helper", "pin"), Kind.REFUSED)
    ]


def test_a_pin_hash_that_is_not_one() -> None:
    found = problems_of('version = 1\n[helper]\npin_hash = "scrypt$1$2$3$zz$yy"\n')
    assert found == [(3, ("helper", "pin_hash"), Kind.REFUSED)]


@pytest.mark.parametrize(
    "name", ["<b>Anna</b>", "Anna<script>alert(1)</script>", "Tom &amp; Jerry", "<img src=x>"]
)
def test_names_with_html(name: str) -> None:
    assert problems_of(f'version = 1\n[[people]]\nname = "{name}"\n') == [
        (3, ("people", 1, "name"), Kind.MARKUP)
    ]


def test_names_that_only_look_a_little_like_markup_are_kept() -> None:
    people = parse_profile(b'version = 1\n[[people]]\nname = "Tom & Jerry <3"\n').people
    assert people[0].name == "Tom & Jerry <3"


def test_a_plan_that_ends_before_it_starts() -> None:
    text = (
        PLAN
        + 'rule = "FREQ=DAILY"\ntime = "09:00"\ntime_zone = "UTC"\nstarts_on = 2027-01-05\n'
        + "ends_on = 2027-01-01\n"
    )
    assert problems_of(text) == [(10, ("plans", 1, "ends_on"), Kind.ENDS_BEFORE_START)]


# Writing ------------------------------------------------------------------------------------
NASTY = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@given(NASTY)
def test_any_text_is_written_as_a_toml_string_that_reads_back(text: str) -> None:
    assert tomllib.loads(f"x = {toml_string(text)}")["x"] == text


@pytest.mark.parametrize(
    "name",
    ['Anna "Nan" Smith', "C:\\Users\\anna", "Zoë Ørsted 山田", "<b>Anna</b>", "Anna\u007f"],
)
def test_hard_names_survive_writing(name: str) -> None:
    written = write_profile(Profile(settings=((OWNER_NAME, name),)))
    assert tomllib.loads(written)["owner"]["name"] == name


def test_a_written_profile_reads_back_to_the_same_records() -> None:
    original = parse_profile(EXAMPLE_FILE.read_bytes())
    again = parse_profile(write_profile(original).encode())
    assert dict(again.settings) == dict(original.settings)
    assert [
        (p.name, p.relationship, p.circle, p.is_group, p.rhythm, p.notes or "", p.links)
        for p in again.people
    ] == [
        (
            p.name,
            p.relationship,
            p.circle,
            p.is_group,
            p.rhythm or again.people[i].rhythm,
            p.notes or "",
            p.links,
        )
        for i, p in enumerate(original.people)
    ]
    assert [(p.person, p.schedule, p.link_url, p.reminder_lead) for p in again.plans] == [
        (p.person, p.schedule, p.link_url, p.reminder_lead) for p in original.plans
    ]
    assert again.trusted == original.trusted


def test_a_written_pin_is_only_its_hash() -> None:
    pin_hash = PinHash.of("4821")
    written = write_profile(Profile(pin_hash=pin_hash, people=(ProfilePerson("Anna"),)))
    assert "4821" not in written
    assert parse_profile(written.encode()).pin_hash == pin_hash


def test_the_documentation_describes_every_field() -> None:
    from lonely_bridge.formats import profile as fields

    documented = (EXAMPLE_FILE.parents[1] / "docs" / "PROFILE.md").read_text(encoding="utf-8")
    names = {
        *fields.TOP_FIELDS,
        *fields.OWNER_FIELDS,
        *fields.HELPER_FIELDS,
        *(setting.key for setting in fields.PROFILE_SETTINGS),
        *fields.MAIL_FIELDS,
        *fields.PERSON_FIELDS,
        *fields.LINK_FIELDS,
        *fields.PLAN_FIELDS,
        *fields.TRUSTED_FIELDS,
    }
    forms = ("`{}`", "`[{}]", "`[[{}]]", "{} = ")
    missing = [n for n in names if not any(form.format(n) in documented for form in forms)]
    assert sorted(missing) == []


def test_recommended_lessons_must_be_on_this_computer() -> None:
    text = 'version = 1\n[settings]\nrecommended_lessons = ["joining-zoom", "flying-a-kite"]\n'
    assert problems_of(text, lessons={"joining-zoom", "practice-call"}) == [
        (3, ("settings", "recommended_lessons"), Kind.UNKNOWN_LESSON)
    ]
    settings = dict(
        parse_profile(
            text.replace("flying-a-kite", "practice-call").encode(),
            lessons={"joining-zoom", "practice-call"},
        ).settings
    )
    assert settings[RECOMMENDED_LESSONS] == ("joining-zoom", "practice-call")


def _problems(data: bytes) -> tuple[ProfileProblem, ...] | None:
    """None when ``data`` is a good profile, else its problems."""
    try:
        parse_profile(data)
    except ProfileInvalid as invalid:
        return tuple(invalid.problems)
    return None


@given(st.binary(max_size=300))
def test_any_bytes_are_a_profile_or_a_list_of_problems(data: bytes) -> None:
    problems = _problems(b"version = 1\n" + data)
    assert problems is None or len(problems) > 0
    for problem in problems or ():
        assert explain_profile_problem(problem)


TOML_VALUES = st.one_of(
    st.text(max_size=20),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.booleans(),
    st.dates(),
    st.lists(st.text(max_size=10), max_size=3),
)


@given(
    st.sampled_from(["owner", "helper", "settings", "mail_server", "people", "plans"]),
    st.dictionaries(st.sampled_from(["name", "pin", "time", "links", "port", "rule"]), TOML_VALUES),
)
def test_any_values_in_known_places_are_checked_not_crashed_on(
    table: str, fields: dict[str, object]
) -> None:
    header = f"[[{table}]]" if table in {"people", "plans"} else f"[{table}]"
    body = "\n".join(f"{key} = {toml_value(value)}" for key, value in fields.items())
    problems = _problems(f"version = 1\n{header}\n{body}\n".encode())
    assert all(problem.line is not None for problem in problems or ())


def test_the_same_plan_twice() -> None:
    plan = '[[plans]]\nperson = "anna"\nrule = "FREQ=DAILY"\ntime = "09:00"\ntime_zone = "UTC"\n'
    text = PLAN.split("[[plans]]")[0] + (plan + "starts_on = 2027-01-01\n") * 2
    assert problems_of(text) == [(10, ("plans", 2), Kind.DUPLICATE)]
