"""The method table: each JSON-RPC method, the service (endpoint) that answers it, its params,
result schema and documented errors, and the handler that runs it."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any

from fakesaas.simplybook.domain.companies import Company, Simplybook
from fakesaas.simplybook.domain.errors import Failure
from fakesaas.simplybook.rpc.params import Param


class Endpoint(Enum):
    """The three services, each at its own URL under /simplybook."""

    LOGIN = "login"
    PUBLIC = "public"
    ADMIN = "admin"

    @property
    def path(self) -> str:
        return {"login": "/login", "public": "/", "admin": "/admin"}[self.value]

    @property
    def title(self) -> str:
        return {
            "login": "Login service",
            "public": "Company public service",
            "admin": "Company administration service",
        }[self.value]


@dataclass(slots=True)
class Call:
    """What a handler gets: the state, the company the call speaks for (None on the login
    service), the admin user, the world's now, and where the emulator is reached."""

    state: Simplybook
    endpoint: Endpoint
    now: datetime
    base_url: str
    company_: Company | None = None
    user_id: int | None = None

    @property
    def company(self) -> Company:
        assert self.company_ is not None, "the login service has no company"
        return self.company_

    @property
    def admin(self) -> bool:
        return self.endpoint is Endpoint.ADMIN


Handler = Callable[..., Any]


@dataclass(frozen=True, slots=True)
class Method:
    """One method as the contract describes it and the adapter runs it."""

    name: str
    endpoints: frozenset[Endpoint]
    params: tuple[Param, ...]
    handler: Handler
    result: Mapping[str, Any]  # JSON schema of the result
    summary: str
    errors: tuple[Failure, ...] = ()
    description: str = ""
    result_name: str = "result"
    examples: tuple[Mapping[str, Any], ...] = field(default_factory=tuple)


def method(
    name: str,
    endpoints: Endpoint | tuple[Endpoint, ...],
    params: tuple[Param, ...],
    handler: Handler,
    result: Mapping[str, Any],
    summary: str,
    errors: tuple[Failure, ...] = (),
    description: str = "",
    result_name: str = "result",
    examples: tuple[Mapping[str, Any], ...] = (),
) -> Method:
    chosen = frozenset(endpoints if isinstance(endpoints, tuple) else (endpoints,))
    return Method(name, chosen, params, handler, result, summary, errors, description, result_name, examples)


class MethodTable:
    """Methods per endpoint, by name; built once per service object, never changed."""

    def __init__(self, methods: list[Method]) -> None:
        self._by_endpoint: dict[Endpoint, dict[str, Method]] = {endpoint: {} for endpoint in Endpoint}
        for item in methods:
            for endpoint in item.endpoints:
                if item.name in self._by_endpoint[endpoint]:
                    raise ValueError(f"{item.name} is defined twice on the {endpoint.value} service")
                self._by_endpoint[endpoint][item.name] = item

    def find(self, endpoint: Endpoint, name: str) -> Method | None:
        return self._by_endpoint[endpoint].get(name)

    def of(self, endpoint: Endpoint) -> list[Method]:
        return list(self._by_endpoint[endpoint].values())

    def __iter__(self) -> Iterator[Method]:
        seen: set[int] = set()
        for methods in self._by_endpoint.values():
            for item in methods.values():
                if id(item) not in seen:
                    seen.add(id(item))
                    yield item
