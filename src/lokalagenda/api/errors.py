"""The API's error answers, one shape for all: ``{"detail": "<a sentence>"}`` (``schemas.ErrorOut``), and for a 422
also ``errors``, one ``{loc, msg, type}`` per input that did not validate (``schemas.ValidationErrorOut``).

django-ninja answers a parameter or body that does not validate with ``{"detail": [{loc, msg, type, ctx}]}``
(``ninja/errors.py``, ``_default_validation_error``) while every other error's ``detail`` is a string; this module
replaces that handler so ``detail`` is always a string and the list moves to ``errors``. Our own refusals of input
raise ``InvalidInput`` and get the same shape. Like FastAPI (``fastapi/openapi/utils.py``, ``get_openapi_path``:
a 422 "Validation Error" on every route with parameters or a body), the OpenAPI document declares the 422 on every
operation that takes input, and the 400 django-ninja sends for a body that is not JSON on every operation with a
body (``declare_input_errors``), so the schema and the answers agree everywhere (``tests/api/test_error_shape.py``,
``tests/api/test_schemathesis.py``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError
from pydantic import BaseModel

from lokalagenda.api.schemas import ErrorOut, ValidationErrorOut

#: PostgreSQL's text cannot hold it: a query with it fails ("text fields cannot contain NUL (0x00) bytes").
NUL = "\x00"
#: How many field errors the sentence in ``detail`` names before "and N more".
NAMED_IN_DETAIL = 3
MEDIA_TYPE = "application/json"
COMPONENT = "#/components/schemas/{model}"


class InvalidInput(Exception):  # noqa: N818 - named like ninja's ValidationError and HttpError
    """Input that validated against the schema but that the operation refuses (an unknown code, too few kommuner):
    answered 422 in the shape of ``ValidationErrorOut``."""

    def __init__(self, detail: str, loc: Sequence[str | int], kind: str = "value_error") -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = [field_error(loc, detail, kind)]


def field_error(loc: Sequence[str | int], msg: str, kind: str) -> dict[str, Any]:
    return {"loc": list(loc), "msg": msg, "type": kind}


def validation_body(detail: str, errors: Iterable[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """The body of a 422: the sentence and the field errors, each only with ``loc``, ``msg`` and ``type``."""
    return {"detail": detail, "errors": [field_error(e["loc"], str(e["msg"]), str(e["type"])) for e in errors],
            **extra}


def summary(errors: Sequence[dict[str, Any]]) -> str:
    """One sentence naming the first fields that did not validate: ``Invalid input: query.year_to: …``."""
    named = [f"{'.'.join(map(str, error['loc']))}: {error['msg']}" for error in errors[:NAMED_IN_DETAIL]]
    more = f"; and {len(errors) - NAMED_IN_DETAIL} more" if len(errors) > NAMED_IN_DETAIL else ""
    return f"Invalid input: {'; '.join(named)}{more}."


def install(api: NinjaAPI) -> None:
    """Answer ninja's validation errors, our ``InvalidInput`` and a 422 raised as ``HttpError`` in one shape."""

    def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return api.create_response(request, validation_body(summary(exc.errors), exc.errors), status=422)

    def on_invalid_input(request: HttpRequest, exc: InvalidInput) -> HttpResponse:
        return api.create_response(request, validation_body(exc.detail, exc.errors), status=422)

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        body: dict[str, Any] = {"detail": str(exc)}
        if exc.status_code == 422:
            body["errors"] = []
        return api.create_response(request, body, status=exc.status_code)

    api.add_exception_handler(ValidationError, on_validation_error)
    api.add_exception_handler(InvalidInput, on_invalid_input)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_decorator(refuse_nul_characters, mode="operation")


def refuse_nul_characters(view: Callable[..., Any]) -> Callable[..., Any]:
    """Wraps every operation (after validation): text with a NUL character in a parameter or the body is a 422
    naming the input, never a 500 from PostgreSQL. Found by the fuzzer (``GET /api/compare?kommune=%00``)."""

    @functools.wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        in_path = set(request.resolver_match.kwargs) if request.resolver_match else set()
        for name, value in kwargs.items():
            if _holds_nul(value):
                source = "path" if name in in_path else "body" if isinstance(value, BaseModel) else "query"
                raise InvalidInput("Text may not contain the NUL character (U+0000).", [source, name],
                                   "nul_character")
        return view(request, *args, **kwargs)

    return checked


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, BaseModel):
        return _holds_nul(value.model_dump())
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    if isinstance(value, list | tuple | set):
        return any(_holds_nul(item) for item in value)
    return False


def declare_input_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Declare the 422 (``ValidationErrorOut``) on every operation with parameters or a body that does not declare
    one itself (``POST /api/observations`` declares a subtype that adds its row problems), and the 400
    (``ErrorOut``, "Cannot parse request body": ``ninja/params/models.py``) on every operation with a body."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for model in (ErrorOut, ValidationErrorOut):
        definition = model.model_json_schema(ref_template=COMPONENT)
        components.update(definition.pop("$defs", {}))
        components[model.__name__] = definition
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            if operation.get("parameters") or operation.get("requestBody"):
                responses.setdefault(422, _response(
                    ValidationErrorOut, "The input did not validate: `detail` says why, `errors` names each input."))
            if operation.get("requestBody"):
                responses.setdefault(400, _response(ErrorOut, "The body is not JSON."))
    return schema


def _response(model: type[ErrorOut], description: str) -> dict[str, Any]:
    return {"description": description, "content": {MEDIA_TYPE: {"schema": {"$ref": COMPONENT.format(
        model=model.__name__)}}}}
