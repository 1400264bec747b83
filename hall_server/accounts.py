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
import secrets
from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hall_server.db import Base


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

    @property
    def label(self) -> str:
        return PERMISSION_LABELS[self]


PERMISSION_LABELS: Mapping[Permission, str] = {
    Permission.VIEW: "查看", Permission.HANDLE_INCIDENTS: "处理故障", Permission.COMMAND_TERMINALS: "远程操作终端",
    Permission.MANAGE_TERMINALS: "管理终端登记", Permission.POST_NOTICES: "发布公告",
    Permission.REQUEST_SHUTDOWN: "申请计划停机", Permission.DECIDE_SHUTDOWN: "审批计划停机",
    Permission.INSPECT: "设备巡检", Permission.CONFIRM_READINESS: "确认投入运行", Permission.MANAGE_USERS: "管理账户"}

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
