"""Settings from FAKESAAS_* variables and flags: every variable read, none misspelt, none mistyped."""

from __future__ import annotations

import pytest

from fakesaas.settings import OTHER_VARIABLES, Settings, SettingsError


def test_each_setting_has_its_variable_and_flags_win() -> None:
    environ = {"FAKESAAS_PORT": "9000", "FAKESAAS_CONTROL": "off", "FAKESAAS_SAVE_EVERY": "2.5"}
    settings = Settings.from_env(environ, host="0.0.0.0", port=None)
    assert (settings.port, settings.control, settings.save_every, settings.host) == (
        9000,
        False,
        2.5,
        "0.0.0.0",
    )
    assert Settings.from_env({"FAKESAAS_PORT": "9000"}, port=9100).port == 9100
    assert len(Settings.variables()) == len(set(Settings.variables()))


def test_an_empty_variable_counts_as_unset() -> None:
    assert Settings.from_env({"FAKESAAS_PORT": ""}).port == Settings().port


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"FAKESAAS_PROT": "1"}, "unknown environment variable FAKESAAS_PROT"),
        ({"FAKESAAS_PORT": "eighty"}, "FAKESAAS_PORT='eighty' is not a whole number"),
        ({"FAKESAAS_PORT": "8e3"}, "FAKESAAS_PORT='8e3' is not a whole number"),
        ({"FAKESAAS_MAX_BODY_BYTES": "9" * 5000}, "FAKESAAS_MAX_BODY_BYTES="),
        ({"FAKESAAS_SAVE_EVERY": "inf"}, "FAKESAAS_SAVE_EVERY='inf' is not a number"),
        ({"FAKESAAS_CONTROL": "2"}, "FAKESAAS_CONTROL='2' is not one of"),
    ],
)
def test_a_bad_variable_is_refused_naming_it(environ: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message[:30].replace("(", r"\(")):
        Settings.from_env(environ)


def test_the_contract_suites_variables_are_left_alone() -> None:
    environ = dict.fromkeys(OTHER_VARIABLES, "x")
    assert Settings.from_env(environ) == Settings()
    assert {"FAKESAAS_BASE_URL", "FAKESAAS_API_KEY"} <= OTHER_VARIABLES
