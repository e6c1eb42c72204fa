"""The services the window uses; the less common ones load on first use."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from lonely_bridge.services.alerts import AlertService
    from lonely_bridge.services.calls import CallService
    from lonely_bridge.services.contacts import ContactService
    from lonely_bridge.services.helper_access import HelperAccess
    from lonely_bridge.services.importing import ContactImporter
    from lonely_bridge.services.insight import InsightService
    from lonely_bridge.services.learning import LearningService
    from lonely_bridge.services.my_information import MyInformationService
    from lonely_bridge.services.overview import OverviewService
    from lonely_bridge.services.people import PeopleService
    from lonely_bridge.services.plans import PlanService
    from lonely_bridge.services.provisioning import ProvisioningService
    from lonely_bridge.services.settings import SettingsService


class AppServices:
    """The services the window and the rounds beside it use.

    Today's three are built before the first paint; the others, with their modules, the first
    time they are asked for, from any thread.
    """

    def __init__(
        self,
        *,
        overview: OverviewService,
        settings: SettingsService,
        plans: PlanService,
        calls: Callable[[], CallService],
        contacts: Callable[[], ContactService],
        people: Callable[[], PeopleService],
        importer: Callable[[], ContactImporter],
        learning: Callable[[], LearningService],
        insight: Callable[[], InsightService],
        alerts: Callable[[], AlertService],
        helper_access: Callable[[], HelperAccess] | None = None,
        my_information: Callable[[], MyInformationService] | None = None,
        provisioning: Callable[[], ProvisioningService] | None = None,
    ) -> None:
        self.overview = overview
        self.settings = settings
        self.plans = plans
        self._makers: dict[str, Callable[[], object]] = {
            "calls": calls,
            "contacts": contacts,
            "people": people,
            "importer": importer,
            "learning": learning,
            "insight": insight,
            "alerts": alerts,
        }
        if helper_access is not None:
            self._makers["helper_access"] = helper_access
        if my_information is not None:
            self._makers["my_information"] = my_information
        if provisioning is not None:
            self._makers["provisioning"] = provisioning
        self._made: dict[str, object] = {}
        # The sharing rounds build theirs on a worker thread while the window may ask too.
        self._lock = threading.RLock()

    def _get(self, name: str) -> Any:
        with self._lock:
            if name not in self._made:
                self._made[name] = self._makers[name]()
            return self._made[name]

    @property
    def calls(self) -> CallService:
        return cast("CallService", self._get("calls"))

    @property
    def contacts(self) -> ContactService:
        return cast("ContactService", self._get("contacts"))

    @property
    def people(self) -> PeopleService:
        return cast("PeopleService", self._get("people"))

    @property
    def importer(self) -> ContactImporter:
        return cast("ContactImporter", self._get("importer"))

    @property
    def learning(self) -> LearningService:
        return cast("LearningService", self._get("learning"))

    @property
    def insight(self) -> InsightService:
        return cast("InsightService", self._get("insight"))

    @property
    def alerts(self) -> AlertService:
        return cast("AlertService", self._get("alerts"))

    @property
    def helper_access(self) -> HelperAccess:
        """One for the whole app: it knows whether helper mode is open."""
        return cast("HelperAccess", self._get("helper_access"))

    @property
    def my_information(self) -> MyInformationService:
        return cast("MyInformationService", self._get("my_information"))

    @property
    def provisioning(self) -> ProvisioningService:
        return cast("ProvisioningService", self._get("provisioning"))
