"""The OpenAPI description of a register record is the register's own JSON Schema for a
project (``opendata.register_format.register_schema``), so the API documents exactly what the
export holds. The API's schema is OpenAPI 3.1, whose schemas are JSON Schema 2020-12."""

from drf_spectacular.extensions import OpenApiSerializerExtension

from opendata.register_format import register_schema
from register.conditions import published_organisations


class ProjectRecordSchema(OpenApiSerializerExtension):
    target_class = "api.serializers.ProjectRecordSerializer"

    def get_name(self, auto_schema, direction):
        return "Project"

    def map_serializer(self, auto_schema, direction):
        return register_schema()["$defs"]["project"]


def organisation_choices(result, generator, request, public):
    """drf-spectacular post-processing hook: the organisation filter takes the id of an
    organisation on the register, so its list is filled in when the schema is asked for (the
    other filters' lists are fixed and written in from the start). A schema made without a
    request (``manage.py check``, ``spectacular``) leaves it as text."""
    if request is None:
        return result
    slugs = [slug for slug, _name in published_organisations()]
    if not slugs:
        return result
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("name") == "organisation" and parameter.get("in") == "query":
                    parameter["schema"] = {"type": "string", "enum": slugs}
    return result
