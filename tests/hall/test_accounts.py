"""Accounts without the web: roles and the permission table, passwords, tokens, sessions, the audit log,
the log-in throttle, the signing key and the ``zizhu hall user`` commands."""

from __future__ import annotations

import io
import stat
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher
from sqlalchemy.orm import Session, sessionmaker

from ground.clock import FakeClock
from hall_server import accounts
from hall_server.accounts import (
    PERMISSIONS,
    AccountError,
    ApiToken,
    AuditEntry,
    LoginThrottle,
    Permission,
    User,
    UserRole,
    WebSession,
)
from hall_server.db import open_database
from hall_server.faults import Role
from zizhu.cli import main as zizhu

# Cheap parameters for the tests' many hashes; production uses argon2-cffi's defaults.
CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
IDLE = timedelta(minutes=30)


@pytest.fixture(autouse=True)
def _cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "HASHER", CHEAP)
    monkeypatch.setattr(accounts, "_DUMMY_HASH", None)


@pytest.fixture
def db(db_url: str) -> Iterator[sessionmaker[Session]]:
    engine, sessions = open_database(db_url)
    yield sessions
    engine.dispose()


@pytest.fixture
def sqlite_db(sqlite_url: str) -> Iterator[sessionmaker[Session]]:
    engine, sessions = open_database(sqlite_url)
    yield sessions
    engine.dispose()


def count(sessions: sessionmaker[Session], model: type[object]) -> int:
    with sessions() as s:
        return int(s.scalar(sa.select(sa.func.count()).select_from(model)) or 0)


# ---- roles and permissions --------------------------------------------------------------------------------

def test_permission_table_is_the_plan() -> None:
    a, m, c, v = UserRole.ADMIN, UserRole.MAINTENANCE, UserRole.CENTRE, UserRole.VIEWER
    assert dict(PERMISSIONS) == {
        Permission.VIEW: {a, m, c, v},
        Permission.HANDLE_INCIDENTS: {a, m, c},
        Permission.COMMAND_TERMINALS: {a, m},
        Permission.MANAGE_TERMINALS: {a},
        Permission.POST_NOTICES: {a, c},
        Permission.REQUEST_SHUTDOWN: {a, m},
        Permission.DECIDE_SHUTDOWN: {a},
        Permission.INSPECT: {a, m},
        Permission.CONFIRM_READINESS: {a},
        Permission.MANAGE_USERS: {a},
        Permission.CALL_BACK: {a, c},
        Permission.REQUEST_RECORDING: {a, m, c},
        Permission.APPROVE_RECORDING: {c},
        Permission.RECTIFY: {a, c},
        Permission.HANDLE_COMPLAINTS: {a, c},
        Permission.HANDLE_APPOINTMENTS: {a, c},
    }
    assert set(PERMISSIONS) == set(Permission)  # nothing left without a rule
    assert accounts.allowed("viewer", Permission.VIEW) and not accounts.allowed("viewer", Permission.INSPECT)
    assert not accounts.allowed("root", Permission.VIEW)  # an unknown role may do nothing


def test_roles_match_the_alert_roles_of_the_fault_table() -> None:
    for role in Role:
        assert UserRole(role.value).label == role.label
    assert UserRole.VIEWER.label == "查看"
    assert all(p.label for p in Permission)


# ---- users and passwords ----------------------------------------------------------------------------------

def test_create_and_authenticate(db: sessionmaker[Session]) -> None:
    user = accounts.create_user(db, "Wang.Li", "maintenance", "correct horse", display_name=" 王力 ")
    assert (user.username, user.role, user.display_name, user.disabled) == ("wang.li", "maintenance", "王力", False)
    with db() as s:
        stored = s.scalars(sa.select(User.password_hash)).one()
    assert stored.startswith("$argon2id$") and "correct horse" not in stored
    assert accounts.authenticate(db, "WANG.LI", "correct horse") is not None  # names are case-insensitive
    assert accounts.authenticate(db, "wang.li", "correct horsE") is None
    assert accounts.authenticate(db, "nobody", "correct horse") is None
    assert accounts.authenticate(db, "bad name!", "correct horse") is None
    assert [e.action for e in accounts.audit_entries(db)] == ["user.create"]


@pytest.mark.parametrize(("username", "role", "password", "message"), [
    ("", "admin", "long enough", "用户名"),
    ("a b", "admin", "long enough", "用户名"),
    ("-dash", "admin", "long enough", "用户名"),
    ("x" * 65, "admin", "long enough", "用户名"),
    ("ok", "root", "long enough", "未知角色"),
    ("ok", "admin", "short", "至少需要 8 个字符"),
    ("ok", "admin", " padded password ", "首尾"),
    ("ok", "admin", "x" * 257, "最多"),
])
def test_bad_input_is_refused_and_changes_nothing(sqlite_db: sessionmaker[Session], username: str, role: str,
                                                  password: str, message: str) -> None:
    with pytest.raises(AccountError, match=message):
        accounts.create_user(sqlite_db, username, role, password)
    assert count(sqlite_db, User) == 0 and count(sqlite_db, AuditEntry) == 0


def test_username_taken(sqlite_db: sessionmaker[Session]) -> None:
    accounts.create_user(sqlite_db, "li", "viewer", "first password")
    with pytest.raises(AccountError, match="已存在"):
        accounts.create_user(sqlite_db, "LI", "admin", "second password")
    assert count(sqlite_db, User) == 1


def test_outdated_hash_is_replaced_at_log_in(sqlite_db: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch) -> None:
    accounts.create_user(sqlite_db, "li", "viewer", "the password")
    with sqlite_db() as s:
        old = s.scalars(sa.select(User.password_hash)).one()
    monkeypatch.setattr(accounts, "HASHER", PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1))
    assert accounts.authenticate(sqlite_db, "li", "the password") is not None
    with sqlite_db() as s:
        new = s.scalars(sa.select(User.password_hash)).one()
    assert new != old and "m=2048,t=2" in new
    assert accounts.authenticate(sqlite_db, "li", "the password") is not None
    with sqlite_db() as s:
        assert s.scalars(sa.select(User.password_hash)).one() == new  # current: left alone


def test_password_change_ends_every_session(sqlite_db: sessionmaker[Session]) -> None:
    user = accounts.create_user(sqlite_db, "li", "viewer", "the password")
    one, _ = accounts.start_session(sqlite_db, user.id, "10.0.0.5")
    two, _ = accounts.start_session(sqlite_db, user.id, "10.0.0.6")
    assert accounts.session_for(sqlite_db, one, IDLE) is not None
    accounts.set_password(sqlite_db, "li", "a new password", actor="admin")
    assert accounts.session_for(sqlite_db, one, IDLE) is None
    assert accounts.session_for(sqlite_db, two, IDLE) is None
    assert accounts.authenticate(sqlite_db, "li", "the password") is None
    assert accounts.authenticate(sqlite_db, "li", "a new password") is not None
    with pytest.raises(AccountError, match="至少"):
        accounts.set_password(sqlite_db, "li", "short", actor="admin")
    assert accounts.authenticate(sqlite_db, "li", "a new password") is not None
    assert accounts.verify_password(sqlite_db, user.id, "a new password")
    assert not accounts.verify_password(sqlite_db, user.id, "the password")


def test_disable_ends_sessions_refuses_tokens_and_log_in(sqlite_db: sessionmaker[Session]) -> None:
    accounts.create_user(sqlite_db, "boss", "admin", "boss password")
    user = accounts.create_user(sqlite_db, "li", "maintenance", "the password")
    secret, _ = accounts.start_session(sqlite_db, user.id)
    token = accounts.issue_token(sqlite_db, "li", "script")
    accounts.set_disabled(sqlite_db, "li", actor="boss")
    assert accounts.session_for(sqlite_db, secret, IDLE) is None
    assert accounts.user_for_token(sqlite_db, token) is None
    assert accounts.authenticate(sqlite_db, "li", "the password") is None
    with pytest.raises(AccountError, match="已停用"):
        accounts.issue_token(sqlite_db, "li", "another")
    accounts.set_disabled(sqlite_db, "li", False, actor="boss")
    found = accounts.user_for_token(sqlite_db, token)
    assert found is not None and found[0].username == "li"  # a token comes back with its user
    assert accounts.session_for(sqlite_db, secret, IDLE) is None  # an ended session does not
    actions = [(e.actor, e.action) for e in accounts.audit_entries(sqlite_db, target="user:li")]
    assert ("boss", "user.disable") in actions and ("boss", "user.enable") in actions


def test_the_last_administrator_cannot_be_disabled(sqlite_db: sessionmaker[Session]) -> None:
    accounts.create_user(sqlite_db, "one", "admin", "the password")
    assert accounts.enabled_admins(sqlite_db) == 1
    with pytest.raises(AccountError, match="最后一个"):
        accounts.set_disabled(sqlite_db, "one", actor="cli")
    accounts.create_user(sqlite_db, "two", "admin", "the password")
    accounts.set_disabled(sqlite_db, "one", actor="two")
    assert accounts.enabled_admins(sqlite_db) == 1
    with pytest.raises(AccountError, match="没有用户"):
        accounts.set_disabled(sqlite_db, "three", actor="two")


# ---- tokens and sessions ----------------------------------------------------------------------------------

def test_tokens_are_stored_as_hashes_and_revocable(db: sessionmaker[Session]) -> None:
    user = accounts.create_user(db, "li", "centre", "the password")
    clock = FakeClock()
    secret = accounts.issue_token(db, "li", " 监控脚本 ", now=clock.now())
    assert secret.startswith("zz_") and len(secret) > 40
    with db() as s:
        row = s.scalars(sa.select(ApiToken)).one()
    assert row.token_hash == accounts.sha256_hex(secret) and row.name == "监控脚本" and row.last_used_at is None
    found = accounts.user_for_token(db, secret, clock.now())
    assert found is not None and found[0].id == user.id
    assert accounts.list_tokens(db, user.id)[0].last_used_at == clock.now()
    assert accounts.user_for_token(db, secret + "x") is None
    assert accounts.user_for_token(db, "not a token") is None
    other = accounts.create_user(db, "wang", "viewer", "the password")
    with pytest.raises(AccountError, match="没有令牌"):
        accounts.revoke_token(db, row.id, actor="wang", user_id=other.id)  # not one's own
    assert accounts.user_for_token(db, secret) is not None
    accounts.revoke_token(db, row.id, actor="li", user_id=user.id)
    assert accounts.user_for_token(db, secret) is None
    with pytest.raises(AccountError, match="令牌名称"):
        accounts.issue_token(db, "li", "   ")
    with pytest.raises(AccountError, match="没有用户"):
        accounts.issue_token(db, "ghost", "label")


def test_session_expires_after_inactivity(db: sessionmaker[Session]) -> None:
    clock = FakeClock()
    user = accounts.create_user(db, "li", "viewer", "the password")
    secret, row = accounts.start_session(db, user.id, "192.0.2.7", now=clock.now())
    assert row.id == accounts.sha256_hex(secret) and len(row.csrf_token) >= 32
    for _ in range(4):  # in use: each request restarts the inactivity clock
        clock.advance(minutes=20)
        assert accounts.session_for(db, secret, IDLE, clock.now()) is not None
    clock.advance(minutes=31)
    assert accounts.session_for(db, secret, IDLE, clock.now()) is None
    clock.advance(seconds=-60 * 31)  # ended for good, even if the clock were read earlier
    assert accounts.session_for(db, secret, IDLE, clock.now()) is None
    with db() as s:
        assert s.get(WebSession, row.id).ended_at is not None  # type: ignore[union-attr]
    assert accounts.session_for(db, "unknown", IDLE) is None


def test_log_out_ends_the_session(sqlite_db: sessionmaker[Session]) -> None:
    user = accounts.create_user(sqlite_db, "li", "viewer", "the password")
    secret, _ = accounts.start_session(sqlite_db, user.id)
    other, _ = accounts.start_session(sqlite_db, user.id)
    accounts.end_session(sqlite_db, secret)
    accounts.end_session(sqlite_db, secret)  # twice: harmless
    assert accounts.session_for(sqlite_db, secret, IDLE) is None
    assert accounts.session_for(sqlite_db, other, IDLE) is not None


# ---- the audit log ----------------------------------------------------------------------------------------

def test_audit_log_is_append_only(db: sessionmaker[Session]) -> None:
    accounts.record_audit(db, "li", "notice.post", "notice:1", "停电通知")
    with db() as s:
        entry = s.scalars(sa.select(AuditEntry)).one()
    assert (entry.actor, entry.action, entry.target, entry.detail) == ("li", "notice.post", "notice:1", "停电通知")
    for statement in ("UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"):
        with pytest.raises(sa.exc.DBAPIError, match="append-only"), db.begin() as s:
            s.execute(sa.text(statement))
    assert count(db, AuditEntry) == 1
    with db() as s:
        assert s.scalars(sa.select(AuditEntry.actor)).one() == "li"


# ---- the log-in throttle ----------------------------------------------------------------------------------

def test_throttle_per_username_and_per_address() -> None:
    clock = FakeClock()
    t = LoginThrottle(per_user=5, per_address=8, window=timedelta(minutes=5), clock=clock)
    for _ in range(4):
        t.failed("li", "10.0.0.1")
        clock.advance(10)
    assert t.retry_after("li", "10.0.0.1") is None
    t.failed("LI", "10.0.0.2")  # the fifth failure for the user, from another address
    wait = t.retry_after("li", "10.0.0.3")
    assert wait == 5 * 60 - 40  # until the first failure leaves the window
    assert t.retry_after("wang", "10.0.0.3") is None  # another user is not held up
    clock.advance(wait)
    assert t.retry_after("li", "10.0.0.3") is None
    for i in range(8):  # one address guessing many names
        t.failed(f"user{i}", "10.9.9.9")
    assert t.retry_after("someone", "10.9.9.9") is not None
    assert t.retry_after("someone", "10.9.9.8") is None
    t.succeeded("user7")  # a success clears the username's count, not the address's
    assert t.retry_after("user7", "10.9.9.8") is None
    assert t.retry_after("user7", "10.9.9.9") is not None


def test_throttle_memory_is_bounded() -> None:
    clock = FakeClock()
    t = LoginThrottle(clock=clock, max_keys=50)
    for i in range(500):
        t.failed(f"u{i}", f"10.0.{i // 250}.{i % 250}")
    assert len(t._failures) <= 50
    clock.advance(minutes=6)
    t.failed("late", "10.1.1.1")
    assert len(t._failures) == 2  # the expired ones were dropped to make room


# ---- the signing key --------------------------------------------------------------------------------------

def test_signing_key_is_made_once_with_mode_0600(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "session.key"
    key = accounts.load_or_create_key(path)
    assert len(key) >= 32 and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert accounts.load_or_create_key(path) == key
    short = tmp_path / "short.key"
    short.write_text("abc")
    with pytest.raises(AccountError, match="太短"):
        accounts.load_or_create_key(short)


# ---- zizhu hall user … ------------------------------------------------------------------------------------

@pytest.fixture
def hall_file(tmp_path: Path) -> Path:
    path = tmp_path / "hall.toml"
    path.write_text(f'kind = "hall"\n[hall]\nid = "h1"\n[server]\ndatabase_url = "sqlite:///{tmp_path}/hall.sqlite3"\n')
    return path


def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], hall_file: Path, *argv: str,
        stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    rc = zizhu(["hall", "user", *argv, "--config", str(hall_file)])
    out, err = capsys.readouterr()
    return rc, out, err


def test_cli_makes_the_first_administrator_and_manages_accounts(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], hall_file: Path,
        request: pytest.FixtureRequest) -> None:
    def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
        return cli(monkeypatch, capsys, hall_file, *argv, stdin=stdin)

    rc, out, _ = run("list")
    assert rc == 0 and "还没有账户" in out
    assert run("add", "Admin", "--role", "admin", "--display-name", "王管理", "--password-stdin",
               stdin="first password\n")[0] == 0
    prompts = iter(["typed password", "typed password"])
    monkeypatch.setattr("getpass.getpass", lambda _prompt="": next(prompts))
    assert run("add", "tech", "--role", "maintenance")[0] == 0
    rc, out, _ = run("list")
    assert rc == 0 and "admin\t大厅管理员(admin)\t启用\t王管理" in out and "tech\t运维(maintenance)" in out

    engine, sessions = open_database(f"sqlite:///{hall_file.parent}/hall.sqlite3")
    request.addfinalizer(engine.dispose)
    assert accounts.authenticate(sessions, "admin", "first password") is not None
    assert accounts.authenticate(sessions, "tech", "typed password") is not None

    prompts = iter(["one password", "another one"])
    rc, _, err = run("passwd", "tech")
    assert rc == 2 and "不一致" in err
    assert accounts.authenticate(sessions, "tech", "typed password") is not None
    assert run("passwd", "tech", "--password-stdin", stdin="newer password\n")[0] == 0
    assert accounts.authenticate(sessions, "tech", "newer password") is not None

    rc, out, err = run("token", "tech", "--label", "监控脚本")
    assert rc == 0 and "只显示这一次" in err
    found = accounts.user_for_token(sessions, out.strip())
    assert found is not None and found[0].username == "tech"

    assert run("disable", "tech")[0] == 0
    assert accounts.authenticate(sessions, "tech", "newer password") is None
    assert "已停用" in run("list")[1]
    assert run("enable", "tech")[0] == 0
    rc, _, err = run("disable", "admin")
    assert rc == 2 and "最后一个" in err and "未做任何更改" in err
    assert accounts.enabled_admins(sessions) == 1
    actors = {e.actor for e in accounts.audit_entries(sessions)}
    assert any(a.startswith("cli:") for a in actors)


def test_cli_refuses_bad_input(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                               hall_file: Path) -> None:
    def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
        return cli(monkeypatch, capsys, hall_file, *argv, stdin=stdin)

    rc, _, err = run("add", "li", "--role", "viewer", "--password-stdin", stdin="short\n")
    assert rc == 2 and "至少需要 8 个字符" in err
    rc, _, err = run("add", "bad name", "--role", "viewer", "--password-stdin", stdin="long password\n")
    assert rc == 2 and "用户名" in err
    rc, _, err = run("passwd", "ghost", "--password-stdin", stdin="long password\n")
    assert rc == 2 and "没有用户" in err
    rc, _, err = run("token", "ghost", "--label", "x")
    assert rc == 2 and "没有用户" in err
    with pytest.raises(SystemExit):
        run("add", "li", "--role", "root", "--password-stdin", stdin="long password\n")
    engine, sessions = open_database(f"sqlite:///{hall_file.parent}/hall.sqlite3")
    assert accounts.list_users(sessions) == []
    engine.dispose()
    missing = hall_file.parent / "missing.toml"
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert zizhu(["hall", "user", "list", "--config", str(missing)]) == 2


def test_role_change_keeps_an_administrator(sqlite_db: sessionmaker[Session]) -> None:
    accounts.create_user(sqlite_db, "one", "admin", "the password")
    accounts.create_user(sqlite_db, "li", "viewer", "the password")
    with pytest.raises(AccountError, match="最后一个"):
        accounts.set_role(sqlite_db, "one", "viewer", actor="one")
    with pytest.raises(AccountError, match="未知角色"):
        accounts.set_role(sqlite_db, "li", "boss", actor="one")
    accounts.set_role(sqlite_db, "li", "admin", actor="one")
    accounts.set_role(sqlite_db, "one", "centre", actor="li")
    roles = {u.username: u.role for u in accounts.list_users(sqlite_db)}
    assert roles == {"one": "centre", "li": "admin"}
    assert ("li", "user.role", "大厅管理员 → 中心") in [
        (e.actor, e.action, e.detail) for e in accounts.audit_entries(sqlite_db, target="user:one")]


def test_demo_makes_one_account_per_role(sqlite_db: sessionmaker[Session]) -> None:
    from zizhu.demo import _demo_accounts

    first = _demo_accounts(sqlite_db)
    assert {accounts.get_user(sqlite_db, name).role for name, _, _ in first} == set(UserRole)  # type: ignore[union-attr]
    for name, password, _label in first:
        assert accounts.authenticate(sqlite_db, name, password) is not None
    again = _demo_accounts(sqlite_db)  # the same work directory: fresh passwords, the same accounts
    assert len(accounts.list_users(sqlite_db)) == 4
    for (name, old, _), (_, new, _) in zip(first, again, strict=True):
        assert old != new and accounts.authenticate(sqlite_db, name, new) is not None
