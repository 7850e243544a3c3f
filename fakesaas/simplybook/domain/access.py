"""The login service and the token check of the public and admin services."""

from __future__ import annotations

from fakesaas.simplybook.domain.companies import AdminUser, Company, Simplybook
from fakesaas.simplybook.domain.errors import Failure, fail
from fakesaas.simplybook.domain.settings import Plugin
from fakesaas.simplybook.domain.tokens import Token, TokenKind
from fakesaas.simplybook.domain.values import same_secret


def get_token(state: Simplybook, company_login: object, api_key: object) -> Token:
    """``getToken``: a public-service token for the company's API key."""
    company = _login_company(state, company_login)
    if not same_secret(api_key, company.api_key):
        raise fail(Failure.LOGIN_WRONG_API_KEY, "the API key is wrong", "apiKey")
    company.settings.require(Plugin.API)
    if company.settings.active(Plugin.HIPAA):
        raise fail(
            Failure.LOGIN_HIPAA, "the public API is closed while the HIPAA plugin is on", "companyLogin"
        )
    return state.issue(company, TokenKind.PUBLIC)


def get_user_token(state: Simplybook, company_login: object, login: object, password: object) -> Token:
    """``getUserToken``: an admin-service token for one of the company's users."""
    company = _login_company(state, company_login)
    user = _user(company, login)
    if user is None or not same_secret(password, user.password):
        raise fail(Failure.LOGIN_USER_NOT_FOUND, "no user with this login and password", "userLogin")
    if user.blocked:
        raise fail(Failure.LOGIN_USER_BLOCKED, f"user {user.login} is blocked", "userLogin")
    company.settings.require(Plugin.API)
    return state.issue(company, TokenKind.ADMIN, user.id)


def _login_company(state: Simplybook, login: object) -> Company:
    company = state.company(login)
    if company is None:
        raise fail(Failure.LOGIN_COMPANY_NOT_FOUND, f"no company {login!r}", "companyLogin")
    return company


def _user(company: Company, login: object) -> AdminUser | None:
    if not isinstance(login, str):
        return None
    wanted = login.casefold()
    return next((u for u in company.users.values() if u.login.casefold() == wanted), None)


def authorize(
    state: Simplybook, company_login: object, token: object, kind: TokenKind
) -> tuple[Company, Token]:
    """The company a public or admin call speaks for, if its token is live: -32600 "Company does
    not exists" for an unknown company, -32600 "Access denied" for a missing, wrong or expired
    token (or a user blocked since)."""
    company = state.company(company_login)
    if company is None:
        raise fail(Failure.COMPANY_NOT_FOUND, f"no company {company_login!r}", "X-Company-Login")
    found = state.token(token, company, kind)
    if found is None:
        raise fail(
            Failure.ACCESS_DENIED, "the token is missing, wrong or expired (tokens last one hour)", "token"
        )
    if kind is TokenKind.ADMIN:
        user = company.users.get(found.user_id) if found.user_id is not None else None
        if user is None or user.blocked:
            raise fail(Failure.ACCESS_DENIED, "the token's user is blocked or gone", "token")
    return company, found
