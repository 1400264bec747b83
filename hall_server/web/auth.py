"""Who is asking, and may they: the logged-in user of a request, role checks, CSRF, log-in and log-out.

A request is authenticated either by an API token (``Authorization: Bearer zz_…``, for scripts) or by
the session cookie ``zizhu_session`` (a random secret signed with the hall's key; the session itself is
a database row, see :mod:`hall_server.accounts`). Routes declare what they need::

    @router.post("/api/incidents/{incident_id}/resolve")
    def resolve(..., principal: Principal = Depends(require(Permission.HANDLE_INCIDENTS))) -> ...:
        core.resolve(incident_id, actor=principal.username, ...)

``require`` answers 401 to an anonymous API call, redirects a page request (one that accepts text/html) to
``/login?next=…``, and answers 403 to the wrong role. Every unsafe request (POST, PUT, PATCH, DELETE)
authenticated by the cookie must carry the session's CSRF token, as the form field ``csrf_token`` or the
header ``X-CSRF-Token`` (the base template makes htmx send it); :func:`csrf_checked` is an app-wide
dependency and ``require`` checks it as well. Token-authenticated requests need no CSRF token.

Cookies are SameSite=Lax (a link from an alert message into the dashboard keeps the session; no
cross-site POST carries it), HttpOnly, and Secure when the request came over https.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import secrets
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, FastAPI, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from itsdangerous import BadSignature, Signer
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ground.clock import Clock, SystemClock
from hall_server import accounts
from hall_server.accounts import AccountError, LoginThrottle, Permission, UserRole
from hall_server.config import HallServerConfig

log = logging.getLogger("zizhu.hall.auth")

SESSION_COOKIE = "zizhu_session"
LOGIN_COOKIE = "zizhu_login"  # the log-in form's own CSRF token (there is no session yet)
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
KEY_FILE_NAME = "zizhu-hall-session.key"


@dataclass(frozen=True)
class Principal:
    """The user a request acts for."""

    user_id: int
    username: str
    display_name: str
    role: UserRole
    via: Literal["session", "token"]
    csrf_token: str | None  # the session's; None for a token

    @property
    def label(self) -> str:
        """The name to show: the display name, else the username."""
        return self.display_name or self.username

    def can(self, permission: Permission) -> bool:
        return accounts.allowed(self.role, permission)


class Auth:
    """The accounts side of one web app: the database, the signing key, the idle limit, the log-in throttle."""

    def __init__(self, sessions: sessionmaker[Session], key: bytes, *, idle: timedelta = timedelta(minutes=30),
                 clock: Clock | None = None, throttle: LoginThrottle | None = None) -> None:
        self.sessions = sessions
        self.idle = idle
        self.clock: Clock = clock or SystemClock()
        self.throttle = throttle or LoginThrottle(clock=self.clock)
        self._signer = Signer(key, salt="zizhu-session")

    @classmethod
    def for_runtime(cls, runtime: Any) -> Auth:
        """From a hall server (``cfg``, ``sessions``, ``core.clock``); warns when no administrator can log in."""
        srv: HallServerConfig = runtime.cfg.server
        path = key_path(srv)
        if path is None:
            log.warning("no [server] secret_file and the database is not a SQLite file: the session key lives "
                        "in memory, so every restart logs everybody out and workers do not share sessions")
            key = secrets.token_hex(32).encode()
        else:
            key = accounts.load_or_create_key(path)
        auth = cls(runtime.sessions, key, idle=timedelta(minutes=srv.session_idle_minutes),
                   clock=runtime.core.clock)
        if accounts.enabled_admins(runtime.sessions) == 0:
            log.warning("no enabled hall administrator: nobody can manage this hall from the dashboard; make one "
                        "with `zizhu hall user add NAME --role admin --config FILE` (docs/accounts.md)")
        return auth

    def now(self) -> datetime:
        return self.clock.now()

    def sign(self, value: str) -> str:
        return self._signer.sign(value).decode()

    def unsign(self, value: str) -> str | None:
        try:
            return self._signer.unsign(value).decode()
        except (BadSignature, UnicodeDecodeError):
            return None

    def audit(self, actor: str | Principal, action: str, target: str = "", detail: str = "") -> None:
        """Write one audit entry: who (the logged-in user) did what to what."""
        name = actor.username if isinstance(actor, Principal) else actor
        accounts.record_audit(self.sessions, name, action, target, detail, now=self.now())


def key_path(srv: HallServerConfig) -> Path | None:
    """Where the cookie signing key is: ``[server] secret_file``, else next to the SQLite database."""
    if srv.secret_file is not None:
        return srv.secret_file
    url = srv.database_url
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        return Path(url.removeprefix("sqlite:///")).parent / KEY_FILE_NAME
    return None


_install_lock = threading.Lock()


def install(app: FastAPI, runtime: Any) -> Auth:
    """Give ``app`` its accounts (``app.state.auth``), the log-in, log-out and account pages, and the
    audit trail of every change made through it."""
    auth = Auth.for_runtime(runtime)
    app.state.auth = auth
    app.include_router(router)
    app.add_middleware(AuditTrail, auth=auth)
    return auth


# Routes that write their own, more detailed audit entries (or change nothing of the hall's).
SELF_AUDITED = ("/login", "/logout", "/account", "/users")


class AuditTrail:
    """Every unsafe request that succeeded for a logged-in user is an audit entry: who, when, what request
    (``POST /api/notices`` …), its answer. What changed is in the domain's own records (the incident log, a
    notice's ``created_by``, …); this is the one list of who did what on the dashboard and the API."""

    def __init__(self, app: ASGIApp, auth: Auth) -> None:
        self.app, self.auth = app, auth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in UNSAFE_METHODS \
                or str(scope["path"]).startswith(SELF_AUDITED):
            await self.app(scope, receive, send)
            return
        state: dict[str, Any] = scope.setdefault("state", {})
        status = [0]

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = int(message["status"])
            await send(message)

        await self.app(scope, receive, sending)
        who = state.get("zizhu_principal")
        if isinstance(who, Principal) and 200 <= status[0] < 400:
            path = str(scope["path"])
            await run_in_threadpool(self.auth.audit, who, f"{scope['method']} {path}"[:64], path[:200],
                                    f"HTTP {status[0]}" + (" (API 令牌)" if who.via == "token" else ""))


def get_auth(request: Request) -> Auth:
    """The app's :class:`Auth` (made from ``app.state.runtime`` on first use if :func:`install` was not called)."""
    state = request.app.state
    auth: Auth | None = getattr(state, "auth", None)
    if auth is None:
        with _install_lock:
            auth = getattr(state, "auth", None)
            if auth is None:
                auth = state.auth = Auth.for_runtime(state.runtime)
    return auth


def client_address(request: Request) -> str:
    return request.client.host if request.client else ""


# ---- who is asking --------------------------------------------------------------------------------------

_UNRESOLVED = object()


def principal(request: Request) -> Principal | None:
    """The user of this request, or ``None`` (anonymous). A bad or revoked API token is a 401 at once;
    a bad or expired session cookie is anonymous. Looked up once per request."""
    cached = getattr(request.state, "zizhu_principal", _UNRESOLVED)
    if cached is not _UNRESOLVED:
        return cached  # type: ignore[return-value]
    auth = get_auth(request)
    found: Principal | None = None
    header = request.headers.get("authorization")
    if header is not None:
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise HTTPException(401, "Authorization 头的格式应为“Bearer zz_…”",
                                headers={"WWW-Authenticate": "Bearer"})
        hit = accounts.user_for_token(auth.sessions, value.strip(), auth.now())
        if hit is None:
            raise HTTPException(401, "API 令牌无效、已撤销，或其用户已停用", headers={"WWW-Authenticate": "Bearer"})
        user, _token = hit
        found = Principal(user.id, user.username, user.display_name, UserRole(user.role), "token", None)
    else:
        cookie = request.cookies.get(SESSION_COOKIE)
        secret = auth.unsign(cookie) if cookie else None
        live = accounts.session_for(auth.sessions, secret, auth.idle, auth.now()) if secret else None
        if live is not None:
            row, user = live
            found = Principal(user.id, user.username, user.display_name, UserRole(user.role), "session",
                              row.csrf_token)
    request.state.zizhu_principal = found
    return found


def _wants_html(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "")


def _here(request: Request) -> str:
    return request.url.path + (f"?{request.url.query}" if request.url.query else "")


def login_url(next_path: str) -> str:
    return "/login?" + urlencode({"next": next_path})


def _anonymous(request: Request) -> HTTPException:
    if request.headers.get("HX-Request") == "true":  # htmx swaps fragments: make it load the log-in page
        return HTTPException(401, "请先登录", headers={"HX-Redirect": login_url(_here(request))})
    if _wants_html(request):
        return HTTPException(303, "请先登录", headers={"Location": login_url(_here(request))})
    return HTTPException(401, "请先登录，或提供 API 令牌（Authorization: Bearer zz_…）",
                         headers={"WWW-Authenticate": "Bearer"})


async def _check_csrf(request: Request, p: Principal) -> None:
    sent: Any = request.headers.get(CSRF_HEADER)
    if sent is None:
        kind = request.headers.get("content-type", "")
        if kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            sent = (await request.form()).get(CSRF_FIELD)
    if not isinstance(sent, str) or p.csrf_token is None or not hmac.compare_digest(sent, p.csrf_token):
        raise HTTPException(403, "请求缺少有效的 CSRF 令牌（页面可能已过期）：请刷新页面后重试")


async def csrf_checked(request: Request) -> None:
    """App-wide: an unsafe request authenticated by the session cookie must carry its CSRF token
    (the log-in form carries a token of its own, checked by :func:`login`)."""
    if request.method not in UNSAFE_METHODS or request.url.path == "/login":
        return
    p = await run_in_threadpool(principal, request)
    if p is not None and p.via == "session":
        await _check_csrf(request, p)


@cache
def require(permission: Permission) -> Callable[[Request], Awaitable[Principal]]:
    """A dependency: the request's user, who must hold ``permission`` (401 / log-in redirect, 403)."""

    async def dependency(request: Request) -> Principal:
        p = await run_in_threadpool(principal, request)
        if p is None:
            raise _anonymous(request)
        if not p.can(permission):
            who = "、".join(r.label for r in UserRole if r in accounts.PERMISSIONS[permission])
            raise HTTPException(403, f"权限不足：“{permission.label}”仅限{who}，您的角色是{p.role.label}")
        if request.method in UNSAFE_METHODS and p.via == "session":
            await _check_csrf(request, p)
        return p

    dependency.__name__ = f"require_{permission.value}"
    return dependency


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


async def metrics_access(request: Request) -> Principal | None:
    """For ``/metrics``: a client on the same machine, or a user with VIEW (usually by API token)."""
    if _loopback(client_address(request)):
        return None
    return await require(Permission.VIEW)(request)


# ---- log-in, log-out, one's own account -----------------------------------------------------------------

router = APIRouter(tags=["accounts"])


def safe_next(value: str | None) -> str:
    """Where to go after log-in: a path on this site only (no ``//host``, no scheme)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value or len(value) > 2000:
        return "/"
    return value


def _render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    from hall_server.web.templating import page

    return page(request, template, status_code=status_code, **context)


def _login_page(request: Request, next_path: str, status_code: int = 200, error: str = "", *,
                username: str = "", headers: dict[str, str] | None = None) -> HTMLResponse:
    auth = get_auth(request)
    token = accounts.random_secret()
    response = _render(request, "login.html", status_code, login_csrf=token, next=next_path, error=error,
                       username=username)
    response.set_cookie(LOGIN_COOKIE, auth.sign(token), max_age=3600, httponly=True, samesite="lax",
                        secure=request.url.scheme == "https", path="/login")
    for k, v in (headers or {}).items():
        response.headers[k] = v
    return response


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_form(request: Request, next: str = "/") -> Response:
    if principal(request) is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return _login_page(request, safe_next(next))


@router.post("/login", response_class=HTMLResponse, include_in_schema=False)
def login(request: Request, username: Annotated[str, Form(max_length=200)] = "",
          password: Annotated[str, Form(max_length=1000)] = "", next: Annotated[str, Form(max_length=2000)] = "/",
          csrf_token: Annotated[str, Form(max_length=200)] = "") -> Response:
    auth = get_auth(request)
    target, address = safe_next(next), client_address(request)
    cookie = request.cookies.get(LOGIN_COOKIE)
    expected = auth.unsign(cookie) if cookie else None
    if expected is None or not hmac.compare_digest(expected, csrf_token):
        return _login_page(request, target, 400, "登录页面已过期，请重新输入用户名和密码", username=username)
    if not username.strip() or not password:
        return _login_page(request, target, 400, "请输入用户名和密码", username=username)
    wait = auth.throttle.retry_after(username, address)
    if wait is not None:
        return _login_page(request, target, 429, f"登录失败次数过多，请 {wait} 秒后再试", username=username,
                           headers={"Retry-After": str(wait)})
    user = accounts.authenticate(auth.sessions, username, password, auth.now())
    if user is None:
        auth.throttle.failed(username, address)
        accounts.record_audit(auth.sessions, username.strip()[:100] or "?", "session.login_failed",
                              f"user:{username.strip()[:64]}", f"地址 {address}", now=auth.now())
        return _login_page(request, target, 401, "用户名或密码不正确，或账户已停用", username=username)
    auth.throttle.succeeded(username)
    old = request.cookies.get(SESSION_COOKIE)
    old_secret = auth.unsign(old) if old else None
    if old_secret:
        accounts.end_session(auth.sessions, old_secret, auth.now())
    response = RedirectResponse(target, status_code=303)
    _start_session(request, response, user.id)
    response.delete_cookie(LOGIN_COOKIE, path="/login")
    return response


def _start_session(request: Request, response: Response, user_id: int) -> None:
    auth = get_auth(request)
    secret, _row = accounts.start_session(auth.sessions, user_id, client_address(request), auth.now())
    response.set_cookie(SESSION_COOKIE, auth.sign(secret), httponly=True, samesite="lax",
                        secure=request.url.scheme == "https", path="/")


@router.post("/logout", include_in_schema=False)
async def logout(request: Request) -> Response:
    auth = get_auth(request)
    p = await run_in_threadpool(principal, request)
    if p is not None and p.via == "session":
        await _check_csrf(request, p)
        cookie = request.cookies.get(SESSION_COOKIE)
        secret = auth.unsign(cookie) if cookie else None
        if secret:
            await run_in_threadpool(accounts.end_session, auth.sessions, secret, auth.now())
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def _account_page(request: Request, p: Principal, status_code: int = 200, **context: Any) -> HTMLResponse:
    auth = get_auth(request)
    tokens = accounts.list_tokens(auth.sessions, p.user_id)
    ctx: dict[str, Any] = {"error": "", "message": "", "new_token": None, "new_token_label": "", **context}
    return _render(request, "account.html", status_code, principal=p, tokens=tokens, role_label=p.role.label,
                   **ctx)


ViewPrincipal = Annotated[Principal, Depends(require(Permission.VIEW))]


@router.get("/account", response_class=HTMLResponse, include_in_schema=False)
def account(request: Request, p: ViewPrincipal) -> HTMLResponse:
    q = request.query_params
    message = "密码已修改，其他设备上的登录已退出" if "changed" in q else "令牌已撤销" if "revoked" in q else ""
    return _account_page(request, p, message=message)


@router.post("/account/password", response_class=HTMLResponse, include_in_schema=False)
def change_password(request: Request, p: ViewPrincipal, current_password: Annotated[str, Form(max_length=1000)] = "",
                    new_password: Annotated[str, Form(max_length=1000)] = "",
                    new_password2: Annotated[str, Form(max_length=1000)] = "") -> Response:
    auth = get_auth(request)
    if not accounts.verify_password(auth.sessions, p.user_id, current_password):
        return _account_page(request, p, 400, error="当前密码不正确，密码未修改")
    if new_password != new_password2:
        return _account_page(request, p, 400, error="两次输入的新密码不一致，密码未修改")
    try:
        accounts.set_password(auth.sessions, p.username, new_password, actor=p.username, now=auth.now())
    except AccountError as exc:
        return _account_page(request, p, 400, error=f"{exc}，密码未修改")
    # Every session of the user ended with the change; this browser goes on in a new one.
    response = RedirectResponse("/account?changed=1", status_code=303)
    if p.via == "session":
        _start_session(request, response, p.user_id)
    return response


@router.post("/account/tokens", response_class=HTMLResponse, include_in_schema=False)
def new_token(request: Request, p: ViewPrincipal, label: Annotated[str, Form(max_length=1000)] = "") -> HTMLResponse:
    auth = get_auth(request)
    try:
        secret = accounts.issue_token(auth.sessions, p.username, label, actor=p.username, now=auth.now())
    except AccountError as exc:
        return _account_page(request, p, 400, error=str(exc))
    response = _account_page(request, p, 201, new_token=secret, new_token_label=label.strip())
    response.headers["Cache-Control"] = "no-store"  # the secret is shown once: not kept by the browser either
    return response


@router.post("/account/tokens/{token_id}/revoke", include_in_schema=False)
def revoke_token(request: Request, p: ViewPrincipal, token_id: int) -> Response:
    auth = get_auth(request)
    try:
        accounts.revoke_token(auth.sessions, token_id, actor=p.username, user_id=p.user_id, now=auth.now())
    except AccountError as exc:
        return _account_page(request, p, 404, error=str(exc))
    return RedirectResponse("/account?revoked=1", status_code=303)


# ---- the hall administrator's page of accounts --------------------------------------------------------

UsersPrincipal = Annotated[Principal, Depends(require(Permission.MANAGE_USERS))]


def _users_page(request: Request, p: Principal, status_code: int = 200, **context: Any) -> HTMLResponse:
    auth = get_auth(request)
    ctx: dict[str, Any] = {"error": "", "message": "", "form": {"username": "", "display_name": "", "role": ""},
                           **context}
    entries = [e for e in accounts.audit_entries(auth.sessions, limit=200)
               if e.action.startswith(("user.", "token.", "session.login_failed"))][:50]
    return _render(request, "users.html", status_code, principal=p, users=accounts.list_users(auth.sessions),
                   roles=list(UserRole), entries=entries, action_labels=accounts.ACTION_LABELS, nav="users", **ctx)


@router.get("/users", response_class=HTMLResponse, include_in_schema=False)
def users(request: Request, p: UsersPrincipal) -> HTMLResponse:
    done = request.query_params.get("done", "")
    return _users_page(request, p, message=done[:200])


@router.post("/users", response_class=HTMLResponse, include_in_schema=False)
def add_user(request: Request, p: UsersPrincipal, *, username: Annotated[str, Form(max_length=200)] = "",
             display_name: Annotated[str, Form(max_length=1000)] = "", role: Annotated[str, Form(max_length=50)] = "",
             password: Annotated[str, Form(max_length=1000)] = "",
             password2: Annotated[str, Form(max_length=1000)] = "") -> Response:
    auth = get_auth(request)
    form = {"username": username, "display_name": display_name, "role": role}
    if password != password2:
        return _users_page(request, p, 400, error="两次输入的密码不一致，未添加用户", form=form)
    try:
        user = accounts.create_user(auth.sessions, username, role, password, display_name, actor=p.username,
                                    now=auth.now())
    except AccountError as exc:
        return _users_page(request, p, 400, error=f"{exc}，未添加用户", form=form)
    return RedirectResponse("/users?" + urlencode({"done": f"已添加用户 {user.username}"}), status_code=303)


def _user_change(request: Request, p: Principal, change: Callable[[], None], done: str) -> Response:
    try:
        change()
    except AccountError as exc:
        return _users_page(request, p, 400, error=f"{exc}；未做任何更改")
    return RedirectResponse("/users?" + urlencode({"done": done}), status_code=303)


@router.post("/users/{username}/disable", response_class=HTMLResponse, include_in_schema=False)
def disable_user(request: Request, p: UsersPrincipal, username: str) -> Response:
    auth = get_auth(request)
    return _user_change(request, p, lambda: accounts.set_disabled(
        auth.sessions, username, True, actor=p.username, now=auth.now()), f"已停用用户 {username}")


@router.post("/users/{username}/enable", response_class=HTMLResponse, include_in_schema=False)
def enable_user(request: Request, p: UsersPrincipal, username: str) -> Response:
    auth = get_auth(request)
    return _user_change(request, p, lambda: accounts.set_disabled(
        auth.sessions, username, False, actor=p.username, now=auth.now()), f"已启用用户 {username}")


@router.post("/users/{username}/role", response_class=HTMLResponse, include_in_schema=False)
def change_role(request: Request, p: UsersPrincipal, username: str,
                role: Annotated[str, Form(max_length=50)] = "") -> Response:
    auth = get_auth(request)
    return _user_change(request, p, lambda: accounts.set_role(
        auth.sessions, username, role, actor=p.username, now=auth.now()), f"已修改 {username} 的角色")


@router.post("/users/{username}/password", response_class=HTMLResponse, include_in_schema=False)
def reset_password(request: Request, p: UsersPrincipal, username: str,
                   password: Annotated[str, Form(max_length=1000)] = "",
                   password2: Annotated[str, Form(max_length=1000)] = "") -> Response:
    auth = get_auth(request)
    if password != password2:
        return _users_page(request, p, 400, error="两次输入的密码不一致；未做任何更改")
    return _user_change(request, p, lambda: accounts.set_password(
        auth.sessions, username, password, actor=p.username, now=auth.now()),
        f"已重置 {username} 的密码，其所有登录已退出")
