"""Knowledge as data: the YAML vocabularies and mappings eventwire reads, loaded once.

A user can read and extend every file here; ``load_yaml`` raises ``ResourceError`` with the
file name when one is missing or malformed.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from ..errors import ResourceError


@cache
def load_yaml(name: str) -> dict[str, Any]:
    """The parsed content of ``resources/<name>``."""
    try:
        text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
        data = yaml.safe_load(text)
    except (OSError, yaml.YAMLError) as err:
        raise ResourceError(f"cannot read resource: {err}", where=name) from None
    if not isinstance(data, dict):
        raise ResourceError("expected a mapping at the top level", where=name)
    return data
