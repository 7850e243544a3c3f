"""Catalogue and company reads, on the public and the admin service."""

from __future__ import annotations

from typing import Any

from fakesaas.simplybook import present
from fakesaas.simplybook.domain.errors import Failure, fail
from fakesaas.simplybook.domain.settings import PARAM_NAMES, Plugin, plugin_named
from fakesaas.simplybook.rpc.methods.common import ACCESS, EVENT_ID
from fakesaas.simplybook.rpc.params import Kind, Param
from fakesaas.simplybook.rpc.registry import Call, Endpoint, Method, method
from fakesaas.simplybook.rpc.schemas import ref

BOTH = (Endpoint.PUBLIC, Endpoint.ADMIN)
VISIBLE_ONLY = Param("isVisibleOnly", Kind.BOOL, required=False, description="only what clients may see")
AS_ARRAY = Param(
    "asArray", Kind.BOOL, required=False, description="an array instead of an object keyed by id"
)
HANDLE_CLASSES = Param("handleClasses", Kind.BOOL, required=False, description="accepted, no effect")
SEARCH = Param("searchString", Kind.STRING, required=False, description="only names containing this")
IS_PUBLIC = Param("isPublic", Kind.BOOL, required=False, description="only public ones")


def _matches(name: str, search: str | None) -> bool:
    return not search or search.casefold() in name.casefold()


def _events(
    call: Call, visible_only: bool | None, as_array: bool | None, _: Any = None, search: str | None = None
) -> Any:
    catalog = call.company.catalog
    # Clients never see inactive or private services on the public service.
    public = visible_only or not call.admin
    chosen = [
        e
        for e in sorted(catalog.events.values(), key=lambda e: (e.position, e.id))
        if (not public or (e.is_public and e.is_active)) and _matches(e.name, search)
    ]
    return present.keyed((present.event(e) for e in chosen), bool(as_array))


def _units(
    call: Call, visible_only: bool | None, as_array: bool | None, _: Any = None, search: str | None = None
) -> Any:
    catalog = call.company.catalog
    public = visible_only or not call.admin
    chosen = [
        u
        for u in sorted(catalog.units.values(), key=lambda u: (u.position, u.id))
        if (not public or (u.is_visible and u.is_active)) and _matches(u.name, search)
    ]
    return present.keyed((present.unit(u) for u in chosen), bool(as_array))


def _categories(call: Call, is_public: bool | None) -> Any:
    company = call.company
    company.settings.require(Plugin.EVENT_CATEGORY)
    chosen = [
        c
        for c in sorted(company.catalog.categories.values(), key=lambda c: (c.position, c.id))
        if not (is_public or not call.admin) or c.is_public
    ]
    return present.keyed((present.category(c, company.catalog.events_of(c.id)) for c in chosen), False)


def _locations(call: Call, is_public: bool | None, as_array: bool | None) -> Any:
    company = call.company
    company.settings.require(Plugin.LOCATION)
    chosen = [
        loc
        for loc in sorted(company.catalog.locations.values(), key=lambda loc: (loc.position, loc.id))
        if not (is_public or not call.admin) or loc.is_public
    ]
    return present.keyed((present.location(loc) for loc in chosen), bool(as_array))


def _company_info(call: Call) -> Any:
    return present.company_info(call.company, call.now)


def _company_param(call: Call, key: str) -> str:
    if key not in PARAM_NAMES:
        # research §2.3: an unknown key is -32602.
        raise fail(Failure.INVALID_PARAMS, f"unknown company param {key!r}", "key")
    return call.company.settings.params[key]


def _company_params(call: Call, keys: list[Any]) -> dict[str, str]:
    return {str(key): _company_param(call, key if isinstance(key, str) else str(key)) for key in keys}


def _timeframe(call: Call) -> int:
    return call.company.settings.timeframe


def _plugin_activated(call: Call, name: str) -> bool:
    plugin = plugin_named(name)
    return plugin is not None and call.company.settings.active(plugin)


def _plugin_statuses(call: Call) -> dict[str, bool]:
    settings = call.company.settings
    return {plugin.value: settings.active(plugin) for plugin in Plugin}


def _additional_fields(call: Call, event_id: int) -> list[Any]:
    company = call.company
    company.settings.require(Plugin.EVENT_FIELD)
    if event_id not in company.catalog.events:
        raise fail(Failure.EVENT_NOT_AVAILABLE, f"no service {event_id}", "eventId")
    return [present.additional_field(f) for f in company.catalog.fields_of(event_id)]


def _license(call: Call) -> str:
    company = call.company
    company.settings.require(Plugin.USER_LICENSE)
    return company.info.user_license_text


def _captcha(call: Call) -> dict[str, Any]:
    # Not in seed 003: the public booking demo asks for it first; no provider = no captcha.
    return {"provider": None}


def methods() -> list[Method]:
    listing = (VISIBLE_ONLY, AS_ARRAY, HANDLE_CLASSES, SEARCH)
    return [
        method("getEventList", BOTH, listing, _events, ref("EventList"), "Services, keyed by id.", ACCESS),
        method("getUnitList", BOTH, listing, _units, ref("UnitList"), "Providers, keyed by id.", ACCESS),
        method(
            "getCategoriesList",
            BOTH,
            (IS_PUBLIC,),
            _categories,
            ref("CategoryList"),
            "Service categories, keyed by id (Service categories plugin).",
            (*ACCESS, Failure.PLUGIN_NOT_ACTIVATED),
        ),
        method(
            "getLocationsList",
            BOTH,
            (IS_PUBLIC, AS_ARRAY),
            _locations,
            ref("LocationList"),
            "Locations, keyed by id (Unit location plugin).",
            (*ACCESS, Failure.PLUGIN_NOT_ACTIVATED),
        ),
        method(
            "getCompanyInfo", BOTH, (), _company_info, ref("CompanyInfo"), "The company's details.", ACCESS
        ),
        method(
            "getCompanyParam",
            BOTH,
            (Param("key", Kind.STRING, description="a company param name"),),
            _company_param,
            {"type": "string"},
            "One company param, as a string.",
            ACCESS,
            result_name="value",
        ),
        method(
            "getCompanyParams",
            BOTH,
            (Param("keys", Kind.ARRAY, description="company param names"),),
            _company_params,
            {"type": "object", "additionalProperties": {"type": "string"}},
            "Several company params, by name.",
            (*ACCESS, Failure.PARAMS_NOT_ARRAY),
            result_name="values",
        ),
        method(
            "getTimeframe",
            BOTH,
            (),
            _timeframe,
            {"enum": [5, 10, 15, 20, 30, 60]},
            "Minutes of the start-time grid.",
            ACCESS,
            result_name="minutes",
        ),
        method(
            "isPluginActivated",
            BOTH,
            (Param("pluginName", Kind.STRING, description="a plugin id"),),
            _plugin_activated,
            {"type": "boolean"},
            "Whether a plugin is on.",
            ACCESS,
            result_name="active",
        ),
        method(
            "getPluginStatuses",
            BOTH,
            (),
            _plugin_statuses,
            {"type": "object", "additionalProperties": {"type": "boolean"}},
            "Every plugin id, on or off.",
            ACCESS,
            result_name="statuses",
        ),
        method(
            "getAdditionalFields",
            BOTH,
            (EVENT_ID,),
            _additional_fields,
            {"type": "array", "items": ref("AdditionalField")},
            "The intake fields a booking of the service fills in (Additional fields plugin).",
            (*ACCESS, Failure.PLUGIN_NOT_ACTIVATED, Failure.EVENT_NOT_AVAILABLE),
            result_name="fields",
        ),
        method(
            "getUserLicenseText",
            Endpoint.PUBLIC,
            (),
            _license,
            {"type": "string"},
            "The terms clients accept (Terms and conditions plugin).",
            (*ACCESS, Failure.PLUGIN_NOT_ACTIVATED),
            result_name="text",
        ),
        method(
            "getCaptchaChallenge",
            Endpoint.PUBLIC,
            (),
            _captcha,
            {"type": "object", "required": ["provider"], "properties": {"provider": {"type": "null"}}},
            "Which captcha book() needs: none.",
            ACCESS,
            result_name="challenge",
        ),
    ]
