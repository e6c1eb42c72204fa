"""The profile the issue gives as its example (Margaret, her daughter Anna and a Sunday call),
and the example file shipped in packaging/, for every test that reads or applies profiles."""

from __future__ import annotations

from pathlib import Path

EXAMPLE_FILE = Path(__file__).resolve().parents[1] / "packaging" / "profile-example.toml"

MARGARET = """\
version = 1
[owner]
name = "Margaret"
time_zone = "Europe/London"
text_size = "largest"          # large | larger | largest
[helper]
pin = "4821"                   # or pin_hash = "scrypt$…" as written by export-profile
[[people]]
name = "Anna"
relationship = "Daughter"
keep_in_touch_days = 7
links = ["https://zoom.us/j/85512345678?pwd=abc"]
[[plans]]
person = "Anna"
rule = "FREQ=WEEKLY;BYDAY=SU"   # RFC 5545 RRULE
time = "16:00"
time_zone = "America/New_York"
starts_on = 2027-01-03
ends_on = 2027-12-31            # optional
"""
