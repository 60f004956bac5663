"""The API's settings: pydantic-settings, read from ``EVENTWIRE_API_*`` variables and the flags
of ``eventwire serve``; the database is the one every command uses (``EVENTWIRE_DB``)."""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_CSP = (
    "default-src 'self'; img-src 'self' data: blob:; worker-src 'self' blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


class ApiSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="EVENTWIRE_API_", extra="ignore")

    db: str | None = Field(None, description="Database URL or SQLite path; default: the "
                           "eventwire config's (EVENTWIRE_DB).")
    host: str = "127.0.0.1"
    port: int = 8000
    reads: Literal["auto", "open", "keyed"] = Field(
        "auto", description="Whether reads need a key: 'auto' opens them on a loopback host "
        "and asks a key on any other.")
    max_body_bytes: int = Field(6_000_000, description="Largest request body; 413 past it.")
    threads: int = Field(8, ge=1, le=64, description="Requests whose database work runs at "
                         "once; the rest wait their turn on the event loop (more threads than "
                         "cores only fight over the GIL).")
    cache_mb: int = Field(128, ge=0, description="Memory for the cache of event pages per "
                          "server process, and as much again for their items, kept current "
                          "by the store's generation; 0: no cache. Reads keyed by API key "
                          "are never cached. An item takes about 1.3 kB: 128 holds the items "
                          "of some 100,000 events.")
    fetch_urls: bool = Field(True, description="Whether POST /api/articles may fetch a URL.")
    fetch_allow_private: bool = Field(
        False, description="Let URL fetches reach private, loopback, link-local and other "
        "non-public addresses (an intranet mirror); off by default.")
    fetch_allow_hosts: list[str] = Field(
        default_factory=list, description="host or host:port origins a fetch may reach even "
        "when their addresses are not public; checked on every hop, redirects included.")
    fetch_timeout: float = 20.0
    fetch_max_redirects: int = 5
    csp: str = DEFAULT_CSP
    web_dir: str | None = Field(None, description="The dashboard's folder (index.html, "
                                "assets/); default: the one shipped in the package.")
    tile_url: str | None = Field(None, description="A web map tile URL template for the "
                                 "dashboard; none: the bundled offline basemap only.")

    @property
    def loopback(self) -> bool:
        if self.host == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False

    @property
    def reads_keyed(self) -> bool:
        if self.reads == "auto":
            return not self.loopback
        return self.reads == "keyed"

    def database(self) -> str:
        if self.db:
            return self.db
        from ..config import load_config

        return load_config().db


@lru_cache(maxsize=1)
def default_settings() -> ApiSettings:
    return ApiSettings()


__all__ = ["DEFAULT_CSP", "ApiSettings", "default_settings"]
