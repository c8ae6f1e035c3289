"""Every error of the API as JSON: {"error": {"code": ..., "message": ...}}, and the limit
on request bodies (413 beyond it)."""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("sitrep.api")

CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 409: "conflict", 413: "payload_too_large",
         415: "unsupported_media_type", 422: "validation_error", 500: "internal_error"}


class SafeJSONResponse(JSONResponse):
    """JSON with <, > and & written as \\u escapes: the same data to any JSON parser, but
    report text such as `<script>` never appears as markup in a response, whatever
    a browser or proxy takes it for."""

    def render(self, content) -> bytes:
        return (super().render(content).replace(b"<", b"\\u003c").replace(b">", b"\\u003e")
                .replace(b"&", b"\\u0026"))


def error(status: int, message: str, details: list | None = None, headers: dict | None = None) -> JSONResponse:
    body: dict = {"error": {"code": CODES.get(status, "error"), "message": message}}
    if details:
        body["error"]["details"] = details
    return SafeJSONResponse(body, status_code=status, headers=headers)


def _where(loc) -> str:
    parts = [str(p) for p in loc if p not in ("body",)] or ["body"]
    return ".".join(parts)


def install(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        return error(exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        bad_json = [e for e in errors if e.get("type") == "json_invalid"]
        if bad_json:
            reason = (bad_json[0].get("ctx") or {}).get("error", "")
            return error(400, f"the request body is not valid JSON{': ' + str(reason) if reason else ''}")
        details = [{"field": _where(e.get("loc", ())), "message": e.get("msg", ""), "type": e.get("type", "")}
                   for e in errors]
        message = "; ".join(f"{d['field']}: {d['message']}" for d in details) or "invalid request"
        return error(422, message, details)

    @app.exception_handler(Exception)
    async def server_error(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        return error(500, "internal server error")


class BodyLimit:
    """Refuses a request whose body is over `max_bytes` with 413, whether it declares its
    length or streams it; the body read is handed on to the app unchanged."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await self._refuse(scope, receive, send)
            return
        if length is None and dict(scope["headers"]).get(b"transfer-encoding") is None:
            await self.app(scope, receive, send)
            return
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body, sent = b"".join(chunks), False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        mb = self.max_bytes / 1_000_000
        response = error(413, f"the request body is over the limit of {self.max_bytes} bytes ({mb:g} MB)")
        await response(scope, receive, send)


class NoSniff:
    """`X-Content-Type-Options: nosniff` on every response: JSON is never taken for HTML."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_header(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + [(b"x-content-type-options", b"nosniff")]
            await send(message)

        await self.app(scope, receive, send_with_header)
