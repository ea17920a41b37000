"""The facet index: how many projects each filter choice would show, counted in memory.

The counts for each filter leave out that filter's own choice (choosing "Pilot" does not turn
"In use" into 0) and are computed in three queries whatever the size of the register.
"""

from __future__ import annotations

import datetime
import hashlib
from array import array
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
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


_ONE_ZERO = bytes.maketrans(b"01", b"\x00\x01")


def _bit_set(positions: Iterable[int], size: int) -> int:
    """The bit set with the bits at ``positions`` set (each below ``size``). The loops are
    Python's own (``map``, ``deque``), not a Python ``for``: a search's set has up to every
    project on the register."""
    flags = bytearray(size)
    deque(map(flags.__setitem__, positions, repeat(1)), maxlen=0)
    return _flags_to_bits(flags)


def _bit_flags(bits: int, size: int) -> bytes:
    """``bits`` as one byte per project: ``flags[n]`` is 1 when bit ``n`` is set, else 0."""
    if not size:
        return b""
    return format(bits, f"0{size}b")[::-1].encode("ascii").translate(_ONE_ZERO)


@dataclass(frozen=True)
class Selection:
    """Some of the register's projects in an order: iterating gives their ids, and a slice
    (a page) only the ids it holds, found by counting in bytes rather than by stepping through
    the list in Python (a page far down a long list would pass over thousands of ids). Kept with
    a list (``register.selectors.KeptList``) and sliced again for each of its pages."""

    ordered: Sequence[int]  # ids in order
    chosen: bytes  # one byte per id in ``ordered``: 1 for the projects selected

    def __iter__(self) -> Iterator[int]:
        return compress(self.ordered, self.chosen)

    def __len__(self) -> int:
        return self.chosen.count(1)

    def __getitem__(self, item: slice) -> list[int]:
        """The ids of the selected projects from ``item.start`` to ``item.stop`` (a slice with
        both, counted among the selected)."""
        start = self._place(item.start)
        ids = []
        while len(ids) < item.stop - item.start:
            start = self.chosen.find(1, start)
            if start < 0:
                break
            ids.append(self.ordered[start])
            start += 1
        return ids

    def _place(self, number: int) -> int:
        """Where in ``ordered`` the ``number``th (from 0) selected project is, or beyond."""
        low, high = 0, len(self.chosen)
        while low < high:  # the first place with ``number`` selected before it
            middle = (low + high) // 2
            if self.chosen.count(1, 0, middle) < number:
                low = middle + 1
            else:
                high = middle
        return low


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
            # A project published between the two queries (each reads the database as it is
            # then) is not in the index yet: its publish makes a new stamp, and a new index.
            if project_id in position:
                by_slug.setdefault(slug, []).append(position[project_id])
                by_type.setdefault(kind, []).append(position[project_id])
        masks["organisation"] = {key: _bit_set(bits, size) for key, bits in by_slug.items()}
        masks["organisation_type"] = {key: _bit_set(bits, size) for key, bits in by_type.items()}
        organisations = published_organisations()
        return cls(pks=pks, masks=masks, organisations=organisations)

    def __getstate__(self):  # what the shared cache keeps: not the lookups made from it
        return {name: getattr(self, name) for name in ("pks", "masks", "organisations")}

    def _positions(self) -> dict[int, int]:
        if not hasattr(self, "_position"):
            self._position = {pk: n for n, pk in enumerate(self.pks)}
        return self._position

    def _known(self, ordered_pks: Sequence[int]) -> tuple[Sequence[int], Sequence[int]]:
        """``ordered_pks`` without ids not in the index (a search made before a change), and
        each one's bit."""
        position = self._positions()
        positions = list(map(position.get, ordered_pks))
        if None in positions:
            kept = [(pk, n) for pk, n in zip(ordered_pks, positions, strict=True) if n is not None]
            ordered_pks, positions = [pk for pk, _n in kept], [n for _pk, n in kept]
        return ordered_pks, array("l", positions)

    @property
    def everything(self) -> int:
        return (1 << len(self.pks)) - 1

    def bits(self, pks) -> int:
        """The bit set of the given projects (those not on the register are left out)."""
        _known, positions = self._known(pks)
        return _bit_set(positions, len(self.pks))

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

    def in_order(self, sort: str, bits: int) -> Selection:
        """The projects in ``bits``, in the order ``sort`` (a key of SORT_ORDER)."""
        ordered = self.order(sort)
        kept = self.__dict__.setdefault("_orders", {})  # each order's bits, worked out once
        found = kept.get(sort)
        if found is None or found[0] is not ordered:
            found = kept[sort] = (ordered, *self._known(ordered))
        _ordered, known, positions = found
        return _select(known, positions, _bit_flags(bits, len(self.pks)))

    def only(self, ordered_pks: Sequence[int], bits: int) -> Selection:
        """The projects in ``bits`` among ``ordered_pks``, in their order."""
        ordered, positions = self._known(ordered_pks)
        return _select(ordered, positions, _bit_flags(bits, len(self.pks)))

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


def _select(ordered: Sequence[int], positions: Sequence[int], flags: bytes) -> Selection:
    """The ids in ``ordered`` whose bit (``positions``) is set in ``flags``, in order."""
    return Selection(ordered, bytes(map(flags.__getitem__, positions)))


@after_change
def rebuild() -> None:
    """After a change commits: the index and the list's default order for the new stamp, in
    this process and the shared cache, so the first list page after a publish only renders."""
    FacetIndex.current()
    FacetIndex.order("newest")
