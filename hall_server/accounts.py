"""Accounts of the hall server: users with roles, who may do what, passwords, API tokens, web sessions, audit.

Roles: 大厅管理员 (admin), 运维 (maintenance), 中心 (centre) — the alert roles of the fault table
(:class:`hall_server.faults.Role`) — and 查看 (viewer). :data:`PERMISSIONS` is the one place that says
which role may do what; the web side asks :func:`allowed` (through ``hall_server.web.auth.require``).

Passwords are hashed with Argon2id (argon2-cffi; rehashed on log-in when the parameters change). An API
token is ``zz_`` + a random secret; only its SHA-256 is stored, the secret is shown once. A web session is
a row keyed by the SHA-256 of the cookie's random secret, ended on log-out, on inactivity, on a password
change and when the user is disabled. The audit log is append-only (a trigger refuses UPDATE and DELETE).
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import re
import secrets
import threading
from collections import deque
from collections.abc import Mapping
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from ground.clock import Clock, SystemClock, utcnow
from hall_server.db import Base, write_sessions

log = logging.getLogger("zizhu.hall.accounts")


class UserRole(StrEnum):
    """A user's role; the first three are the alert roles of the fault table (same values)."""

    ADMIN = "admin"  # 大厅管理员
    MAINTENANCE = "maintenance"  # 运维
    CENTRE = "centre"  # 中心
    VIEWER = "viewer"  # 查看

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS: Mapping[UserRole, str] = {
    UserRole.ADMIN: "大厅管理员", UserRole.MAINTENANCE: "运维", UserRole.CENTRE: "中心", UserRole.VIEWER: "查看"}


class Permission(StrEnum):
    VIEW = "view"
    HANDLE_INCIDENTS = "handle_incidents"
    COMMAND_TERMINALS = "command_terminals"
    MANAGE_TERMINALS = "manage_terminals"
    POST_NOTICES = "post_notices"
    REQUEST_SHUTDOWN = "request_shutdown"
    DECIDE_SHUTDOWN = "decide_shutdown"
    INSPECT = "inspect"
    CONFIRM_READINESS = "confirm_readiness"
    MANAGE_USERS = "manage_users"
    CALL_BACK = "call_back"
    REQUEST_RECORDING = "request_recording"
    APPROVE_RECORDING = "approve_recording"
    RECTIFY = "rectify"
    HANDLE_COMPLAINTS = "handle_complaints"
    HANDLE_APPOINTMENTS = "handle_appointments"

    @property
    def label(self) -> str:
        return PERMISSION_LABELS[self]


PERMISSION_LABELS: Mapping[Permission, str] = {
    Permission.VIEW: "查看", Permission.HANDLE_INCIDENTS: "处理故障", Permission.COMMAND_TERMINALS: "远程操作终端",
    Permission.MANAGE_TERMINALS: "管理终端登记", Permission.POST_NOTICES: "发布公告",
    Permission.REQUEST_SHUTDOWN: "申请计划停机", Permission.DECIDE_SHUTDOWN: "审批计划停机",
    Permission.INSPECT: "设备巡检", Permission.CONFIRM_READINESS: "确认投入运行", Permission.MANAGE_USERS: "管理账户",
    Permission.CALL_BACK: "回访（查看投诉人电话）", Permission.RECTIFY: "差评整改",
    Permission.REQUEST_RECORDING: "申请查阅监控录像", Permission.APPROVE_RECORDING: "审批查阅监控录像",
    Permission.HANDLE_COMPLAINTS: "办理投诉工单", Permission.HANDLE_APPOINTMENTS: "办理延时服务预约"}

_A, _M, _C, _V = UserRole.ADMIN, UserRole.MAINTENANCE, UserRole.CENTRE, UserRole.VIEWER

#: Who may do what: the only home of this rule.
PERMISSIONS: Mapping[Permission, frozenset[UserRole]] = {
    Permission.VIEW: frozenset({_A, _M, _C, _V}),
    Permission.HANDLE_INCIDENTS: frozenset({_A, _M, _C}),
    Permission.COMMAND_TERMINALS: frozenset({_A, _M}),
    Permission.MANAGE_TERMINALS: frozenset({_A}),
    Permission.POST_NOTICES: frozenset({_A, _C}),
    Permission.REQUEST_SHUTDOWN: frozenset({_A, _M}),
    Permission.DECIDE_SHUTDOWN: frozenset({_A}),
    Permission.INSPECT: frozenset({_A, _M}),
    Permission.CONFIRM_READINESS: frozenset({_A}),
    Permission.MANAGE_USERS: frozenset({_A}),
    # the complaint window's call-back (回访): the hall administrator and the centre see the phone in clear
    Permission.CALL_BACK: frozenset({_A, _C}),
    # CCTV recordings (seed 000 四(三)): viewing needs the centre's approval and a register (docs/recordings.md)
    Permission.REQUEST_RECORDING: frozenset({_A, _M, _C}),
    Permission.APPROVE_RECORDING: frozenset({_C}),
    # a bad review's rectification case, step by step (核实, 整改, 反馈, 办结): the hall administrator and the centre
    Permission.RECTIFY: frozenset({_A, _C}),
    # the complaint work order's steps (交办, 延期, 答复, 回访): the hall administrator and the centre
    Permission.HANDLE_COMPLAINTS: frozenset({_A, _C}),
    # a Saturday appointment's steps (已到场, 已联系; docs/appointments.md): the hall administrator and the centre
    Permission.HANDLE_APPOINTMENTS: frozenset({_A, _C}),
}


def allowed(role: UserRole | str, permission: Permission) -> bool:
    """Whether ``role`` may do what ``permission`` names (an unknown role may do nothing)."""
    try:
        return UserRole(role) in PERMISSIONS[permission]
    except ValueError:
        return False


def sha256_hex(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def random_secret() -> str:
    return secrets.token_urlsafe(32)


class User(Base):
    """A person who logs in to the dashboard (or a script, through the person's API tokens)."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64))
    display_name: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[str] = mapped_column(String(32))
    password_hash: Mapped[str] = mapped_column(String(255))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    password_changed_at: Mapped[datetime]

    __table_args__ = (UniqueConstraint("username", name="users_username"),)

    @property
    def label(self) -> str:
        """The name to show: the display name, else the username."""
        return self.display_name or self.username


class ApiToken(Base):
    """A token for scripts and integrations (``Authorization: Bearer zz_…``); only its SHA-256 is kept."""

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    __table_args__ = (UniqueConstraint("token_hash", name="api_tokens_token_hash"),)


class WebSession(Base):
    """A logged-in browser: keyed by the SHA-256 of the cookie's secret."""

    __tablename__ = "web_sessions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    csrf_token: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(64), default="")
    ended_at: Mapped[datetime | None]


class AuditEntry(Base):
    """Append-only record of who changed what (accounts, and every change people make on the web)."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(200), default="")
    detail: Mapped[str] = mapped_column(Text, default="")


# ---- errors and rules of input --------------------------------------------------------------------------

USERNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
MIN_PASSWORD = 8
MAX_PASSWORD = 256
TOKEN_PREFIX = "zz_"


class AccountError(ValueError):
    """Bad input or a refused change; the message is Chinese, for the person who made the request."""


def normalize_username(username: str) -> str:
    """``username`` as stored: lower case; :class:`AccountError` if it is not one."""
    name = username.strip()
    if not USERNAME.fullmatch(name):
        raise AccountError("用户名须为 1–64 个字母、数字、点、下划线或连字符，并以字母或数字开头")
    return name.lower()


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"密码至少需要 {MIN_PASSWORD} 个字符")
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"密码最多 {MAX_PASSWORD} 个字符")
    if password.strip() != password or "\x00" in password:
        raise AccountError("密码首尾不能是空白字符，也不能含有空字符")


def _role(role: UserRole | str) -> UserRole:
    try:
        return UserRole(role)
    except ValueError:
        names = "、".join(f"{r.value}（{r.label}）" for r in UserRole)
        raise AccountError(f"未知角色“{role}”：可选 {names}") from None


def _display_name(display_name: str) -> str:
    name = display_name.strip()
    if len(name) > 100:
        raise AccountError("显示名称最多 100 个字符")
    return name


# ---- passwords ------------------------------------------------------------------------------------------

# Argon2id with argon2-cffi's defaults (RFC 9106's second recommendation); a hash made with other
# parameters is replaced at the next successful log-in.
HASHER = PasswordHasher()
_DUMMY_HASH: str | None = None


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def _verify(stored: str, password: str) -> bool:
    try:
        return HASHER.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _dummy_verify(password: str) -> None:
    """As long as a real check: an unknown username takes as long to refuse as a wrong password."""
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = HASHER.hash(random_secret())
    _verify(_DUMMY_HASH, password)


# ---- audit ----------------------------------------------------------------------------------------------

ACTION_LABELS: Mapping[str, str] = {
    "user.create": "添加用户", "user.password": "修改密码", "user.disable": "停用账户", "user.enable": "启用账户",
    "user.role": "修改角色", "token.issue": "生成令牌", "token.revoke": "撤销令牌", "session.login": "登录",
    "session.logout": "退出", "session.login_failed": "登录失败",
    "recording.requested": "申请查阅录像", "recording.approved": "批准查阅录像", "recording.rejected": "驳回查阅录像",
    "recording.viewed": "查看录像", "recording.view_refused": "查看录像被拒绝",
    "complaint.phone_shown": "查看投诉人电话", "complaint.assign": "交办投诉工单", "complaint.extend": "延期投诉工单",
    "complaint.answer": "登记投诉答复", "complaint.call_back": "登记投诉回访"}


def audit(s: Session, actor: str, action: str, target: str = "", detail: str = "", *,
          now: datetime | None = None) -> None:
    """Add an audit entry to ``s`` (committed with the change it records)."""
    s.add(AuditEntry(at=now or utcnow(), actor=actor[:100], action=action[:64], target=target[:200], detail=detail))


def record_audit(sessions: sessionmaker[Session], actor: str, action: str, target: str = "", detail: str = "", *,
                 now: datetime | None = None) -> None:
    """Write one audit entry in a transaction of its own."""
    with write_sessions(sessions).begin() as s:
        audit(s, actor, action, target, detail, now=now)


def audit_entries(sessions: sessionmaker[Session], limit: int = 200, target: str | None = None) -> list[AuditEntry]:
    """The newest entries first (of one target, if given)."""
    q = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if target is not None:
        q = q.where(AuditEntry.target == target)
    with sessions() as s:
        return list(s.scalars(q))


# ---- users ----------------------------------------------------------------------------------------------

def _user(s: Session, username: str) -> User:
    user = s.scalar(select(User).where(User.username == normalize_username(username)))
    if user is None:
        raise AccountError(f"没有用户“{username.strip()}”")
    return user


def get_user(sessions: sessionmaker[Session], username: str) -> User | None:
    try:
        name = normalize_username(username)
    except AccountError:
        return None
    with sessions() as s:
        return s.scalar(select(User).where(User.username == name))


def list_users(sessions: sessionmaker[Session]) -> list[User]:
    with sessions() as s:
        return list(s.scalars(select(User).order_by(User.username)))


def enabled_admins(sessions: sessionmaker[Session]) -> int:
    """How many enabled hall administrators exist (the hall server warns at start when none does)."""
    with sessions() as s:
        return len(list(s.scalars(select(User.id).where(User.role == UserRole.ADMIN.value,
                                                         User.disabled.is_(False)))))


def create_user(sessions: sessionmaker[Session], username: str, role: UserRole | str, password: str,
                display_name: str = "", *, actor: str = "system", now: datetime | None = None) -> User:
    """A new enabled user; :class:`AccountError` if the name is taken or any input is bad."""
    name, r, shown = normalize_username(username), _role(role), _display_name(display_name)
    check_password(password)
    pw_hash = hash_password(password)
    now = now or utcnow()
    with write_sessions(sessions).begin() as s:
        if s.scalar(select(User.id).where(User.username == name)) is not None:
            raise AccountError(f"用户名“{name}”已存在")
        user = User(username=name, display_name=shown, role=r.value, password_hash=pw_hash, disabled=False,
                    created_at=now, password_changed_at=now)
        s.add(user)
        s.flush()
        audit(s, actor, "user.create", f"user:{name}", f"角色 {r.label}", now=now)
    return user


def set_password(sessions: sessionmaker[Session], username: str, password: str, *, actor: str,
                 now: datetime | None = None) -> None:
    """A new password; every web session of the user ends (tokens stay: revoke them on their own)."""
    check_password(password)
    pw_hash = hash_password(password)
    now = now or utcnow()
    with write_sessions(sessions).begin() as s:
        user = _user(s, username)
        user.password_hash, user.password_changed_at = pw_hash, now
        ended = _end_sessions(s, user.id, now)
        audit(s, actor, "user.password", f"user:{user.username}", f"结束会话 {ended} 个", now=now)


def set_disabled(sessions: sessionmaker[Session], username: str, disabled: bool = True, *, actor: str,
                 now: datetime | None = None) -> None:
    """Disable (every session ends, tokens are refused while disabled) or enable a user. The last
    enabled administrator cannot be disabled."""
    now = now or utcnow()
    with write_sessions(sessions).begin() as s:
        user = _user(s, username)
        if user.disabled == disabled:
            return
        if disabled and user.role == UserRole.ADMIN.value and not _other_admin(s, user.id):
            raise AccountError("不能停用最后一个启用的大厅管理员：请先添加另一个管理员")
        user.disabled = disabled
        ended = _end_sessions(s, user.id, now) if disabled else 0
        audit(s, actor, "user.disable" if disabled else "user.enable", f"user:{user.username}",
              f"结束会话 {ended} 个" if disabled else "", now=now)


def set_role(sessions: sessionmaker[Session], username: str, role: UserRole | str, *, actor: str,
             now: datetime | None = None) -> None:
    """A new role (it applies from the user's next request); the last enabled administrator keeps the role."""
    r = _role(role)
    now = now or utcnow()
    with write_sessions(sessions).begin() as s:
        user = _user(s, username)
        if user.role == r.value:
            return
        if user.role == UserRole.ADMIN.value and not user.disabled and not _other_admin(s, user.id):
            raise AccountError("不能取消最后一个启用的大厅管理员的管理员角色：请先添加另一个管理员")
        old = _role(user.role).label if user.role in UserRole.__members__.values() else user.role
        user.role = r.value
        audit(s, actor, "user.role", f"user:{user.username}", f"{old} → {r.label}", now=now)


def _other_admin(s: Session, user_id: int) -> bool:
    return s.scalars(select(User.id).where(User.role == UserRole.ADMIN.value, User.disabled.is_(False),
                                           User.id != user_id)).first() is not None


def authenticate(sessions: sessionmaker[Session], username: str, password: str,
                 now: datetime | None = None) -> User | None:
    """The enabled user with this name and password, or ``None``; rehashes an outdated hash."""
    try:
        name = normalize_username(username)
    except AccountError:
        _dummy_verify(password)
        return None
    with sessions() as s:
        user = s.scalar(select(User).where(User.username == name))
    if user is None or user.disabled:
        _dummy_verify(password)
        return None
    if not _verify(user.password_hash, password):
        return None
    if HASHER.check_needs_rehash(user.password_hash):
        new_hash = hash_password(password)
        with write_sessions(sessions).begin() as s:
            row = s.get(User, user.id)
            if row is not None and row.password_hash == user.password_hash:
                row.password_hash = new_hash
        user.password_hash = new_hash
    return user


def verify_password(sessions: sessionmaker[Session], user_id: int, password: str) -> bool:
    """Whether ``password`` is the user's (to confirm a password change)."""
    with sessions() as s:
        user = s.get(User, user_id)
    return user is not None and _verify(user.password_hash, password)


# ---- API tokens -----------------------------------------------------------------------------------------

def issue_token(sessions: sessionmaker[Session], username: str, label: str, *, actor: str | None = None,
                now: datetime | None = None) -> str:
    """A new API token for ``username``: the secret (``zz_…``), to be shown once; only its hash is kept."""
    name = label.strip()
    if not name:
        raise AccountError("请填写令牌名称（用途），例如“监控脚本”")
    if len(name) > 100:
        raise AccountError("令牌名称最多 100 个字符")
    secret = TOKEN_PREFIX + random_secret()
    now = now or utcnow()
    with write_sessions(sessions).begin() as s:
        user = _user(s, username)
        if user.disabled:
            raise AccountError(f"用户“{user.username}”已停用")
        token = ApiToken(user_id=user.id, name=name, token_hash=sha256_hex(secret), created_at=now)
        s.add(token)
        s.flush()
        audit(s, actor or user.username, "token.issue", f"user:{user.username}", f"令牌 #{token.id}「{name}」", now=now)
    return secret


def list_tokens(sessions: sessionmaker[Session], user_id: int) -> list[ApiToken]:
    with sessions() as s:
        return list(s.scalars(select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.id)))


def revoke_token(sessions: sessionmaker[Session], token_id: int, *, actor: str, user_id: int | None = None,
                 now: datetime | None = None) -> None:
    """Revoke a token (of ``user_id``, when given: one's own); :class:`AccountError` if there is none."""
    now = now or utcnow()
    with write_sessions(sessions).begin() as s:
        token = s.get(ApiToken, token_id)
        if token is None or (user_id is not None and token.user_id != user_id):
            raise AccountError(f"没有令牌 #{token_id}")
        if token.revoked_at is not None:
            return
        token.revoked_at = now
        owner = s.get(User, token.user_id)
        audit(s, actor, "token.revoke", f"user:{owner.username if owner else token.user_id}",
              f"令牌 #{token.id}「{token.name}」", now=now)


TOKEN_TOUCH = timedelta(minutes=1)  # last_used_at is written at most this often per token


def user_for_token(sessions: sessionmaker[Session], secret: str, now: datetime | None = None) \
        -> tuple[User, ApiToken] | None:
    """The enabled user a live token belongs to, or ``None``."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    now = now or utcnow()
    with sessions() as s:
        token = s.scalar(select(ApiToken).where(ApiToken.token_hash == sha256_hex(secret)))
        if token is None or token.revoked_at is not None:
            return None
        user = s.get(User, token.user_id)
    if user is None or user.disabled:
        return None
    if token.last_used_at is None or now - token.last_used_at >= TOKEN_TOUCH:
        with write_sessions(sessions).begin() as s:
            s.execute(update(ApiToken).where(ApiToken.id == token.id).values(last_used_at=now))
        token.last_used_at = now
    return user, token


# ---- web sessions ---------------------------------------------------------------------------------------

def start_session(sessions: sessionmaker[Session], user_id: int, address: str = "",
                  now: datetime | None = None) -> tuple[str, WebSession]:
    """A new web session: the secret for the cookie (only its hash is stored) and the row."""
    secret = random_secret()
    now = now or utcnow()
    row = WebSession(id=sha256_hex(secret), user_id=user_id, created_at=now, last_seen_at=now,
                     csrf_token=random_secret(), address=address[:64])
    with write_sessions(sessions).begin() as s:
        s.add(row)
        user = s.get(User, user_id)
        audit(s, user.username if user else str(user_id), "session.login", f"user:{user.username if user else ''}",
              f"地址 {address}" if address else "", now=now)
    return secret, row


def session_for(sessions: sessionmaker[Session], secret: str, idle: timedelta,
                now: datetime | None = None) -> tuple[WebSession, User] | None:
    """The live session of the cookie's secret and its (enabled) user; one idle longer than ``idle``
    is ended. Seen now: its inactivity clock restarts (written at most every ``idle / 10``)."""
    now = now or utcnow()
    sid = sha256_hex(secret)
    with sessions() as s:
        row = s.get(WebSession, sid)
        user = s.get(User, row.user_id) if row is not None else None
    if row is None or user is None or row.ended_at is not None:
        return None
    if user.disabled or now - row.last_seen_at > idle:
        with write_sessions(sessions).begin() as s:
            s.execute(update(WebSession).where(WebSession.id == sid, WebSession.ended_at.is_(None))
                      .values(ended_at=now))
        return None
    if now - row.last_seen_at >= min(idle / 10, timedelta(seconds=30)):
        with write_sessions(sessions).begin() as s:
            s.execute(update(WebSession).where(WebSession.id == sid).values(last_seen_at=now))
        row.last_seen_at = now
    return row, user


def end_session(sessions: sessionmaker[Session], secret: str, now: datetime | None = None) -> None:
    """Log-out: the session of the cookie's secret ends."""
    now = now or utcnow()
    with write_sessions(sessions).begin() as s:
        row = s.get(WebSession, sha256_hex(secret))
        if row is None or row.ended_at is not None:
            return
        row.ended_at = now
        user = s.get(User, row.user_id)
        audit(s, user.username if user else str(row.user_id), "session.logout",
              f"user:{user.username if user else ''}", "", now=now)


def _end_sessions(s: Session, user_id: int, now: datetime) -> int:
    result = s.execute(update(WebSession).where(WebSession.user_id == user_id, WebSession.ended_at.is_(None))
                       .values(ended_at=now))
    return int(getattr(result, "rowcount", 0) or 0)


# ---- log-in rate limit ----------------------------------------------------------------------------------

class LoginThrottle:
    """Failed log-ins counted in memory per username and per address: past the limit within the window,
    further attempts wait (:meth:`retry_after`) until the oldest failure leaves the window."""

    def __init__(self, per_user: int = 5, per_address: int = 20, window: timedelta = timedelta(minutes=5),
                 clock: Clock | None = None, max_keys: int = 10_000) -> None:
        self.per_user, self.per_address, self.window = per_user, per_address, window
        self.clock: Clock = clock or SystemClock()
        self.max_keys = max_keys
        self._failures: dict[tuple[str, str], deque[datetime]] = {}
        self._lock = threading.Lock()

    def _keys(self, username: str, address: str) -> list[tuple[tuple[str, str], int]]:
        return [(("user", username.strip().lower()), self.per_user), (("address", address), self.per_address)]

    def _live(self, key: tuple[str, str], now: datetime) -> deque[datetime]:
        q = self._failures.get(key)
        if q is None:
            return deque()
        while q and now - q[0] >= self.window:
            q.popleft()
        if not q:
            del self._failures[key]
        return q

    def retry_after(self, username: str, address: str) -> int | None:
        """Seconds to wait before the next attempt, or ``None``: it may go ahead."""
        now = self.clock.now()
        wait = 0.0
        with self._lock:
            for key, limit in self._keys(username, address):
                q = self._live(key, now)
                if len(q) >= limit:
                    wait = max(wait, (q[len(q) - limit] + self.window - now).total_seconds())
        return max(1, math.ceil(wait)) if wait > 0 else None

    def failed(self, username: str, address: str) -> None:
        now = self.clock.now()
        with self._lock:
            if len(self._failures) >= self.max_keys:
                for key in list(self._failures):
                    self._live(key, now)
            for key, _ in self._keys(username, address):
                if key in self._failures or len(self._failures) < self.max_keys:
                    self._failures.setdefault(key, deque()).append(now)

    def succeeded(self, username: str) -> None:
        """A log-in that worked clears the username's count (not the address's)."""
        with self._lock:
            self._failures.pop(("user", username.strip().lower()), None)


# ---- the key that signs cookies -------------------------------------------------------------------------

def load_or_create_key(path: Path) -> bytes:
    """The signing key in ``path``, made (random, mode 0600) when the file does not exist."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32) + "\n")
        log.info("made the session signing key %s", path)
    key = path.read_bytes().strip()
    if len(key) < 32:
        raise AccountError(f"{path}: 会话签名密钥太短（至少 32 个字节）")
    if path.stat().st_mode & 0o077:
        log.warning("%s: the session signing key is readable by others; chmod 600 it", path)
    return key
