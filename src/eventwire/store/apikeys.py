"""API keys: created with a name, shown once, stored only as a hash, revoked by name or id.

A key is ``ew_`` and 43 characters of ``secrets.token_urlsafe(32)``: 256 random bits. The store
keeps its SHA-256. A slow password hash (scrypt, bcrypt) protects low-entropy secrets that
people choose; a 256-bit random key cannot be guessed from its SHA-256, and a fast hash lets
every request be checked with one indexed lookup instead of tens of milliseconds of scrypt.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from . import schema

KEY_PREFIX = "ew_"
_SHOWN = 10  # characters of the key kept in clear, so that people can tell their keys apart


@dataclass(frozen=True)
class ApiKey:
    """A stored key, without its secret."""

    id: int
    name: str
    prefix: str
    created_at: datetime
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def _row_key(row) -> ApiKey:  # type: ignore[no-untyped-def]
    return ApiKey(id=row.id, name=row.name, prefix=row.prefix, created_at=row.created_at,
                  revoked_at=row.revoked_at)


def create_key(engine: Engine, name: str) -> tuple[str, ApiKey]:
    """A new key for ``name``: (the key, to show once; its stored record).

    A name has at most one active key: revoke the old one to issue another.
    """
    name = name.strip()
    if not name or len(name) > 255:
        raise StoreError("a key's name is 1 to 255 characters (it names the reviewer)")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    c = schema.api_keys.c
    try:
        with engine.begin() as conn:
            taken = conn.execute(select(c.id).where(c.name == name, c.revoked_at.is_(None)))
            if taken.first() is not None:
                raise StoreError(f"{name!r} has an active key already; revoke it first "
                                 "(eventwire keys revoke NAME)")
            result = conn.execute(schema.api_keys.insert().values(
                name=name, prefix=key[:_SHOWN], key_hash=hash_key(key),
                created_at=datetime.now(UTC)))
            key_id = int(result.inserted_primary_key[0])
            row = conn.execute(select(schema.api_keys).where(c.id == key_id)).one()
    except SQLAlchemyError as err:
        raise StoreError(f"cannot store the key: {str(err).splitlines()[0]}") from None
    return key, _row_key(row)


def list_keys(engine: Engine) -> list[ApiKey]:
    """Every key, active and revoked, oldest first."""
    c = schema.api_keys.c
    try:
        with engine.connect() as conn:
            return [_row_key(r) for r in conn.execute(select(schema.api_keys).order_by(c.id))]
    except SQLAlchemyError as err:
        raise StoreError(f"cannot read the keys: {str(err).splitlines()[0]}") from None


def revoke_key(engine: Engine, name_or_id: str) -> list[ApiKey]:
    """Revoke the active key(s) named ``name_or_id`` (or with that id); returns those revoked."""
    c = schema.api_keys.c
    condition = c.name == name_or_id
    if name_or_id.isdigit():
        condition = condition | (c.id == int(name_or_id))
    try:
        with engine.begin() as conn:
            ids = [r.id for r in conn.execute(
                select(c.id).where(condition, c.revoked_at.is_(None)))]
            if ids:
                conn.execute(update(schema.api_keys).where(c.id.in_(ids))
                             .values(revoked_at=datetime.now(UTC)))
            rows = conn.execute(select(schema.api_keys).where(c.id.in_(ids))).all()
    except SQLAlchemyError as err:
        raise StoreError(f"cannot revoke the key: {str(err).splitlines()[0]}") from None
    return [_row_key(r) for r in rows]


def key_owner(conn, key: str) -> str | None:  # type: ignore[no-untyped-def]
    """The name of the active key ``key``, or ``None`` (unknown, malformed or revoked)."""
    if not key.startswith(KEY_PREFIX) or len(key) > 128:
        return None
    c = schema.api_keys.c
    row = conn.execute(select(c.name).where(c.key_hash == hash_key(key),
                                            c.revoked_at.is_(None))).first()
    return row.name if row is not None else None


__all__ = ["KEY_PREFIX", "ApiKey", "create_key", "hash_key", "key_owner", "list_keys",
           "revoke_key"]
