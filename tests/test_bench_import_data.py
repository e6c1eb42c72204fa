"""bench/import_scale.py's contacts, checked small: every card read, duplicates as planted."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

from lonely_bridge.domain.contact_matching import normalise_name

BENCH = Path(__file__).resolve().parents[1] / "bench" / "import_scale.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_import_scale", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


bench = _load()


def test_people_differ_even_without_accents_or_word_order() -> None:
    people = bench.everyone(random.Random(3), 2_000)
    assert len({normalise_name(someone.name) for someone in people}) == 2_000
    assert len({someone.digits[-9:] for someone in people}) == 2_000


def test_the_preview_finds_exactly_the_planted_duplicates(tmp_path: Path) -> None:
    people = bench.everyone(random.Random(5), 20 + 600)
    household, fresh = people[:20], people[20:]
    bench.store_household(tmp_path / "data", household)
    path = tmp_path / "contacts.vcf"
    planted = bench.write_file(path, 600, household=household, fresh=fresh, seed=5)
    _seconds, _cpu_seconds, preview = bench.time_preview(tmp_path / "data", path)
    assert len(preview.entries) == 600
    assert preview.unreadable == ()
    assert planted > 0
    assert sum(1 for entry in preview.entries if entry.duplicates) == planted
    versions = {line for line in path.read_text("utf-8").splitlines() if line.startswith("VERSION")}
    assert versions == {"VERSION:2.1", "VERSION:3.0", "VERSION:4.0"}
