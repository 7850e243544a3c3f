"""Every method of the real SimplyBook.me JSON-RPC API that its documentation (seed 003, the "User API
guide", "Company administration service methods") and the clients in use name, for the coverage
table. Whether each is served is asked of the running emulator (``rpc.discover``)."""

from __future__ import annotations

from fakesaas.core.coverage import Operation

LOGIN, PUBLIC, ADMIN = "/simplybook/login", "/simplybook/", "/simplybook/admin"

_LOGIN = ("getToken", "getUserToken", "getServiceUrl")
# Seed 003 ("Company public service methods") first, then the methods the guide and clients add.
_PUBLIC = (
    "getEventList",
    "getUnitList",
    "getCategoriesList",
    "getLocationsList",
    "getRecurringDatetimes",
    "book",
    "confirmBooking",
    "confirmBookingBatch",
    "confirmBookingPayment",
    "confirmBookingBatchPayment",
    "confirmBookingCart",
    "cancelBooking",
    "getBooking",
    "getBookingDetails",
    "getBookingCart",
    "getPaymentProcessorConfig",
    "validatePayment",
    "isPaymentRequired",
    "getPromocodeInfo",
    "getPromotionRewardInfo",
    "validatePromoCode",
    "hasUpcommingPromotions",
    "getUserLicenseText",
    "getFirstWorkingDay",
    "getWorkCalendar",
    "getStartTimeMatrix",
    "getCartesianStartTimeMatrix",
    "getAvailableTimeIntervals",
    "getServiceAvailableTimeIntervals",
    "getReservedTimeIntervals",
    "getReservedTime",
    "getWorkDaysInfo",
    "getAvailableUnits",
    "calculateEndTime",
    "getTimeframe",
    "getCompanyParam",
    "getCompanyParams",
    "getCompanyInfo",
    "getCompanyTimezoneOffset",
    "getAdditionalFields",
    "createBatch",
    "getClientInfo",
    "getClientInfoByLoginPassword",
    "isPluginActivated",
    "getPluginStatuses",
    "getCaptchaChallenge",
)
_ADMIN = (
    "getBookings", "getBookingDetails", "cancelBooking", "book", "editBook", "addClient", "getClientList",
    "getClientInfo", "getStatuses", "setStatus", "getBookingStatus", "getUnitList", "getEventList",
    "getCategoriesList", "getLocationsList", "getCompanyInfo", "getCompanyParam", "getCompanyParams",
    "getCurrentUserDetails", "getWorkDaysTimes", "getUnitWorkdayInfo", "getBookingStats", "getTopServices",
    "getTopPerformers", "getBookingComment", "setBookingComment", "pluginApproveBookingApprove",
    "pluginApproveBookingCancel", "getAvailableUnits", "getStartTimeMatrix", "getCartesianStartTimeMatrix",
    "getAvailableTimeIntervals", "getFirstWorkingDay", "getWorkCalendar", "calculateEndTime", "getTimeframe",
    "getAdditionalFields", "isPluginActivated", "getPluginStatuses",
)  # fmt: skip

OPERATIONS = (
    *(Operation(f"{name} (login)", "User API guide: login service", rpc=(LOGIN, name)) for name in _LOGIN),
    *(
        Operation(f"{name} (public)", "Company public service methods", rpc=(PUBLIC, name))
        for name in _PUBLIC
    ),
    *(
        Operation(f"{name} (admin)", "Company administration service methods", rpc=(ADMIN, name))
        for name in _ADMIN
    ),
)
