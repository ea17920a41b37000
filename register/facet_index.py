"""The facet index: how many projects each filter choice would show, counted in memory.

The counts for each filter leave out that filter's own choice (choosing "Pilot" does not turn
"In use" into 0) and are computed in three queries whatever the size of the register.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper
from django.utils import timezone

from projects import questions
from projects.models import Project, ProjectOrganisation
from projects.questions import AREA_CHOICES, STATUS_CHOICES, TOPIC_CHOICES

from . import conditions
from .caching import after_change, per_stamp
from .conditions import (
    FACETS,
    REVIEW_CHOICES,
    SORT_ORDER,
    USES_AI_CHOICES,
    facet_q,
    published_organisations,
)

# The filters whose choices show counts; the principle filter shows none (its sets are built
# only when it is chosen).
COUNTED_FACETS = tuple(name for name in FACETS if name != "principle")


# An index kept by an older release (in the shared cache) is not used by a newer one.
_CODE_VERSION = hashlib.sha256(
    b"".join(
        Path(path).read_bytes() for path in (__file__, conditions.__file__, questions.__file__)
    )
).hexdigest()[:12]


_ZERO_ONE = bytes.maketrans(b"\x00\x01", b"01")


def _flags_to_bits(flags) -> int:
    """Yes/no flags (one per project, in order) as a bit set: bit ``n`` set when ``flags[n]``."""
    if not flags:
        return 0
    return int(bytes(map(bool, reversed(flags))).translate(_ZERO_ONE), 2)


def _bit_set(positions, size: int) -> int:
    data = bytearray((size + 7) // 8)
    for position in positions:
        data[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(data, "little")


@dataclass
class FacetIndex:
    """Which projects on the register have each filter value, as bit sets (bit ``n`` is the
    ``n``th published project by id), so that the filter panel's counts for any search and
    combination of filters are a few ANDs and bit counts in memory instead of a scan of the
    register.

    Every value's set comes from the database through ``facet_q`` (the same condition the list
    filters by), so the counts cannot disagree with the list. Kept per register stamp."""

    pks: list[int]
    masks: dict[str, dict[str, int]]
    organisations: list[tuple[str, str]]

    @classmethod
    def current(cls) -> FacetIndex:
        """The index of the register as it is now: built once per change of the register (and
        per day, for "review overdue"), then kept."""
        today = timezone.localdate()
        return per_stamp(
            "facets", lambda: cls.build(today), variant=f"{today.isoformat()}:{_CODE_VERSION}"
        )

    @classmethod
    def build(cls, today: datetime.date) -> FacetIndex:
        """Three queries: one row per published project with a yes/no column for each value
        of the filters kept on the project, the organisations of each, and the organisation
        filter's choices. Each order of the list (``order``) and the projects evidencing each
        principle (``matching``) are kept apart, built when first asked for."""
        published = Project.objects.published().order_by("pk")
        options = {
            "uses_ai": {key: key for key, _ in USES_AI_CHOICES},
            "status": {key: [key] for key, _ in STATUS_CHOICES},
            "area": {key: [key] for key, _ in AREA_CHOICES},
            "topic": {key: [key] for key, _ in TOPIC_CHOICES},
            "review": {key: key for key, _ in REVIEW_CHOICES},
        }
        columns = {}
        for name, values in options.items():
            for key, value in values.items():
                condition = facet_q(name, value, today=today)
                columns[(name, key)] = ExpressionWrapper(condition, output_field=BooleanField())
        aliases = {f"facet_{n}": column for n, column in enumerate(columns.values())}
        flags = published.annotate(**aliases).values_list("pk", *aliases)
        with connection.cursor() as cursor:  # plain rows: no per-row conversion needed
            cursor.execute(*flags.query.sql_with_params())
            rows = cursor.fetchall()
        pks = [row[0] for row in rows]
        size = len(pks)
        masks: dict[str, dict[str, int]] = {name: {} for name in options}
        for column, (name, key) in enumerate(columns, start=1):
            masks[name][key] = _flags_to_bits([row[column] for row in rows])

        position = {pk: n for n, pk in enumerate(pks)}
        by_type: dict[str, list[int]] = {}
        by_slug: dict[str, list[int]] = {}
        roles = ProjectOrganisation.objects.filter(project__in=published.values("pk")).values_list(
            "project_id", "organisation__slug", "organisation__type"
        )
        for project_id, slug, kind in roles:
            by_slug.setdefault(slug, []).append(position[project_id])
            by_type.setdefault(kind, []).append(position[project_id])
        masks["organisation"] = {key: _bit_set(bits, size) for key, bits in by_slug.items()}
        masks["organisation_type"] = {key: _bit_set(bits, size) for key, bits in by_type.items()}
        organisations = published_organisations()
        return cls(pks=pks, masks=masks, organisations=organisations)

    def _positions(self) -> dict[int, int]:
        if not hasattr(self, "_position"):
            self._position = {pk: n for n, pk in enumerate(self.pks)}
        return self._position

    @property
    def everything(self) -> int:
        return (1 << len(self.pks)) - 1

    def bits(self, pks) -> int:
        """The bit set of the given projects (those not on the register are left out)."""
        position = self._positions()
        return _bit_set((position[pk] for pk in pks if pk in position), len(self.pks))

    @staticmethod
    def order(sort: str) -> list[int]:
        """The ids of the register's projects in the order ``sort`` (a key of SORT_ORDER), kept
        per register stamp like the index (and built only when someone asks for that order)."""
        return per_stamp(
            f"order-{sort}",
            lambda: list(
                Project.objects.published().order_by(*SORT_ORDER[sort]).values_list("pk", flat=True)
            ),
            variant=_CODE_VERSION,
        )

    def in_order(self, sort: str, bits: int) -> Iterator[int]:
        """The ids of the projects in ``bits``, in the order ``sort`` (a key of SORT_ORDER)."""
        return self.only(self.order(sort), bits)

    def only(self, ordered_pks: list[int], bits: int) -> Iterator[int]:
        """The ids in ``ordered_pks`` (kept in their order) of the projects in ``bits``."""
        data = bits.to_bytes((len(self.pks) + 7) // 8, "little")
        position = self._positions()
        return (
            pk
            for pk in ordered_pks
            if (n := position.get(pk)) is not None and data[n >> 3] >> (n & 7) & 1
        )

    def matching(self, name: str, value) -> int:
        """The projects a chosen filter (a form's cleaned value) lets through."""
        if name == "principle":  # no counts shown: kept apart, built when first chosen
            return self.bits(
                per_stamp(
                    f"principle-{value}",
                    lambda: list(
                        Project.objects.published()
                        .filter(facet_q(name, value))
                        .values_list("pk", flat=True)
                    ),
                    variant=_CODE_VERSION,
                )
            )
        masks = self.masks[name]
        bits = 0
        for key in value if isinstance(value, list) else [value]:
            bits |= masks.get(str(key), 0)
        return bits


@after_change
def rebuild() -> None:
    """After a change commits: the index and the list's default order for the new stamp, in
    this process and the shared cache, so the first list page after a publish only renders."""
    FacetIndex.current()
    FacetIndex.order("newest")
