"""The login service: tokens for the public and admin services, and the API's URL."""

from __future__ import annotations

from fakesaas.simplybook.domain.access import get_token, get_user_token
from fakesaas.simplybook.domain.errors import Failure, fail
from fakesaas.simplybook.rpc.params import Kind, Param
from fakesaas.simplybook.rpc.registry import Call, Endpoint, Method, method

COMPANY = Param("companyLogin", Kind.STRING, description="the company's login")
TOKEN = {"type": "string", "pattern": "^[0-9a-f]{64}$"}


def _get_token(call: Call, company: str, api_key: str) -> str:
    return get_token(call.state, company, api_key).value


def _get_user_token(call: Call, company: str, login: str, password: str) -> str:
    return get_user_token(call.state, company, login, password).value


def _get_service_url(call: Call, company: str) -> str:
    if call.state.company(company) is None:
        raise fail(Failure.LOGIN_COMPANY_NOT_FOUND, f"no company {company!r}", "companyLogin")
    # Every company is served here; the real service answers with its regional host.
    return f"{call.base_url}/simplybook"


def methods() -> list[Method]:
    return [
        method(
            "getToken",
            Endpoint.LOGIN,
            (COMPANY, Param("apiKey", Kind.STRING, description="the company's API key")),
            _get_token,
            TOKEN,
            "A token for the public service (X-Token), valid for one hour.",
            (
                Failure.LOGIN_COMPANY_NOT_FOUND,
                Failure.LOGIN_WRONG_API_KEY,
                Failure.LOGIN_HIPAA,
                Failure.PLUGIN_NOT_ACTIVATED,
                Failure.INVALID_PARAMS,
            ),
            result_name="token",
        ),
        method(
            "getUserToken",
            Endpoint.LOGIN,
            (
                COMPANY,
                Param("userLogin", Kind.STRING, description="an admin user's login"),
                Param("userPassword", Kind.STRING, description="the user's password"),
            ),
            _get_user_token,
            TOKEN,
            "A token for the admin service (X-User-Token), valid for one hour.",
            (
                Failure.LOGIN_COMPANY_NOT_FOUND,
                Failure.LOGIN_USER_NOT_FOUND,
                Failure.LOGIN_USER_BLOCKED,
                Failure.PLUGIN_NOT_ACTIVATED,
                Failure.INVALID_PARAMS,
            ),
            result_name="token",
        ),
        method(
            "getServiceUrl",
            Endpoint.LOGIN,
            (COMPANY,),
            _get_service_url,
            {"type": "string"},
            "The base URL of the API for the company.",
            (Failure.LOGIN_COMPANY_NOT_FOUND, Failure.INVALID_PARAMS),
            result_name="url",
        ),
    ]
