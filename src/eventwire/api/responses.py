"""JSON out, and the error answers every route documents.

The event routes build their JSON from the stored records directly (``JSONBody``) instead of
validating each record into pydantic models and back: the models still describe the responses
in ``/openapi.json`` (``response_model``), and the schemathesis tests check that the answers fit
them.
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import Response

from .models import ErrorOut


class JSONBody(Response):
    """A JSON response from plain dicts and lists (dates already ISO strings)."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


class RawJSON(Response):
    """JSON already written (bytes)."""

    media_type = "application/json"


def error_body(code: str, detail: str, status: int,
               headers: dict[str, str] | None = None) -> JSONBody:
    return JSONBody({"code": code, "detail": detail}, status_code=status, headers=headers)


def error_response(description: str) -> dict[str, Any]:
    return {"model": ErrorOut, "description": description}


BAD_QUERY = {400: error_response("A filter, sort or cursor that cannot be used (code E100).")}
KEYED = {401: error_response("No API key, or an unknown or revoked one (code E800).")}
NOT_FOUND = {404: error_response("No such item (code E401).")}
TOO_LARGE = {413: error_response("The request body is over the size limit (code E103).")}
UNAVAILABLE = {503: error_response("The database cannot be reached (code E400).")}

__all__ = ["BAD_QUERY", "KEYED", "NOT_FOUND", "TOO_LARGE", "UNAVAILABLE", "JSONBody",
           "RawJSON", "error_body", "error_response"]
