"""Fixtures for the pure domain: the demo account on a manual clock, and contexts to act in it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from fakesaas.core.clock import ManualClock
from fakesaas.supersaas.domain.accounts import Account, SuperSaas
from fakesaas.supersaas.domain.actors import ADMIN, Actor
from fakesaas.supersaas.domain.context import Context
from fakesaas.supersaas.domain.demo import demo_document
from fakesaas.supersaas.domain.seed import load_seed
from tests.support import ACCOUNT, T0


@pytest.fixture
def backend(clock: ManualClock) -> SuperSaas:
    state = SuperSaas(clock)
    load_seed(state, demo_document(T0))
    return state


@pytest.fixture
def account(backend: SuperSaas) -> Account:
    found = backend.account(ACCOUNT)
    assert found is not None
    return found


@pytest.fixture
def ctx(backend: SuperSaas, account: Account) -> Context:
    """The demo account's administrator."""
    return Context(backend, account, ADMIN)


@pytest.fixture
def as_user(backend: SuperSaas, account: Account) -> Callable[[str], Context]:
    """A context whose checksum vouches for the given user name (or id, or foreign key)."""

    def make(claim: str) -> Context:
        return Context(backend, account, Actor(user_claim=claim))

    return make
