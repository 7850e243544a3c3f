"""Command-line options of the contract suites (pytest reads options only from a conftest.py in a
folder named on the command line, so every service's options are declared here).

Run them as ``python -m pytest contracts [options]`` (every service) or ``python -m pytest
contracts/supersaas [options]`` / ``contracts/seatsio`` (one) from the repository root.
"""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("contracts", "SuperSaaS contract suite (contracts/supersaas/)")
    group.addoption(
        "--base-url", help="target, e.g. https://www.supersaas.com [FAKESAAS_BASE_URL, SSS_API_HOST]"
    )
    group.addoption("--account", help="account name [FAKESAAS_ACCOUNT, SSS_API_ACCOUNT_NAME]")
    group.addoption("--api-key", help="API key [FAKESAAS_API_KEY, SSS_API_KEY]")
    group.addoption(
        "--schedule-resource",
        help="name of a resource schedule with two resources [FAKESAAS_SCHEDULE_RESOURCE]",
    )
    group.addoption(
        "--schedule-capacity", help="comma-separated names of capacity schedules [FAKESAAS_SCHEDULE_CAPACITY]"
    )
    group.addoption(
        "--allow-writes",
        action="store_true",
        help="let tests marked destructive create and delete users and bookings on a non-local target",
    )
    group.addoption("--record", metavar="DIR", help="store normalised answers of this run in DIR")
    group.addoption("--compare", metavar="DIR", help="compare this run's answers with those recorded in DIR")
    # SimplyBook (contracts/simplybook/): --base-url is the API root (https://user-api.simplybook.me,
    # or an emulator's http://127.0.0.1:PORT/simplybook), --api-key the company's API key, and
    # --allow-writes lets tests book (and cancel) there too.
    simplybook = parser.getgroup("contracts-simplybook", "SimplyBook contract suite (contracts/simplybook/)")
    simplybook.addoption("--company", help="company login [SIMPLYBOOK_COMPANY]; needs --base-url, --api-key")
    # Shared with Seats.io (run one service's folder at a time): there, the company admin or workspace
    # secret key.
    simplybook.addoption(
        "--secret-key",
        help="SimplyBook: API secret key, for signed calls [SIMPLYBOOK_SECRET_KEY]; Seats.io: the secret key"
        " [FAKESAAS_SEATSIO_SECRET_KEY]",
    )
    simplybook.addoption("--user-login", help="an admin user's login [SIMPLYBOOK_USER]")
    simplybook.addoption("--user-password", help="that user's password [SIMPLYBOOK_PASSWORD]")

    # Seats.io (contracts/seatsio/): --base-url (e.g. https://api-eu.seatsio.net), --secret-key (above),
    # --allow-writes, and the chart to book on.
    seatsio = parser.getgroup("contracts-seatsio", "Seats.io contract suite (contracts/seatsio/)")
    seatsio.addoption(
        "--chart-key",
        help="key of a chart with a row of at least 8 seats to book on [FAKESAAS_SEATSIO_CHART_KEY]",
    )
