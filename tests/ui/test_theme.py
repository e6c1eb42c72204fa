"""The theme: AAA contrast for every text pair, style sheets that scale, and the palette."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from lonely_bridge.domain.settings import TextSize
from lonely_bridge.ui.theme import (
    COLOURS,
    MIN_TARGET_PX,
    PRIMARY_BUTTON_HEIGHT_PX,
    TEXT_PAIRS,
    apply_theme,
    build_palette,
    style_sheet,
)
from lonely_bridge.ui.widgets.portrait import INITIAL_BACKGROUNDS, INITIAL_TEXT, initial_colour

AAA = 7.0
SIZES = list(TextSize)
SIZE_IDS = [size.value for size in SIZES]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio between two colours."""

    def luminance(colour: str) -> float:
        qcolour = QColor(colour)
        channels = []
        for value in (qcolour.redF(), qcolour.greenF(), qcolour.blueF()):
            channels.append(value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4)
        red, green, blue = channels
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize(("text", "background"), TEXT_PAIRS)
def test_every_text_pair_meets_aaa_contrast(text: str, background: str) -> None:
    assert contrast_ratio(text, background) >= AAA


def test_the_pairs_cover_the_colours_text_is_drawn_on() -> None:
    backgrounds = {background for _text, background in TEXT_PAIRS}
    assert {
        COLOURS.background,
        COLOURS.surface,
        COLOURS.primary,
        COLOURS.visit,
        COLOURS.nav_background,
        COLOURS.nav_selected,
        COLOURS.attention_background,
    } <= backgrounds


def test_contrast_ratio_matches_the_wcag_formula() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    assert contrast_ratio(COLOURS.primary, COLOURS.primary) == pytest.approx(1.0)
    # A known WCAG value: mid grey #767676 on white is just over 4.5:1.
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("background", INITIAL_BACKGROUNDS)
def test_portrait_initials_meet_aaa_contrast(background: str) -> None:
    assert contrast_ratio(INITIAL_TEXT, background) >= AAA


def test_initial_colour_is_stable_and_ignores_case_and_spaces() -> None:
    names = ["Anna", "Tom", "Lily", "Rose", "Harold", "Priya", "Thursday Book Club"]
    for name in names:
        colour = initial_colour(name)
        assert colour in INITIAL_BACKGROUNDS
        assert initial_colour(name) == colour
        assert initial_colour(f"  {name.upper()}\t") == colour
        assert initial_colour(name.lower()) == colour
    # Not one colour for everybody.
    assert len({initial_colour(name) for name in names}) > 1


def min_height(sheet: str, selector: str) -> int:
    block = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", sheet)
    assert block is not None, f"no rule for {selector}"
    value = re.search(r"min-height:\s*(\d+)px", block.group(1))
    assert value is not None, f"no min-height in {selector}"
    return int(value.group(1))


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_style_sheet_uses_the_point_size(size: TextSize) -> None:
    sheet = style_sheet(size)
    assert f"font-size: {size.points}pt" in sheet
    assert '"Atkinson Hyperlegible"' in sheet
    assert min_height(sheet, "QPushButton") >= MIN_TARGET_PX
    assert min_height(sheet, 'QPushButton[role="primary"]') >= PRIMARY_BUTTON_HEIGHT_PX
    assert min_height(sheet, 'QPushButton[role="nav"]') >= PRIMARY_BUTTON_HEIGHT_PX


def test_style_sheet_lengths_grow_with_the_text() -> None:
    large, larger, largest = (style_sheet(size) for size in SIZES)
    for selector in ("QPushButton", 'QPushButton[role="primary"]', 'QPushButton[role="nav"]'):
        heights = [min_height(sheet, selector) for sheet in (large, larger, largest)]
        assert heights == sorted(heights), selector
        assert heights[2] > heights[0], selector
    for sheet in (large, larger, largest):
        assert min_height(sheet, 'QPushButton[role="primary"]') >= PRIMARY_BUTTON_HEIGHT_PX


def test_checked_nav_rule_has_its_own_left_bar() -> None:
    sheet = style_sheet(TextSize.LARGE)
    checked = re.search(r'QPushButton\[role="nav"\]:checked\s*\{([^}]*)\}', sheet)
    assert checked is not None
    assert re.search(rf"border-left:\s*\d+px solid {COLOURS.focus}", checked.group(1))


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_apply_theme_sets_palette_font_and_style_sheet(qapp: QApplication, size: TextSize) -> None:
    apply_theme(qapp, size)
    palette = qapp.palette()
    assert palette.color(QPalette.ColorRole.WindowText) == QColor(COLOURS.text)
    assert palette.color(QPalette.ColorRole.Window) == QColor(COLOURS.background)
    assert palette.color(QPalette.ColorRole.ButtonText) == QColor(COLOURS.text)
    assert qapp.font().pointSize() == size.points
    assert qapp.styleSheet() == style_sheet(size)


def test_palette_text_colours_meet_aaa_contrast() -> None:
    palette = build_palette()
    role = QPalette.ColorRole
    for text, background in (
        (role.WindowText, role.Window),
        (role.Text, role.Base),
        (role.ButtonText, role.Button),
        (role.HighlightedText, role.Highlight),
        (role.ToolTipText, role.ToolTipBase),
    ):
        ratio = contrast_ratio(palette.color(text).name(), palette.color(background).name())
        assert ratio >= AAA, (text, background)
