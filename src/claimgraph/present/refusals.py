"""What the API answers when it refuses a request, in two documented shapes.

A bad parameter or body is 422 with FastAPI's validation shape, `{"detail": [{"loc", "msg", "type"}]}`,
whether pydantic or a later check found it. The rejected value is not echoed: it may be what cannot be
written as JSON (an infinite number from `1e999999`, a lone surrogate), which made the error itself a 500,
or two megabytes of article. Every other refusal is `{"detail": "<one sentence>"}`, plus `"code"` for the
write API's named errors (`writer.WriteQueueFull`, `writer.WriteTimeout`).
"""

from __future__ import annotations

from typing import Any, NoReturn, cast

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from ..errors import ClaimgraphError
from .params import PATTERN_MEANINGS

__all__ = ["Refusal", "documented", "install", "refuse", "refuse_with"]


class Refusal(BaseModel):
    """Why a request was refused, in one sentence; `code` names the error where it has a name."""

    detail: str
    code: str | None = None


_MEANINGS = {
    400: "the body is not JSON text",
    401: "a valid bearer token is required",
    403: "the write API is off (no token configured)",
    404: "nothing by that name",
    413: "the request body is over the size limit",
    503: "the write queue is full (E501, with Retry-After), or the pipeline or store cannot be used now",
    504: "no answer within the write timeout (E502); the article will still be stored",
}


def documented(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for these refusal statuses, so a client (and schemathesis) knows each one."""
    return {status: {"model": Refusal, "description": _MEANINGS[status]} for status in statuses}


def refuse(field: str, message: str) -> NoReturn:
    """A 422 on one body field, in the same shape as pydantic's own."""
    raise RequestValidationError([{"type": "value_error", "loc": ("body", field), "msg": message}])


def refuse_with(status: int, error: ClaimgraphError, **headers: str) -> JSONResponse:
    return JSONResponse(Refusal(detail=error.message, code=error.code).model_dump(), status_code=status,
                        headers=headers or None)


def _message(error: dict[str, Any]) -> str:
    pattern = (error.get("ctx") or {}).get("pattern", "")
    return PATTERN_MEANINGS.get(pattern, str(error["msg"]))


async def _invalid(_: Request, error: Exception) -> JSONResponse:
    details = [{"loc": list(e["loc"]), "msg": _message(e), "type": e["type"]}
               for e in cast(RequestValidationError, error).errors()]
    return JSONResponse({"detail": details}, status_code=422)


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _invalid)
