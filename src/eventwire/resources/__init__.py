"""Knowledge as data: the YAML vocabularies and mappings eventwire reads, loaded once.

A user can read and extend every file here; ``load_yaml`` raises ``ResourceError`` with the
file name when one is missing or malformed.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml

from ..errors import ResourceError


class VocabularyLoader(yaml.SafeLoader):
    """YAML as word lists need it: only ``true`` and ``false`` are booleans (YAML 1.2), so that
    the words "on", "off", "yes" and "no" in a list stay words (YAML 1.1 reads them as booleans,
    and "needs: [at, on]" lost its "on")."""


VocabularyLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
VocabularyLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def parse_vocabulary(text: str) -> Any:
    """``text`` parsed as YAML by ``VocabularyLoader``."""
    return yaml.load(text, Loader=VocabularyLoader)


@cache
def load_yaml(name: str) -> dict[str, Any]:
    """The parsed content of ``resources/<name>``."""
    try:
        text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
        data = parse_vocabulary(text)
    except (OSError, yaml.YAMLError) as err:
        raise ResourceError(f"cannot read resource: {err}", where=name) from None
    if not isinstance(data, dict):
        raise ResourceError("expected a mapping at the top level", where=name)
    return data


@cache
def news_outlets() -> dict[str, tuple[str, ...]]:
    """The news outlets of ``outlets.yaml`` by group, each name as the outlet writes it: the
    one list that both the role rules and the page-chrome rules read."""
    data = load_yaml("outlets.yaml")
    return {str(group): tuple(map(str, names)) for group, names in data.items()}
