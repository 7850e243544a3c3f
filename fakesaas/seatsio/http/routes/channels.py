"""Routes for /events/{key}/channels: add, update, remove, replace and assign objects."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response

from fakesaas.seatsio.domain import channels as domain_channels
from fakesaas.seatsio.domain import programme
from fakesaas.seatsio.http import body, context
from fakesaas.seatsio.http.requests import (
    CHANNEL_OBJECTS,
    CHANNEL_REPLACE,
    CHANNEL_UPDATE,
    CHANNELS,
    channel_specs,
)
from fakesaas.seatsio.http.responses import no_content
from fakesaas.seatsio.http.schema import validate


def register(blueprint: Blueprint) -> None:
    @blueprint.route("/events/<path:key>/channels", methods=["POST"])
    def channels_add(key: str) -> Response:
        """One channel, or a list of them (the SDK's add and add_multiple)."""
        data: Any = body.read()
        validate(data, CHANNELS)
        items = data if isinstance(data, list) else [data]
        specs = channel_specs(items) or []
        with context.domain() as scope:
            domain_channels.add_channels(scope.state.keys, programme.event(scope, key), specs)
        return no_content()

    @blueprint.route("/events/<path:key>/channels/replace", methods=["POST"])
    def channels_replace(key: str) -> Response:
        data = body.read_object(CHANNEL_REPLACE)
        specs = channel_specs(data.get("channels")) or []
        with context.domain() as scope:
            domain_channels.replace_channels(scope.state.keys, programme.event(scope, key), specs)
        return no_content()

    @blueprint.route("/events/<path:key>/channels/<path:channel>", methods=["POST"])
    def channels_update(key: str, channel: str) -> Response:
        data = body.read_object(CHANNEL_UPDATE)
        with context.domain() as scope:
            domain_channels.update_channel(
                programme.event(scope, key),
                channel,
                data.get("name"),
                data.get("color"),
                data.get("objects"),
                data.get("areaPlaces"),
            )
        return no_content()

    @blueprint.route("/events/<path:key>/channels/<path:channel>", methods=["DELETE"])
    def channels_remove(key: str, channel: str) -> Response:
        with context.domain() as scope:
            domain_channels.remove_channel(programme.event(scope, key), channel)
        return no_content()

    @blueprint.route("/events/<path:key>/channels/<path:channel>/objects", methods=["POST"])
    def channels_add_objects(key: str, channel: str) -> Response:
        data = body.read_object(CHANNEL_OBJECTS)
        with context.domain() as scope:
            domain_channels.add_objects(
                programme.event(scope, key), channel, data.get("objects") or [], data.get("areaPlaces") or {}
            )
        return no_content()

    @blueprint.route("/events/<path:key>/channels/<path:channel>/objects", methods=["DELETE"])
    def channels_remove_objects(key: str, channel: str) -> Response:
        data = body.read_object(CHANNEL_OBJECTS)
        with context.domain() as scope:
            domain_channels.remove_objects(
                programme.event(scope, key), channel, data.get("objects") or [], data.get("areaPlaces") or {}
            )
        return no_content()
