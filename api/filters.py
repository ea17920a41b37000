"""The register's search and filters as documented API query parameters.

Read from ``register.filterset.RegisterFilterSet`` (the one definition the register list uses), so
the API, the downloads and /register/ always take the same parameters.
"""

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from register.filterset import RegisterFilterSet


def _choices(filter_) -> list[str]:
    return [str(value) for value, _label in filter_.extra.get("choices", []) if value != ""]


def register_filter_parameters() -> list[OpenApiParameter]:
    parameters = []
    for name, filter_ in RegisterFilterSet.base_filters.items():
        description = str(filter_.label or name)
        choices = _choices(filter_)
        if isinstance(filter_, django_filters.MultipleChoiceFilter):
            parameters.append(
                OpenApiParameter(
                    name,
                    {"type": "array", "items": {"type": "string", "enum": choices}},
                    description=f"{description} (repeat to choose several)",
                    explode=True,
                    style="form",
                )
            )
        elif choices:
            parameters.append(
                OpenApiParameter(name, OpenApiTypes.STR, enum=choices, description=description)
            )
        else:
            parameters.append(OpenApiParameter(name, OpenApiTypes.STR, description=description))
    return parameters
