"""The register's search and filters as documented API query parameters.

Read from ``register.filterset.RegisterFilterSet`` (the one definition the register list uses),
so the API, the downloads and /register/ always take the same parameters. The register list
leaves a value that is not on a filter's list out, with a message; the API answers 400 with the
message and the allowed values (``unknown_filter_values``), so a client never mistakes a typing
error for an empty or unfiltered answer.
"""

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from register.filterset import RegisterFilterSet


def _choices(filter_) -> list[str]:
    return [str(value) for value, _label in filter_.extra.get("choices", []) if value != ""]


def unknown_filter_values(params) -> dict[str, dict]:
    """For each filter in ``params`` with a value that is not on its list: the message and the
    values it takes (a search with a value no search can take, a NUL, has the message only)."""
    form = RegisterFilterSet(params).form
    if form.is_valid():
        return {}
    problems = {}
    for name, errors in form.errors.items():
        problems[name] = {"message": " ".join(errors)}
        field = form.fields[name]
        if hasattr(field, "choices"):
            problems[name]["allowed"] = [str(key) for key, _label in field.choices if key != ""]
    return problems


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
            # Text takes anything but a NUL character, which no search can hold.
            parameters.append(
                OpenApiParameter(
                    name,
                    {"type": "string", "pattern": "^[^\\x00]*$"},
                    description=f"{description} (any text without a NUL character)",
                )
            )
    return parameters
