"""A company's settings: the chart validation rules (off, warning or error), the default hold
period, whether edits of a chart in use go to a draft, the renderer's defaults."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from fakesaas.seatsio.domain.holds import DEFAULT_MINUTES


class Level(Enum):
    OFF = "OFF"
    WARNING = "WARNING"
    ERROR = "ERROR"


# The validation rules, in the order the designer lists them (seatsio-js ChartValidationSettings).
RULES = (
    "VALIDATE_DUPLICATE_LABELS",
    "VALIDATE_OBJECTS_WITHOUT_CATEGORIES",
    "VALIDATE_UNLABELED_OBJECTS",
    "VALIDATE_FOCAL_POINT",
    "VALIDATE_OBJECT_TYPES_PER_CATEGORY",
    "VALIDATE_EMPTY_FLOOR",
)


def _every_rule_off() -> dict[str, Level]:
    # seatsio-js retrieveMyAccount.test.ts: a new company has every rule off.
    return dict.fromkeys(RULES, Level.OFF)


@dataclass(slots=True)
class AccountSettings:
    validation: dict[str, Level] = field(default_factory=_every_rule_off)
    hold_period_minutes: int = DEFAULT_MINUTES
    draft_chart_drawings: bool = True
    hold_on_select_for_gas: bool = True
    # The renderer's defaults for the company (all off for a new one, retrieveMyAccount.test.ts).
    renderer: dict[str, bool] = field(
        default_factory=lambda: {
            "showFullScreenButton": False,
            "multiSelectEnabled": False,
            "companionSeatValidationEnabled": False,
        }
    )
