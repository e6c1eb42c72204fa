"""The large-text, high-contrast look: bundled font, palette and one style sheet per text size."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

from lonely_bridge.domain.settings import TextSize
from lonely_bridge.resources import resource_path

log = logging.getLogger(__name__)

FONT_FAMILY = "Atkinson Hyperlegible"
FONT_FILES = ("AtkinsonHyperlegible-Regular.ttf", "AtkinsonHyperlegible-Bold.ttf")
MIN_TARGET_PX = 48  # Material's 48 dp, above WCAG AAA's 44 px (EVIDENCE.md section 3)
PRIMARY_BUTTON_HEIGHT_PX = 64


@dataclass(frozen=True, slots=True)
class Colours:
    background: str = "#FFFDF7"
    surface: str = "#FFFFFF"
    text: str = "#1A1A1A"
    muted_text: str = "#3B3B3B"
    border: str = "#5A5A5A"
    primary: str = "#0A3D75"
    on_primary: str = "#FFFFFF"
    visit: str = "#1D5B2C"
    on_visit: str = "#FFFFFF"
    nav_background: str = "#EFE9DD"
    nav_selected: str = "#0A3D75"
    on_nav_selected: str = "#FFFFFF"
    focus: str = "#B34700"
    attention_background: str = "#FFF1CC"
    attention_text: str = "#1A1A1A"


COLOURS = Colours()

# Every (text, background) pair the style sheet uses; each must reach 7:1 (WCAG AAA), as
# tests/ui/test_theme.py checks.
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    (COLOURS.text, COLOURS.background),
    (COLOURS.text, COLOURS.surface),
    (COLOURS.muted_text, COLOURS.background),
    (COLOURS.muted_text, COLOURS.surface),
    (COLOURS.on_primary, COLOURS.primary),
    (COLOURS.on_visit, COLOURS.visit),
    (COLOURS.text, COLOURS.nav_background),
    (COLOURS.on_nav_selected, COLOURS.nav_selected),
    (COLOURS.attention_text, COLOURS.attention_background),
)


def load_fonts() -> bool:
    """Register the bundled font; False (and the system font) if it cannot be read."""
    loaded = True
    for name in FONT_FILES:
        if QFontDatabase.addApplicationFont(str(resource_path("fonts", name))) < 0:
            log.warning("Could not load the bundled font %s", name)
            loaded = False
    return loaded


def build_palette() -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    palette.setColor(role.Window, QColor(COLOURS.background))
    palette.setColor(role.WindowText, QColor(COLOURS.text))
    palette.setColor(role.Base, QColor(COLOURS.surface))
    palette.setColor(role.AlternateBase, QColor(COLOURS.nav_background))
    palette.setColor(role.Text, QColor(COLOURS.text))
    palette.setColor(role.Button, QColor(COLOURS.surface))
    palette.setColor(role.ButtonText, QColor(COLOURS.text))
    palette.setColor(role.Highlight, QColor(COLOURS.primary))
    palette.setColor(role.HighlightedText, QColor(COLOURS.on_primary))
    palette.setColor(role.ToolTipBase, QColor(COLOURS.surface))
    palette.setColor(role.ToolTipText, QColor(COLOURS.text))
    palette.setColor(role.PlaceholderText, QColor(COLOURS.muted_text))
    return palette


def style_sheet(size: TextSize) -> str:
    """The whole app's style sheet for one text size; every length scales with the text."""
    pt = size.points
    scale = pt / TextSize.LARGE.points
    c = COLOURS
    pad = round(12 * scale)
    radius = round(12 * scale)
    tick = resource_path("icons", "tick.svg").as_posix()
    down = resource_path("icons", "down.svg").as_posix()
    edge = max(2, round(3 * scale))  # every button border, in every state
    bar = round(12 * scale)  # the chosen page's bar
    return f"""
QWidget {{ font-family: "{FONT_FAMILY}"; font-size: {pt}pt; color: {c.text}; }}
QMainWindow, QDialog, QStackedWidget, QScrollArea, QScrollArea > QWidget > QWidget
    {{ background: {c.background}; }}
QLabel[role="title"] {{ font-size: {round(pt * 1.6)}pt; font-weight: bold; }}
QLabel[role="heading"] {{ font-size: {round(pt * 1.25)}pt; font-weight: bold; }}
QLabel[role="muted"] {{ color: {c.muted_text}; }}
QFrame[role="card"] {{
    background: {c.surface}; border: 2px solid {c.border}; border-radius: {radius}px;
}}
QFrame[role="attention"] {{
    background: {c.attention_background}; border: 2px solid {c.border};
    border-radius: {radius}px;
}}
QPushButton {{
    min-height: {max(MIN_TARGET_PX, round(48 * scale))}px;
    min-width: {MIN_TARGET_PX}px;
    padding: {pad // 2}px {pad}px;
    background: {c.surface}; color: {c.text};
    border: {edge}px solid {c.border}; border-radius: {radius}px;
}}
/* Border widths never change between states: Qt does not re-lay out on a state change,
   so a thicker border would eat into the words. States change colour and line style. */
QPushButton:hover {{ border-color: {c.text}; }}
QPushButton:pressed {{ background: {c.nav_background}; }}
QPushButton:focus {{ border: {edge}px dashed {c.focus}; }}
QPushButton[role="primary"] {{
    min-height: {max(PRIMARY_BUTTON_HEIGHT_PX, round(56 * scale))}px;
    background: {c.primary}; color: {c.on_primary}; border-color: {c.primary};
    font-weight: bold;
}}
QPushButton[role="primary"]:focus {{ border: {edge}px dashed {c.focus}; }}
QPushButton[role="nav"] {{
    min-height: {max(PRIMARY_BUTTON_HEIGHT_PX, round(48 * scale))}px;
    background: {c.nav_background}; border: {edge}px solid {c.border};
    text-align: left; padding-left: {pad * 2}px; font-weight: bold;
    margin-left: {bar - edge}px;
}}
/* The chosen page differs in shape as well as colour: a thick bar on its left edge. */
QPushButton[role="nav"]:checked {{
    background: {c.nav_selected}; color: {c.on_nav_selected};
    border: {edge}px solid {c.nav_selected}; border-left: {bar}px solid {c.focus};
    margin-left: 0px;
}}
QPushButton[role="nav"]:focus {{
    border: {edge}px dashed {c.focus}; border-left: {bar}px solid {c.focus};
    margin-left: 0px;
}}
/* A chosen option is filled dark with light words: a change of lightness, not only hue. */
QPushButton[role="choice"] {{ font-weight: bold; }}
QPushButton[role="choice"]:checked {{
    background: {c.nav_selected}; color: {c.on_nav_selected};
    border-color: {c.focus};
}}
QWidget#navigation {{ background: {c.nav_background}; }}
QLineEdit, QPlainTextEdit, QSpinBox, QComboBox {{
    min-height: {MIN_TARGET_PX}px; padding: {pad // 3}px {pad // 2}px;
    background: {c.surface}; color: {c.text};
    border: {edge}px solid {c.border}; border-radius: {round(6 * scale)}px;
}}
QLineEdit:focus, QPlainTextEdit:focus, QSpinBox:focus, QComboBox:focus {{
    border: {edge}px solid {c.focus};
}}
QSpinBox::up-button, QSpinBox::down-button {{ width: {round(32 * scale)}px; }}
/* A drop-down's arrow as big as a finger: it is the only sign that the box opens. */
QComboBox::drop-down {{
    width: {round(40 * scale)}px; border-left: {edge}px solid {c.border};
}}
QComboBox::down-arrow {{
    image: url("{down}"); width: {round(24 * scale)}px; height: {round(24 * scale)}px;
}}
QCheckBox {{ spacing: {pad}px; min-height: {MIN_TARGET_PX}px; }}
QCheckBox::indicator {{
    width: {round(32 * scale)}px; height: {round(32 * scale)}px;
    border: 2px solid {c.border}; border-radius: 4px; background: {c.surface};
}}
/* Ticked differs in shape, not only colour: a white tick on the filled box. */
QCheckBox::indicator:checked {{ background: {c.primary}; image: url("{tick}"); }}
QCheckBox:focus {{ outline: 4px solid {c.focus}; }}
QScrollBar:vertical {{
    width: {round(24 * scale)}px; background: {c.nav_background}; border: none;
}}
QScrollBar::handle:vertical {{
    background: {c.border}; min-height: {MIN_TARGET_PX}px; border-radius: {round(8 * scale)}px;
}}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0px; }}
QToolTip {{ font-size: {pt}pt; }}
"""


def apply_theme(app: QApplication, size: TextSize) -> None:
    app.setStyle("Fusion")
    app.setPalette(build_palette())
    font = QFont(FONT_FAMILY)
    font.setPointSize(size.points)
    app.setFont(font)
    app.setStyleSheet(style_sheet(size))
