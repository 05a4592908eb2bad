"""What stands between the network and the workbench, as one ASGI middleware:

- Host check: bound to loopback, only requests addressed to localhost / 127.0.0.1 / [::1] are served
  (a page on another site that re-points its own name at 127.0.0.1 gets 421: DNS rebinding).
- Access token: on an office network (--host), every request carries the token printed at start-up,
  first as ?token=… in the address (then a cookie, HttpOnly and SameSite=Strict), or as a header.
- CSRF: every request that changes something (anything but GET and HEAD) carries the page's token in
  the X-CSRF-Token header, and an Origin header, when the browser sends one, must be this server's.
  Another site's page can neither read the token nor set the header on a plain form post.
- Size: a request body over the limit is refused with 413 before the workbench sees any of it (it is read
  whole first, never more than the limit; a Content-Length over the limit is refused at once).
- Headers: a Content-Security-Policy that runs only the workbench's own script, and no framing by others.
"""
from __future__ import annotations

import hmac
import secrets
from urllib.parse import parse_qs, urlencode

from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
SAFE_METHODS = {"GET", "HEAD"}
TOKEN_COOKIE = "govrubric_token"
TOKEN_HEADER = "x-govrubric-token"
CSRF_HEADER = "x-csrf-token"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
       "frame-src 'self' data: blob:; frame-ancestors 'self'; form-action 'self'; base-uri 'none'; object-src 'none'")


def is_loopback(host: str) -> bool:
    return host in LOOPBACK_HOSTS or host.startswith("127.")


def host_name(header: str) -> str:
    """The host part of a Host header (without the port; IPv6 keeps its brackets)."""
    if header.startswith("["):
        return header[: header.find("]") + 1] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class Guard:
    def __init__(self, app, *, access_token: str | None, csrf_token: str, loopback_only: bool,
                 max_body: int) -> None:
        self.app = app
        self.access_token = access_token
        self.csrf_token = csrf_token
        self.loopback_only = loopback_only
        self.max_body = max_body

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _too_large(self.max_body)(scope, receive, send)
            return
        body = b""
        if scope["method"] not in SAFE_METHODS:
            # read the whole body first (never more than the limit), so a refusal comes before any work
            more = True
            while more:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                body += message.get("body", b"")
                more = message.get("more_body", False)
                if len(body) > self.max_body:
                    await _too_large(self.max_body)(scope, receive, send)
                    return
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        async def secured_send(message):
            if message["type"] == "http.response.start":
                extra = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                         (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"SAMEORIGIN"),
                         (b"cache-control", b"no-store")]
                message = {**message, "headers": list(message.get("headers", [])) + extra}
            await send(message)

        await self.app(scope, replay, secured_send)

    def _refusal(self, scope, headers):
        host = host_name(headers.get("host", ""))
        if self.loopback_only and not is_loopback(host):
            return PlainTextResponse("Misdirected request: this workbench answers only on localhost", 421)
        if self.access_token is not None:
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            offered = [headers.get(TOKEN_HEADER, ""), _cookie(headers.get("cookie", ""), TOKEN_COOKIE)]
            in_query = query.get("token", [""])[0]
            if in_query and scope["method"] in SAFE_METHODS and _same(in_query, self.access_token):
                return _adopt_token(scope, query, self.access_token)
            if not any(_same(token, self.access_token) for token in offered if token):
                return PlainTextResponse("需要访问令牌:请使用启动时显示的完整网址(含 ?token=…)/ "
                                         "an access token is needed: use the full address printed at start-up", 401)
        if scope["method"] not in SAFE_METHODS:
            if not _same(headers.get(CSRF_HEADER, ""), self.csrf_token):
                return JSONResponse({"error": "请求缺少页面的校验码(CSRF),请刷新页面后再试 / missing CSRF token; "
                                              "reload the page"}, 403)
            origin = headers.get("origin")
            if origin is not None and origin != "null" and host_name(origin.split("://", 1)[-1]) != host:
                return JSONResponse({"error": "来自其他网站的请求被拒绝 / cross-site request refused"}, 403)
        return None


def _adopt_token(scope, query, token: str):
    """?token=… once: set the cookie and go to the same address without the token in it."""
    rest = {k: v for k, v in query.items() if k != "token"}
    target = scope.get("path", "/") + ("?" + urlencode(rest, doseq=True) if rest else "")
    response = RedirectResponse(target, 303)
    response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict", path="/")
    return response


def _cookie(header: str, name: str) -> str:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return ""


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("utf-8", "replace"), b.encode("utf-8", "replace"))


def _too_large(limit: int):
    return JSONResponse({"error": f"上传的内容太大(超过 {limit // 1024 // 1024} MB)/ request too large"}, 413)


def new_token() -> str:
    return secrets.token_urlsafe(24)
