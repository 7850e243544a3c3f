"""Which hosts outgoing webhooks may reach (``--webhook-targets``).

- ``any``: every host (the default on a loopback-bound emulator, for CI receivers on 127.0.0.1);
- ``public``: only addresses on the public internet, never loopback, private, link-local (cloud
  metadata at 169.254.169.254) or unspecified ones, checked on every address a name resolves to
  (the default when the emulator is served on another address);
- ``none``: no webhook leaves;
- otherwise a comma-separated list of ``host`` or ``host:port`` patterns (``*`` matches any run
  of characters): ``127.0.0.1:9000,hooks.example.com,*.ngrok.app``.
"""

from __future__ import annotations

import fnmatch
import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from urllib.parse import urlsplit

Resolver = Callable[[str], list[str]]


class TargetsError(ValueError):
    """A ``--webhook-targets`` value that cannot be read; the message names the part at fault."""


class TargetMode(Enum):
    ANY = "any"
    PUBLIC = "public"
    NONE = "none"
    LIST = "list"


def _resolve(host: str) -> list[str]:
    try:
        return sorted({str(info[4][0]) for info in socket.getaddrinfo(host, None)})
    except (OSError, UnicodeError):
        return []


@dataclass(frozen=True, slots=True)
class TargetPolicy:
    mode: TargetMode = TargetMode.ANY
    patterns: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str) -> TargetPolicy:
        value = text.strip()
        for mode in (TargetMode.ANY, TargetMode.PUBLIC, TargetMode.NONE):
            if value.lower() == mode.value:
                return cls(mode)
        patterns = tuple(part.strip().lower() for part in value.split(",") if part.strip())
        if not patterns:
            raise TargetsError("webhook targets: give any, public, none, or host[:port] patterns")
        for pattern in patterns:
            if "/" in pattern or " " in pattern:
                raise TargetsError(f"webhook targets: {pattern!r} is not a host or host:port pattern")
        return cls(TargetMode.LIST, patterns)

    def describe(self) -> str:
        return ",".join(self.patterns) if self.mode is TargetMode.LIST else self.mode.value

    def refusal(self, url: str, resolve: Resolver = _resolve) -> str | None:
        """Why a delivery to ``url`` may not be made, or None when it may."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if parts.scheme not in ("http", "https") or not host:
            return "not an http(s) URL"
        if self.mode is TargetMode.ANY:
            return None
        if self.mode is TargetMode.NONE:
            return "webhooks are off (--webhook-targets none)"
        if self.mode is TargetMode.LIST:
            try:
                port = parts.port or (443 if parts.scheme == "https" else 80)
            except ValueError:
                return "not a valid port"
            if any(
                fnmatch.fnmatchcase(host, p) or fnmatch.fnmatchcase(f"{host}:{port}", p)
                for p in self.patterns
            ):
                return None
            return f"{host}:{port} is not in --webhook-targets ({self.describe()})"
        addresses = [host] if _is_address(host) else resolve(host)
        if not addresses:
            return f"{host} does not resolve"
        for address in addresses:
            if not ipaddress.ip_address(address.split("%")[0]).is_global:
                return f"{host} is not a public address ({address}); --webhook-targets is public"
        return None


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def is_loopback(host: str) -> bool:
    """Whether serving on ``host`` keeps the emulator to this machine."""
    if host in ("localhost", ""):
        return host == "localhost"
    if host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
