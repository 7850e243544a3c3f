"""A seat map's shapes as SVG markup. Written here rather than in a template: a section of thousands of
seats is thousands of elements, and a template macro per shape costs some fifty times as much."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup, escape

from fakesaas.core.panels import Link
from fakesaas.core.seatmap import SeatMap, Shape


def shapes_svg(seat_map: SeatMap, picked: str, href: Callable[[Link], str]) -> Markup:
    """Every shape of ``seat_map``: coloured by the class of its status's place in the legend (``sx``
    when the legend lacks it), ``sel`` on the one ``picked``, a link around those that lead on."""
    places = {status.key: str(index) for index, status in enumerate(seat_map.statuses)}
    parts: list[str] = []
    add = parts.append
    for shape in seat_map.shapes:
        if shape.link is not None:
            add(f'<a href="{escape(href(shape.link))}" class="obj-link">')
        geometry = shape.geometry
        if geometry != "text":
            label = escape(shape.label)
            selected = " sel" if picked and shape.label == picked else ""
            classes = f"obj k-{shape.kind.value} s{places.get(shape.status, 'x')}{selected}"
            title = f"<title>{label}: {escape(shape.status)}</title>"
            add(f'<{_element(shape, geometry)} class="{classes}" data-id="{label}">{title}</{geometry}>')
        if shape.text:
            where = f'x="{_n(shape.x)}" y="{_n(shape.y)}"'
            add(f'<text class="t-{shape.kind.value}" {where}>{escape(shape.text)}</text>')
        if shape.link is not None:
            add("</a>")
    return Markup("".join(parts))


def _element(shape: Shape, geometry: str) -> str:
    if geometry == "circle":
        return f'circle cx="{_n(shape.x)}" cy="{_n(shape.y)}" r="{_n(shape.radius)}"'
    if geometry == "rect":
        x, y = shape.x - shape.width / 2, shape.y - shape.height / 2
        return f'rect x="{_n(x)}" y="{_n(y)}" width="{_n(shape.width)}" height="{_n(shape.height)}" rx="3"'
    points = " ".join(f"{_n(x)},{_n(y)}" for x, y in shape.points)
    return f'polygon points="{points}"'


def _n(value: float) -> str:
    """A coordinate as short as it reads: ``12``, ``12.5``, ``12.333``."""
    return f"{value:.3f}".rstrip("0").rstrip(".") if value % 1 else str(int(value))
