"""The chosen filters and search above the register list, each a tag that removes it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .filterset import RegisterFilterSet


@dataclass(frozen=True)
class ChosenFilter:
    """A chosen filter shown as a tag that removes it."""

    name: str
    label: str
    value_label: str
    remove_url: str


def chosen_filters(filterset: RegisterFilterSet, params) -> list[ChosenFilter]:
    """The chosen filters and search, each with the address of the list without it."""
    form = filterset.form
    tags = []
    if filterset.search_text:
        remaining = params.copy()
        remaining.pop("q", None)
        remaining.pop("page", None)
        tags.append(
            ChosenFilter(
                "q", "Search", f"\u201c{filterset.search_text}\u201d", "?" + remaining.urlencode()
            )
        )
    for name, value in filterset.chosen.items():
        labels = dict(form.fields[name].choices)
        for item in value if isinstance(value, list) else [value]:
            remaining = params.copy()
            remaining.pop("page", None)
            kept = [v for v in remaining.getlist(name) if v != item]
            remaining.setlist(name, kept)
            tags.append(
                ChosenFilter(
                    name,
                    form.fields[name].label,
                    str(labels.get(item, item)),
                    "?" + remaining.urlencode(),
                )
            )
    return tags
