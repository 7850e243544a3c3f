"""The neutral document a handler returns: records and collections with no output format yet."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

Scalar: TypeAlias = str | int | float | bool | None


@dataclass(frozen=True, slots=True)
class PerFormat:
    """A value that reads differently per format (SuperSaaS's XML says ``W`` where JSON says true)."""

    json: Scalar
    xml: Scalar


@dataclass(slots=True)  # not frozen: a frozen dataclass sets each field the slow way, and answers make many
class Record:
    """One object: ordered fields; ``xml_attributes`` names the fields XML shows as attributes.
    Never changed once made (a handler builds it, a renderer reads it)."""

    name: str
    fields: tuple[tuple[str, Value], ...]
    xml_attributes: frozenset[str] = frozenset()  # immutable: one shared default will do

    def as_dict(self) -> dict[str, Value]:
        return dict(self.fields)


@dataclass(frozen=True, slots=True)
class Collection:
    """A list of records. At the top of a JSON answer it is a bare array unless ``wrap_json``,
    which gives ``{name: [...]}``; XML always wraps (``<bookings><booking/>...</bookings>``)."""

    name: str
    items: tuple[Record, ...]
    wrap_json: bool = False


@dataclass(frozen=True, slots=True)
class Values:
    """A list of plain values: a JSON array of scalars; in XML ``<name><item>v</item>...</name>``."""

    item_name: str
    items: tuple[Scalar, ...]


Value: TypeAlias = Scalar | PerFormat | Record | Collection | Values
Document: TypeAlias = Record | Collection


def record(kind: str, xml_attributes: frozenset[str] = frozenset(), /, **fields: Value) -> Record:
    """Build a record named ``kind`` from keyword fields, keeping their order."""
    return Record(kind, tuple(fields.items()), xml_attributes)
