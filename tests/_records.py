"""Event records built by hand for the tests of assembly stages that read Event records."""

from __future__ import annotations

from typing import Any

from eventwire.model import Event


def assault(start: int = 0, *, text: str = "A missile hit a school.", mode: str = "missile",
            trigger: str = "hit", **fields: Any) -> Event:
    """An occurred ASSAULT whose evidence ``text`` starts at ``start``, with ``fields`` set."""
    record: dict[str, Any] = {
        "id": f"e{start}", "doc_id": "d", "type": "ASSAULT", "mode": mode, "trigger": trigger,
        "evidence": {"text": text, "start": start, "end": start + len(text)},
    }  # fmt: skip
    record.update(fields)
    return Event.model_validate(record)
