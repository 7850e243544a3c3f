"""Request bodies as the SDK sends them: JSON with no Content-Type, the literal ``null``, or nothing.

The Python SDK posts ``jsonpickle.encode(body)`` as raw data without a Content-Type, so an empty
call sends ``null`` (research/seatsio-simplybook.md §1.2); other clients send nothing at all, or
an empty form. All of them read here as JSON, or as None when there is no body.
"""

from __future__ import annotations

import json
from typing import Any

from fakesaas.core.flask_globals import current_request
from fakesaas.core.json_read import UNREAD, quick_loads
from fakesaas.core.wsgi import has_body
from fakesaas.seatsio.domain.errors import InvalidRequest
from fakesaas.seatsio.http.schema import Spec, validate


def read() -> Any:
    """The body as JSON data; None for no body (or ``null``)."""
    incoming = current_request()  # the request once, not through its proxy each time
    if not has_body(incoming.environ):
        return None
    raw = incoming.get_data(cache=True)
    if not raw.strip():
        return None
    data = quick_loads(raw)
    if data is not UNREAD:
        return data
    try:
        return json.loads(raw)  # what orjson refused, read or refused with the json module's words
    except UnicodeDecodeError:
        raise InvalidRequest("The request body is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise InvalidRequest(
            f"The request body is not valid JSON: {error.msg} at position {error.pos}"
        ) from None
    except RecursionError:
        raise InvalidRequest("The request body nests too deeply") from None


def read_object(spec: Spec) -> dict[str, Any]:
    """The body as an object of shape ``spec``; no body counts as ``{}``."""
    data = read()
    if data is None:
        data = {}
    validate(data, spec)
    return data  # type: ignore[no-any-return]
