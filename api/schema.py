"""The OpenAPI description of a register record is the register's own JSON Schema for a
project (``opendata.register_format.register_schema``), so the API documents exactly what the
export holds. The API's schema is OpenAPI 3.1, whose schemas are JSON Schema 2020-12."""

from drf_spectacular.extensions import OpenApiSerializerExtension

from opendata.register_format import register_schema


class ProjectRecordSchema(OpenApiSerializerExtension):
    target_class = "api.serializers.ProjectRecordSerializer"

    def get_name(self, auto_schema, direction):
        return "Project"

    def map_serializer(self, auto_schema, direction):
        return register_schema()["$defs"]["project"]
