"""An event's settings beside its objects: table booking, channels and what is for sale."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum

from fakesaas.seatsio.domain.errors import InvalidRequest
from fakesaas.seatsio.domain.layout import ChartObject, Layout, ObjectType


class TableMode(Enum):
    INHERIT = "INHERIT"
    ALL_BY_TABLE = "ALL_BY_TABLE"
    ALL_BY_SEAT = "ALL_BY_SEAT"
    CUSTOM = "CUSTOM"


@dataclass(frozen=True, slots=True)
class TableBookingConfig:
    """How an event books tables: as the drawing says, all whole, all per seat, or per table."""

    mode: TableMode = TableMode.INHERIT
    tables: tuple[tuple[str, str], ...] | None = None  # CUSTOM: table label -> BY_TABLE / BY_SEAT

    @classmethod
    def of(cls, mode: str, tables: Mapping[str, str] | None) -> TableBookingConfig:
        try:
            kind = TableMode(mode)
        except ValueError:
            names = ", ".join(m.value for m in TableMode)
            raise InvalidRequest(
                f"#/tableBookingConfig/mode: {mode} is not a valid enum value ({names})"
            ) from None
        pairs = None
        if tables is not None:
            for label, how in tables.items():
                if how not in ("BY_TABLE", "BY_SEAT"):
                    where = f"#/tableBookingConfig/tables/{label}"
                    raise InvalidRequest(f"{where}: {how} is not a valid enum value (BY_TABLE, BY_SEAT)")
            pairs = tuple(tables.items())
        return cls(kind, pairs)

    def by_table(self, table: ChartObject) -> bool:
        """Whether ``table`` (a table object) is booked as a whole in this event."""
        if self.mode is TableMode.ALL_BY_TABLE:
            return True
        if self.mode is TableMode.ALL_BY_SEAT:
            return False
        if self.mode is TableMode.CUSTOM and self.tables is not None:
            for label, how in self.tables:
                if label == table.own_label or label == table.label:
                    return how == "BY_TABLE"
        return bool(table.book_as_a_whole)

    def bookable(self, item: ChartObject, layout: Layout) -> bool:
        """Tables are bookable when booked whole; their seats when booked per seat."""
        if item.object_type is ObjectType.TABLE:
            return self.by_table(item)
        if item.table is not None:
            table = layout.get(item.table)
            return table is None or not self.by_table(table)
        return True

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {"mode": self.mode.value}
        if self.tables is not None:
            data["tables"] = dict(self.tables)
        return data


@dataclass(slots=True)
class Channel:
    """A channel of an event: objects (and places in GA areas) only its sales may book."""

    id: str
    key: str
    name: str
    color: str
    index: int | None = None
    objects: list[str] = field(default_factory=list)
    area_places: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class ForSaleConfig:
    """``for_sale`` False lists what is *not* for sale; True lists the only things that are."""

    for_sale: bool
    objects: list[str] = field(default_factory=list)
    area_places: dict[str, int] = field(default_factory=dict)
    categories: list[str] = field(default_factory=list)

    def object_for_sale(self, item: ChartObject, category_key: object, category_label: str | None) -> bool:
        listed = item.label in self.objects or any(
            entry == str(category_key) or entry == category_label for entry in self.categories
        )
        return listed if self.for_sale else not listed

    def as_json(self) -> dict[str, object]:
        return {
            "forSale": self.for_sale,
            "objects": list(self.objects),
            "areaPlaces": dict(self.area_places),
            "categories": list(self.categories),
        }


def edit_for_sale(
    config: ForSaleConfig | None,
    for_sale: Sequence[tuple[str, int | None]],
    not_for_sale: Sequence[tuple[str, int | None]],
) -> ForSaleConfig:
    """Mark objects (or ``quantity`` places of an area) for sale or not, keeping the rest.

    testEditForSaleConfig: on an event with no config, marking A-1 and A-2 not for sale gives
    ``{forSale: false, objects: [A-1, A-2]}``; marking A-1 for sale again takes it off that list."""
    result = config or ForSaleConfig(False)
    result = ForSaleConfig(
        result.for_sale, list(result.objects), dict(result.area_places), list(result.categories)
    )
    add, remove = (for_sale, not_for_sale) if result.for_sale else (not_for_sale, for_sale)
    for label, quantity in add:
        if quantity is not None:
            result.area_places[label] = result.area_places.get(label, 0) + quantity
        elif label not in result.objects:
            result.objects.append(label)
    for label, quantity in remove:
        if quantity is not None and label in result.area_places:
            left = result.area_places[label] - quantity
            if left > 0:
                result.area_places[label] = left
            else:
                del result.area_places[label]
        elif label in result.objects:
            result.objects.remove(label)
    return result
