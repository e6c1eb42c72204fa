"""A practice call: a video call room of one's own in the browser, with nobody else there."""

from __future__ import annotations

import logging
import secrets

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from lonely_bridge.domain.devices import NetworkState
from lonely_bridge.domain.links import parse_call_link
from lonely_bridge.i18n import _
from lonely_bridge.services.ports import UrlOpener
from lonely_bridge.ui.dialogs.base import ScrollingDialog
from lonely_bridge.ui.ports import NetworkChecker
from lonely_bridge.ui.widgets.controls import button, card, label

log = logging.getLogger(__name__)

PRACTICE_ROOM_PREFIX = "https://meet.jit.si/LonelyBridgePractice-"


def practice_link() -> str:
    """A fresh Jitsi room nobody else knows, checked like any link the app opens."""
    return parse_call_link(f"{PRACTICE_ROOM_PREFIX}{secrets.token_hex(4)}").url


class PracticeCallDialog(ScrollingDialog):
    """Says what will happen, checks the network, then opens a practice room in the browser.

    ``opened`` carries the link once the browser has been asked to open it.
    """

    opened = Signal(str)

    def __init__(
        self,
        opener: UrlOpener,
        *,
        network: NetworkChecker,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("A practice call"), name="practiceCallDialog", parent=parent)
        self._opener = opener
        self._network = network
        self.last_link: str | None = None
        body = self.body
        # What happened after "Start", at the top of the words and scrolled into view: inside
        # the scrolling part, because with what to do next it is too long for the note line
        # at the largest text size.
        self.outcome_card = card(role="attention", name="practiceCallOutcomeCard")
        box = QVBoxLayout(self.outcome_card)
        box.setContentsMargins(24, 12, 24, 12)
        self.outcome = label("", name="practiceCallOutcome")
        box.addWidget(self.outcome)
        self.outcome_card.hide()
        body.addWidget(self.outcome_card)
        body.addWidget(
            label(
                _(
                    "A practice call lets you try a video call with nobody else there. You "
                    "will see yourself, and nobody else can see or hear you."
                )
            )
        )
        body.addWidget(label(_("What will happen"), role="heading"))
        steps = (
            _(
                "1. When you press “Start the practice call”, a page opens in your web "
                "browser. It may take a few moments."
            ),
            _(
                "2. The browser may ask whether the page can use your camera and microphone. "
                "Choose “Allow”."
            ),
            _(
                "3. You should now see yourself. If the page asks for your name, you can type "
                "it, then press “Join meeting”."
            ),
            _(
                "4. If the page asks you to log in, or says it is waiting for a moderator, "
                "you do not need to do anything: once you can see yourself, the practice "
                "has worked."
            ),
            _(
                "5. When you have finished, close the browser window. You can practise as "
                "often as you like."
            ),
        )
        for index, step in enumerate(steps, start=1):
            body.addWidget(label(step, name=f"practiceCallStep{index}"))
        body.addStretch(1)
        start = button(
            _("Start the practice call"),
            name="practiceCallStart",
            role="primary",
            description=_("Opens a practice call in your web browser"),
        )
        start.clicked.connect(self.start_practice)
        close = button(_("Close"), name="practiceCallClose")
        close.clicked.connect(self.accept)
        self.footer.addWidget(start)
        self.footer.addWidget(close)
        start.setDefault(True)

    def start_practice(self) -> bool:
        """Check the network, then open a fresh practice room; True if the browser opened."""
        state = self._network.state()
        log.info("Practice call: the network is %s", state)
        if state is NetworkState.OFFLINE:
            self._tell(
                _(
                    "This computer is not connected to the internet right now, so the "
                    "practice call cannot start. Check that the Wi-Fi is switched on, or that "
                    "the network cable is plugged in, then press “Start the practice call” "
                    "again."
                )
            )
            return False
        link = practice_link()
        if not self._opener.open_url(link):
            log.warning("The browser did not open the practice link %s", link)
            self._tell(
                _(
                    "The web browser could not be opened, so the practice call did not "
                    "start. Please press “Start the practice call” again. If it still does "
                    "not open, a helper can check that this computer has a web browser."
                )
            )
            return False
        self.last_link = link
        if state is NetworkState.LIMITED:
            words = _(
                "The practice call is opening in your web browser. This computer may not be "
                "fully connected to the internet: if the page says it cannot connect, check "
                "the Wi-Fi or the network cable, then try again."
            )
        else:
            words = _(
                "The practice call is opening in your web browser. If you cannot see it, "
                "look for the browser at the bottom or top of the screen."
            )
        self._tell(words)
        self.opened.emit(link)
        return True

    def _tell(self, words: str) -> None:
        self.outcome.setText(words)
        self.outcome.setAccessibleName(words)
        self.outcome_card.show()
        self.scroll_area.verticalScrollBar().setValue(0)
