"""Event channels: objects (and places in GA areas) set apart for one sales channel each."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from fakesaas.seatsio.domain.configs import Channel
from fakesaas.seatsio.domain.errors import ChannelNotFound, InvalidRequest
from fakesaas.seatsio.domain.events import Event
from fakesaas.seatsio.domain.keys import KeyMaker


@dataclass(frozen=True, slots=True)
class ChannelSpec:
    key: str
    name: str
    color: str
    index: int | None = None
    objects: list[str] = field(default_factory=list)
    area_places: dict[str, int] = field(default_factory=dict)


def build_channels(keys: KeyMaker, specs: Sequence[ChannelSpec]) -> list[Channel]:
    seen: set[str] = set()
    channels = []
    for spec in specs:
        if spec.key in seen:
            raise InvalidRequest(f"Channel key {spec.key} is used twice")
        seen.add(spec.key)
        channels.append(
            Channel(
                keys.uuid(),
                spec.key,
                spec.name,
                spec.color,
                spec.index,
                list(spec.objects),
                dict(spec.area_places),
            )
        )
    # An object belongs to one channel at most: a later channel takes it from an earlier one.
    for index, channel in enumerate(channels):
        for other in channels[:index]:
            other.objects = [label for label in other.objects if label not in channel.objects]
    return channels


def add_channels(keys: KeyMaker, event: Event, specs: Sequence[ChannelSpec]) -> None:
    for spec in specs:
        if event.channel(spec.key) is not None:
            raise InvalidRequest(f"Channel key {spec.key} already exists in event {event.key}")
    for channel in build_channels(keys, specs):
        _take(event, channel, channel.objects)
        event.channels.append(channel)
    event.reconfigured()


def replace_channels(keys: KeyMaker, event: Event, specs: Sequence[ChannelSpec]) -> None:
    event.channels = build_channels(keys, specs)
    event.reconfigured()


def remove_channel(event: Event, key: str) -> None:
    event.channels.remove(_channel(event, key))
    event.reconfigured()


def update_channel(
    event: Event,
    key: str,
    name: str | None,
    color: str | None,
    objects: list[str] | None,
    area_places: dict[str, int] | None,
) -> None:
    channel = _channel(event, key)
    if name is not None:
        channel.name = name
    if color is not None:
        channel.color = color
    if objects is not None:
        _take(event, channel, objects)
        channel.objects = list(dict.fromkeys(objects))
    if area_places is not None:
        channel.area_places = dict(area_places)
    event.reconfigured()


def add_objects(event: Event, key: str, objects: list[str], area_places: dict[str, int]) -> None:
    """testAddObjectsToChannel: objects move here from any other channel; places add up."""
    channel = _channel(event, key)
    _take(event, channel, objects)
    channel.objects.extend(label for label in objects if label not in channel.objects)
    for label, places in area_places.items():
        channel.area_places[label] = channel.area_places.get(label, 0) + places
    event.reconfigured()


def remove_objects(event: Event, key: str, objects: list[str], area_places: dict[str, int]) -> None:
    channel = _channel(event, key)
    channel.objects = [label for label in channel.objects if label not in objects]
    for label, places in area_places.items():
        left = channel.area_places.get(label, 0) - places
        if left > 0:
            channel.area_places[label] = left
        else:
            channel.area_places.pop(label, None)
    event.reconfigured()


def _take(event: Event, channel: Channel, objects: list[str]) -> None:
    wanted = set(objects)
    for other in event.channels:
        if other is not channel:
            other.objects = [label for label in other.objects if label not in wanted]


def _channel(event: Event, key: str) -> Channel:
    found = event.channel(key)
    if found is None:
        raise ChannelNotFound(f"Channel not found: {key} in event {event.key}")
    return found
