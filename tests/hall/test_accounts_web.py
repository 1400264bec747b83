"""Accounts on the web: every route refuses anonymous access and the wrong role; log-in, log-out,
inactivity, CSRF, the log-in limit, API tokens, disabled users, the account and user pages.

One hall server app per module (not started: no broker needed), driven in-process with a fake clock.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from ground.clock import FakeClock
from hall_server import accounts
from hall_server.accounts import PERMISSIONS, Permission, UserRole
from hall_server.config import HallConfig, HallInfo, HallServerConfig
from hall_server.service import HallService
from hall_server.web.app import create_app
from hall_server.web.auth import CSRF_HEADER, SESSION_COOKIE, Auth

PASSWORD = "the right password"
# Reachable by anybody. /metrics is checked on its own (a token or loopback).
PUBLIC = {"/status", "/status/fragment", "/api/status", "/healthz", "/login", "/logout", "/favicon.ico"}
STREAMS = {"/events"}  # answered with a stream that does not end: only refusals are checked
HTML = {"Accept": "text/html,application/xhtml+xml"}


@dataclass
class Hall:
    service: HallService
    app: Any
    clock: FakeClock
    tokens: dict[UserRole, str]

    @property
    def auth(self) -> Auth:
        auth: Auth = self.app.state.auth
        return auth

    def client(self, **kw: Any) -> TestClient:
        return TestClient(self.app, follow_redirects=False, **kw)


@pytest.fixture(scope="module")
def hall(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hall]:
    mp = pytest.MonkeyPatch()
    mp.setattr(accounts, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    tmp: Path = tmp_path_factory.mktemp("accounts-web")
    clock = FakeClock()
    cfg = HallConfig(hall=HallInfo(id="h1", name="测试大厅"),
                     server=HallServerConfig(database_url=f"sqlite:///{tmp}/hall.sqlite3", http_port=0))
    service = HallService(cfg, clock=clock, tick=False)
    tokens = {}
    for role in UserRole:
        accounts.create_user(service.sessions, role.value, role, PASSWORD, display_name=f"{role.label}甲")
        tokens[role] = accounts.issue_token(service.sessions, role.value, "tests")
    app = create_app(service)
    yield Hall(service, app, clock, tokens)
    service.engine.dispose()
    mp.undo()


@pytest.fixture(autouse=True)
def _fresh_throttle(hall: Hall) -> None:
    hall.auth.throttle._failures.clear()


def login_token(page: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert m, "the form carries a CSRF token"
    return m.group(1)


def log_in(hall: Hall, username: str, password: str = PASSWORD, next_path: str = "/") -> tuple[TestClient, Any]:
    c = hall.client()
    form = c.get("/login", headers=HTML)
    assert form.status_code == 200
    r = c.post("/login", data={"username": username, "password": password, "next": next_path,
                               "csrf_token": login_token(form.text)}, headers=HTML)
    return c, r


def session(hall: Hall, username: str) -> tuple[TestClient, str]:
    """A logged-in browser and its CSRF token."""
    c, r = log_in(hall, username)
    assert r.status_code == 303, r.text
    page = c.get("/account", headers=HTML)
    assert page.status_code == 200
    return c, login_token(page.text)


def bearer(hall: Hall, role: UserRole) -> dict[str, str]:
    return {"Authorization": f"Bearer {hall.tokens[role]}", "Accept": "application/json"}


# ---- the walk: every route, anonymous and every role ------------------------------------------------------

@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    dependant: Any  # fastapi.dependencies.models.Dependant


def _permission_of(e: Endpoint) -> Permission | str | None:
    """What the route's guard asks for: a Permission, "metrics", or None (no guard)."""
    todo = list(e.dependant.dependencies)
    while todo:
        dep = todo.pop()
        name = getattr(dep.call, "__name__", "")
        if name.startswith("require_"):
            return Permission(name.removeprefix("require_"))
        if name == "metrics_access":
            return "metrics"
        todo.extend(dep.dependencies)
    return None


def _concrete(path: str) -> str:
    """The path with a value that names nothing for each parameter (the walk must change nothing)."""
    return re.sub(r"\{[^}]+\}", "987654", path)


def _endpoints(hall: Hall) -> list[Endpoint]:
    """Every API and page route of the app (included routers too: FastAPI >= 0.16x keeps them apart)."""
    found: list[Any] = []
    for route in hall.app.routes:
        if isinstance(route, APIRoute):
            found.append(route)
        elif hasattr(route, "effective_route_contexts"):
            found.extend(route.effective_route_contexts())
    return [Endpoint(m, r.path, r.dependant) for r in found if getattr(r, "dependant", None) is not None
            for m in sorted(set(r.methods) - {"HEAD"})]


def test_every_route_refuses_anonymous_access_and_the_wrong_role(hall: Hall) -> None:
    endpoints = _endpoints(hall)
    walked = {e.path for e in endpoints}
    openapi = hall.client().get("/openapi.json", headers=bearer(hall, UserRole.VIEWER)).json()["paths"]
    assert set(openapi) <= walked  # the OpenAPI document's routes are among those walked
    assert {"/", "/account", "/users", "/api/incidents", "/metrics", "/openapi.json"} <= walked
    for path in ("/docs", "/redoc"):  # FastAPI's own pages are outside the routers: none at all
        assert hall.client().get(path).status_code in (401, 404), path
    guards = {_permission_of(e) for e in endpoints if e.path not in PUBLIC}
    rules: set[Permission | str] = {*Permission, "metrics"}
    if not hall.app.state.has_inspections:  # the inspection log's routes are the only ones asking for these
        rules -= {Permission.INSPECT, Permission.CONFIRM_READINESS}
    assert guards >= rules  # every rule of the table guards something, and is walked
    gaps: list[str] = []
    # A server error of a page is not this test's subject (the page's own tests find it): only 401/403 are.
    anonymous = hall.client(raise_server_exceptions=False)
    for e in endpoints:
        method, path = e.method, e.path
        if path in PUBLIC:
            continue
        need = _permission_of(e)
        if need is None:
            gaps.append(f"{method} {path}: no guard (Depends(require(Permission.…)))")
            continue
        url = _concrete(path)
        # Anonymous: an API call gets 401, a page request is sent to the log-in page.
        r = anonymous.request(method, url, headers={"Accept": "application/json"})
        if r.status_code != 401:
            gaps.append(f"{method} {path}: anonymous API call got {r.status_code}, not 401")
        if not path.startswith("/api/"):
            r = anonymous.request(method, url, headers=HTML)
            if r.status_code != 303 or not r.headers.get("location", "").startswith("/login?next="):
                gaps.append(f"{method} {path}: anonymous page request got {r.status_code}, not the log-in redirect")
        if need == "metrics":
            continue
        assert isinstance(need, Permission)
        for role in UserRole:
            if role in PERMISSIONS[need]:
                if path in STREAMS:
                    continue
                r = anonymous.request(method, url, headers=bearer(hall, role))
                if r.status_code in (401, 403):
                    gaps.append(f"{method} {path}: {role} may {need} but got {r.status_code}")
            else:
                r = anonymous.request(method, url, headers=bearer(hall, role))
                if r.status_code != 403:
                    gaps.append(f"{method} {path}: {role} may not {need} but got {r.status_code}")
    assert not gaps, "\n".join(gaps)


def test_the_wrong_role_gets_a_chinese_refusal(hall: Hall) -> None:
    r = hall.client().get("/users", headers=bearer(hall, UserRole.VIEWER))
    assert r.status_code == 403 and "管理账户" in r.json()["detail"] and "查看" in r.json()["detail"]
    c, _ = session(hall, "maintenance")
    page = c.get("/users", headers=HTML)
    assert page.status_code == 403 and "text/html" in page.headers["content-type"] and "大厅管理员" in page.text


def test_public_routes_need_no_log_in(hall: Hall) -> None:
    c = hall.client()
    for path in ("/status", "/api/status", "/healthz", "/login"):
        assert c.get(path).status_code == 200, path
    assert c.get("/static/vendor/README.md").status_code == 200


def test_metrics_take_a_token_or_loopback(hall: Hall) -> None:
    assert hall.client().get("/metrics").status_code == 401
    assert hall.client().get("/metrics", headers=bearer(hall, UserRole.VIEWER)).status_code == 200
    assert hall.client(client=("127.0.0.1", 4321)).get("/metrics").status_code == 200
    assert hall.client(client=("::1", 4321)).get("/metrics").status_code == 200
    assert hall.client(client=("10.0.0.9", 4321)).get("/metrics").status_code == 401


# ---- log-in and log-out -----------------------------------------------------------------------------------

def test_log_in_and_out(hall: Hall) -> None:
    c, r = log_in(hall, "viewer", "a wrong password")
    assert r.status_code == 401 and "用户名或密码不正确" in r.text and SESSION_COOKIE not in c.cookies
    c, r = log_in(hall, "Viewer", next_path="/account")
    assert r.status_code == 303 and r.headers["location"] == "/account"
    cookie = next(h for h in r.headers.get_list("set-cookie") if h.startswith(f"{SESSION_COOKIE}="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie and "Secure" not in cookie
    page = c.get("/account", headers=HTML)
    assert page.status_code == 200 and "查看甲" in page.text
    assert c.get("/login", headers=HTML).headers["location"] == "/"  # logged in already
    csrf = login_token(page.text)
    assert c.post("/logout", headers=HTML).status_code == 403  # no CSRF token: refused, still logged in
    assert c.get("/account", headers=HTML).status_code == 200
    r = c.post("/logout", data={"csrf_token": csrf}, headers=HTML)
    assert r.status_code == 303 and r.headers["location"] == "/login"
    c.cookies.clear()
    kept = hall.client(cookies={SESSION_COOKIE: cookie.split(";")[0].split("=", 1)[1]})
    r = kept.get("/account", headers=HTML)  # the old cookie, replayed: its session is over
    assert r.status_code == 303 and r.headers["location"] == "/login?next=%2Faccount"
    assert kept.get("/api/incidents").status_code == 401
    actions = [e.action for e in accounts.audit_entries(hall.service.sessions, target="user:viewer")]
    assert {"session.login", "session.logout", "session.login_failed"} <= set(actions)


def test_log_in_goes_back_only_to_this_site(hall: Hall) -> None:
    for evil in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        _, r = log_in(hall, "viewer", next_path=evil)
        assert r.status_code == 303 and r.headers["location"] == "/", evil


def test_log_in_form_needs_its_token(hall: Hall) -> None:
    c = hall.client()
    r = c.post("/login", data={"username": "admin", "password": PASSWORD, "csrf_token": "guess"}, headers=HTML)
    assert r.status_code == 400 and "已过期" in r.text and SESSION_COOKIE not in c.cookies
    _, r = log_in(hall, "", "")
    assert r.status_code == 400 and "请输入用户名和密码" in r.text


def test_session_ends_after_inactivity(hall: Hall) -> None:
    c, _ = session(hall, "centre")
    hall.clock.advance(minutes=25)
    assert c.get("/account", headers=HTML).status_code == 200  # in use: the clock restarts
    hall.clock.advance(minutes=25)
    assert c.get("/account", headers=HTML).status_code == 200
    hall.clock.advance(minutes=31)
    r = c.get("/account", headers=HTML)
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")
    r = c.get("/", headers={"HX-Request": "true"})  # htmx is told to load the log-in page
    assert r.status_code == 401 and r.headers["HX-Redirect"].startswith("/login?next=")


# ---- CSRF -------------------------------------------------------------------------------------------------

def test_unsafe_requests_by_cookie_need_the_csrf_token(hall: Hall) -> None:
    c, csrf = session(hall, "admin")
    admin_id = accounts.get_user(hall.service.sessions, "admin").id  # type: ignore[union-attr]
    before = len(accounts.list_tokens(hall.service.sessions, admin_id))
    for headers, data in (({}, {"label": "x"}), ({}, {"label": "x", "csrf_token": "wrong"}),
                          ({CSRF_HEADER: "wrong"}, {"label": "x"})):
        r = c.post("/account/tokens", data=data, headers={**HTML, **headers})
        assert r.status_code == 403 and "CSRF" in r.text
    assert len(accounts.list_tokens(hall.service.sessions, admin_id)) == before  # nothing made
    assert c.post("/account/tokens", data={"label": "form", "csrf_token": csrf}, headers=HTML).status_code == 201
    assert c.post("/account/tokens", data={"label": "htmx"}, headers={**HTML, CSRF_HEADER: csrf}).status_code == 201
    # Every unsafe route of the app, not just the account page's: refused without the token.
    for e in _endpoints(hall):
        if e.method == "GET" or e.path in PUBLIC or _permission_of(e) is None:
            continue
        r = c.request(e.method, _concrete(e.path), headers={"Accept": "application/json"})
        assert r.status_code == 403 and "CSRF" in r.json()["detail"], f"{e.method} {e.path}: {r.status_code}"
    # A token needs no CSRF token: a browser never sends that header by itself.
    r = hall.client().post("/account/tokens", data={"label": "script"}, headers=bearer(hall, UserRole.ADMIN))
    assert r.status_code == 201


# ---- the log-in limit -------------------------------------------------------------------------------------

def test_log_in_is_rate_limited_per_username_and_address(hall: Hall) -> None:
    for _ in range(5):
        assert log_in(hall, "maintenance", "wrong guess")[1].status_code == 401
    _, r = log_in(hall, "maintenance")  # the right password, but too many failures
    assert r.status_code == 429 and "登录失败次数过多" in r.text and int(r.headers["Retry-After"]) > 0
    assert log_in(hall, "centre")[1].status_code == 303  # another user from the same address
    hall.clock.advance(seconds=int(r.headers["Retry-After"]))
    assert log_in(hall, "maintenance")[1].status_code == 303
    for i in range(20):  # one address trying many names
        log_in(hall, f"nobody{i}", "wrong guess")
    _, r = log_in(hall, "viewer")
    assert r.status_code == 429
    other = hall.client(client=("10.0.0.77", 5000))
    form = other.get("/login")
    r = other.post("/login", data={"username": "viewer", "password": PASSWORD, "next": "/",
                                   "csrf_token": login_token(form.text)})
    assert r.status_code == 303


# ---- API tokens -------------------------------------------------------------------------------------------

def test_api_token_made_on_the_account_page_works_until_revoked(hall: Hall) -> None:
    c, csrf = session(hall, "maintenance")
    r = c.post("/account/tokens", data={"label": "监控脚本", "csrf_token": csrf}, headers=HTML)
    assert r.status_code == 201 and r.headers["Cache-Control"] == "no-store"
    secret = re.search(r'id="new-token-secret">(zz_[^<]+)<', r.text)
    assert secret is not None
    token = secret.group(1)
    api = hall.client(headers={"Authorization": f"Bearer {token}"})
    assert api.get("/api/incidents").status_code == 200
    assert "zz_" not in c.get("/account", headers=HTML).text.replace("Bearer zz_…", "")  # shown once only
    row = next(t for t in accounts.list_tokens(hall.service.sessions, accounts.get_user(
        hall.service.sessions, "maintenance").id) if t.name == "监控脚本")  # type: ignore[union-attr]
    assert row.last_used_at is not None
    r = c.post(f"/account/tokens/{row.id}/revoke", data={"csrf_token": csrf}, headers=HTML)
    assert r.status_code == 303
    r = api.get("/api/incidents")
    assert r.status_code == 401 and "已撤销" in r.json()["detail"]
    admin_token = hall.client().get("/api/incidents", headers=bearer(hall, UserRole.ADMIN))
    assert admin_token.status_code == 200
    others = accounts.list_tokens(hall.service.sessions, accounts.get_user(hall.service.sessions, "admin").id)  # type: ignore[union-attr]
    r = c.post(f"/account/tokens/{others[0].id}/revoke", data={"csrf_token": csrf}, headers=HTML)
    assert r.status_code == 404  # not one's own: nothing revoked
    assert hall.client().get("/api/incidents", headers=bearer(hall, UserRole.ADMIN)).status_code == 200
    r = c.post("/account/tokens", data={"label": " ", "csrf_token": csrf}, headers=HTML)
    assert r.status_code == 400 and "令牌名称" in r.text


def test_malformed_authorization_is_refused(hall: Hall) -> None:
    for value in ("Basic YWRtaW46YWRtaW4=", "Bearer", "Bearer zz_not-a-token", "zz_x"):
        r = hall.client().get("/api/incidents", headers={"Authorization": value})
        assert r.status_code == 401 and r.headers["WWW-Authenticate"] == "Bearer", value


# ---- disabled users, password changes, the pages of accounts ----------------------------------------------

def test_disabled_user_is_logged_out_and_refused(hall: Hall) -> None:
    accounts.create_user(hall.service.sessions, "temp", "centre", PASSWORD)
    token = accounts.issue_token(hall.service.sessions, "temp", "script")
    c, _ = session(hall, "temp")
    admin, csrf = session(hall, "admin")
    r = admin.post("/users/temp/disable", data={"csrf_token": csrf}, headers=HTML)
    assert r.status_code == 303
    assert c.get("/account", headers=HTML).status_code == 303
    assert hall.client().get("/api/incidents", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    _, r = log_in(hall, "temp")
    assert r.status_code == 401
    assert "已停用" in admin.get("/users", headers=HTML).text
    assert admin.post("/users/temp/enable", data={"csrf_token": csrf}, headers=HTML).status_code == 303
    assert log_in(hall, "temp")[1].status_code == 303


def test_password_change_on_the_account_page(hall: Hall) -> None:
    accounts.create_user(hall.service.sessions, "changer", "viewer", PASSWORD)
    other, _ = session(hall, "changer")
    c, csrf = session(hall, "changer")
    for data, message in (({"current_password": "wrong one", "new_password": "new password 1",
                            "new_password2": "new password 1"}, "当前密码不正确"),
                          ({"current_password": PASSWORD, "new_password": "new password 1",
                            "new_password2": "new password 2"}, "不一致"),
                          ({"current_password": PASSWORD, "new_password": "short", "new_password2": "short"},
                           "至少需要 8 个字符")):
        r = c.post("/account/password", data={**data, "csrf_token": csrf}, headers=HTML)
        assert r.status_code == 400 and message in r.text
    assert other.get("/account", headers=HTML).status_code == 200  # nothing changed
    r = c.post("/account/password", data={"current_password": PASSWORD, "new_password": "new password 1",
                                          "new_password2": "new password 1", "csrf_token": csrf}, headers=HTML)
    assert r.status_code == 303
    page = c.get(r.headers["location"], headers=HTML)
    assert page.status_code == 200 and "密码已修改" in page.text  # this browser goes on, in a new session
    assert other.get("/account", headers=HTML).status_code == 303  # every other one is logged out
    assert log_in(hall, "changer")[1].status_code == 401
    assert log_in(hall, "changer", "new password 1")[1].status_code == 303


def test_administrator_adds_users_and_bad_input_changes_nothing(hall: Hall) -> None:
    admin, csrf = session(hall, "admin")
    before = len(accounts.list_users(hall.service.sessions))
    bad = [({"username": "bad name", "role": "viewer", "password": PASSWORD, "password2": PASSWORD}, "用户名"),
           ({"username": "newbie", "role": "root", "password": PASSWORD, "password2": PASSWORD}, "未知角色"),
           ({"username": "newbie", "role": "viewer", "password": "short", "password2": "short"}, "至少需要"),
           ({"username": "newbie", "role": "viewer", "password": PASSWORD, "password2": "other"}, "不一致"),
           ({"username": "admin", "role": "viewer", "password": PASSWORD, "password2": PASSWORD}, "已存在")]
    for data, message in bad:
        r = admin.post("/users", data={**data, "display_name": "新人", "csrf_token": csrf}, headers=HTML)
        assert r.status_code == 400 and message in r.text, data
        assert 'value="新人"' in r.text  # the form comes back filled in
    assert len(accounts.list_users(hall.service.sessions)) == before
    r = admin.post("/users", data={"username": "Newbie", "display_name": "新人", "role": "maintenance",
                                   "password": PASSWORD, "password2": PASSWORD, "csrf_token": csrf}, headers=HTML)
    assert r.status_code == 303
    assert "已添加用户 newbie" in admin.get(r.headers["location"], headers=HTML).text
    r = admin.post("/users/newbie/role", data={"role": "centre", "csrf_token": csrf}, headers=HTML)
    assert r.status_code == 303
    assert accounts.get_user(hall.service.sessions, "newbie").role == "centre"  # type: ignore[union-attr]
    r = admin.post("/users/newbie/password", data={"password": "reset password", "password2": "reset password",
                                                   "csrf_token": csrf}, headers=HTML)
    assert r.status_code == 303 and log_in(hall, "newbie", "reset password")[1].status_code == 303
    r = admin.post("/users/ghost/disable", data={"csrf_token": csrf}, headers=HTML)
    assert r.status_code == 400 and "没有用户" in r.text
    page = admin.get("/users", headers=HTML).text
    assert "修改角色" in page and "newbie" in page  # the account changes, with who made them
    entries = accounts.audit_entries(hall.service.sessions, target="user:newbie")
    assert {(e.actor, e.action) for e in entries} >= {("admin", "user.create"), ("admin", "user.role"),
                                                       ("admin", "user.password")}


def test_start_warns_without_an_administrator_and_makes_the_key(tmp_path: Path,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    cfg = HallConfig(hall=HallInfo(id="h2"),
                     server=HallServerConfig(database_url=f"sqlite:///{tmp_path}/db/hall.sqlite3"))
    service = HallService(cfg, tick=False)
    try:
        with caplog.at_level("WARNING", logger="zizhu.hall.auth"):
            app = create_app(service)
        assert "no enabled hall administrator" in caplog.text and "zizhu hall user add" in caplog.text
        key = tmp_path / "db" / "zizhu-hall-session.key"
        assert key.stat().st_mode & 0o777 == 0o600
        accounts.create_user(service.sessions, "boss", "admin", PASSWORD)
        caplog.clear()
        with caplog.at_level("WARNING", logger="zizhu.hall.auth"):
            again = create_app(service)
        assert "administrator" not in caplog.text
        # The same key after a restart: a session cookie stays valid.
        assert again.state.auth.sign("x") == app.state.auth.sign("x")
    finally:
        service.engine.dispose()


def test_cookie_is_secure_over_https(hall: Hall) -> None:
    c = TestClient(hall.app, base_url="https://testserver", follow_redirects=False)
    form = c.get("/login")
    r = c.post("/login", data={"username": "viewer", "password": PASSWORD, "next": "/",
                               "csrf_token": login_token(form.text)})
    assert r.status_code == 303
    cookie = next(h for h in r.headers.get_list("set-cookie") if h.startswith(f"{SESSION_COOKIE}="))
    assert "Secure" in cookie and "HttpOnly" in cookie


def test_every_change_is_in_the_audit_log_with_the_logged_in_user(hall: Hall) -> None:
    def trail() -> list[tuple[str, str, str]]:
        return [(e.actor, e.action, e.detail) for e in accounts.audit_entries(hall.service.sessions, limit=20)
                if e.action.startswith(("POST ", "DELETE ", "PUT ", "PATCH "))]

    before = trail()
    api = hall.client()
    r = api.post("/api/notices", json={"title": "停电通知", "message": "下午两点停电"},
                 headers=bearer(hall, UserRole.CENTRE))
    assert r.status_code == 200 and r.json()["created_by"] == "centre"
    assert trail()[0] == ("centre", "POST /api/notices", "HTTP 200 (API 令牌)")
    r = api.post("/api/notices", json={"title": "x"}, headers=bearer(hall, UserRole.VIEWER))
    assert r.status_code == 403
    r = api.post("/api/notices", json={"title": ""}, headers=bearer(hall, UserRole.CENTRE))
    assert r.status_code == 422
    assert len(trail()) == len(before) + 1  # refused and bad requests changed nothing: no entry
    c, csrf = session(hall, "admin")
    r = c.post("/api/notices", json={"title": "恢复通知"}, headers={CSRF_HEADER: csrf})
    assert r.status_code == 200
    notice_id = r.json()["id"]
    assert c.delete(f"/api/notices/{notice_id}", headers={CSRF_HEADER: csrf}).status_code == 200
    assert trail()[:2] == [("admin", f"DELETE /api/notices/{notice_id}", "HTTP 200"),
                           ("admin", "POST /api/notices", "HTTP 200")]


def test_log_in_form_of_another_tab_works_while_logged_in(hall: Hall) -> None:
    c = hall.client()
    stale = c.get("/login", headers=HTML)  # a second tab, opened before logging in
    token = login_token(stale.text)
    fresh = c.get("/login", headers=HTML)
    r = c.post("/login", data={"username": "viewer", "password": PASSWORD, "next": "/",
                               "csrf_token": login_token(fresh.text)}, headers=HTML)
    assert r.status_code == 303
    c.cookies.set("zizhu_login", stale.cookies["zizhu_login"], path="/login")
    r = c.post("/login", data={"username": "centre", "password": PASSWORD, "next": "/account",
                               "csrf_token": token}, headers=HTML)
    assert r.status_code == 303 and r.headers["location"] == "/account"
    assert "中心甲" in c.get("/account", headers=HTML).text  # the new log-in replaced the old session
