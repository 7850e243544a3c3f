"""Chart thumbnails: a PNG of the drawing (its seats in their categories' colours, tables, GA areas),
the same picture in SVG for a client that asks for it, of the published or the draft version."""

from __future__ import annotations

import struct
import zlib

from tests.seatsio.conftest import Api

FRONT, BACK, STANDING = (0x11, 0x11, 0x11), (0x22, 0x22, 0x22), (0x33, 0x33, 0x33)  # small_theatre's


def pixels(data: bytes) -> tuple[int, int, list[tuple[int, int, int]]]:
    """(width, height, RGB pixels) of an 8-bit RGB PNG with unfiltered rows, as the emulator writes it."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = {}, 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        body = data[at + 8 : at + 8 + length]
        assert struct.unpack(">I", data[at + 8 + length : at + 12 + length])[0] == zlib.crc32(kind + body)
        chunks[kind] = body
        at += 12 + length
    width, height, depth, colour_type = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert (depth, colour_type) == (8, 2)
    raw = zlib.decompress(chunks[b"IDAT"])
    found = []
    for row in range(height):
        line = raw[row * (3 * width + 1) : (row + 1) * (3 * width + 1)]
        assert line[0] == 0
        found += [tuple(line[1 + 3 * x : 4 + 3 * x]) for x in range(width)]
    return width, height, found  # type: ignore[return-value]


def test_the_thumbnail_is_a_png_of_the_drawing(api: Api, theatre: str) -> None:
    answer = api.get(f"/charts/{theatre}/version/published/thumbnail")
    assert answer.status_code == 200
    assert answer.mimetype == "image/png"
    width, height, found = pixels(answer.data)
    assert max(width, height) == 400
    colours = set(found)
    assert {FRONT, BACK, STANDING} <= colours  # rows A-B, rows C-D, the GA area
    # Front seats (rows A and B) are as many as back ones (C and D): about as much ink each.
    assert 0.8 < found.count(FRONT) / found.count(BACK) < 1.25


def test_an_svg_is_drawn_for_whoever_asks_for_one(api: Api, theatre: str) -> None:
    answer = api.get(f"/charts/{theatre}/version/published/thumbnail", headers={"Accept": "image/svg+xml"})
    assert answer.mimetype == "image/svg+xml"
    text = answer.get_data(as_text=True)
    assert text.startswith("<svg")
    seats_and_tables = text.count("<ellipse")
    assert seats_and_tables == 32 + 8 + 2 + 1  # rows, table seats, tables, the GA area
    assert 'fill="#111111"' in text


def test_an_empty_chart_is_a_white_picture(api: Api) -> None:
    key = api.post("/charts", json={"name": "Empty"}).get_json()["key"]
    _, _, found = pixels(api.get(f"/charts/{key}/version/published/thumbnail").data)
    assert set(found) == {(255, 255, 255)}


def test_the_draft_has_its_own_thumbnail(api: Api, theatre: str) -> None:
    assert api.get(f"/charts/{theatre}/version/draft/thumbnail").status_code == 400  # no draft yet
    api.post("/events", json={"chartKey": theatre})
    api.post(f"/charts/{theatre}/categories/1", json={"color": "#abcdef"})
    _, _, draft = pixels(api.get(f"/charts/{theatre}/version/draft/thumbnail").data)
    _, _, published = pixels(api.get(f"/charts/{theatre}/version/published/thumbnail").data)
    assert (0xAB, 0xCD, 0xEF) in set(draft)
    assert (0xAB, 0xCD, 0xEF) not in set(published)
