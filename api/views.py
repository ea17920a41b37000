import re

from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import viewsets
from rest_framework.exceptions import NotFound

from opendata.register_format import SLUG_PATTERN
from register.selectors import register_projects

from .errors import BadQuery
from .filters import register_filter_parameters, unknown_filter_values
from .serializers import ProjectRecordSerializer

TOO_MANY = OpenApiResponse(description="Too many requests from this client: wait a minute")
UNKNOWN_VALUES = OpenApiResponse(
    description="A filter was given a value that is not on its list, or the page size is not "
    "a whole number: for each such parameter, the message and the values it takes",
    response={
        "type": "object",
        "required": ["detail", "errors"],
        "properties": {
            "detail": {"type": "string"},
            "errors": {
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "required": ["message"],
                    "properties": {
                        "message": {"type": "string"},
                        "allowed": {"type": "array", "items": {"type": "string"}},
                    },
                },
            },
        },
    },
)


@extend_schema_view(
    list=extend_schema(
        summary="Projects on the register",
        description="Every published project, newest first, 20 a page. Takes the same search "
        "and filters as the register list at /register/. A value that is not on a filter's "
        "list is answered 400, with the values the filter takes.",
        parameters=register_filter_parameters(),
        responses={
            200: ProjectRecordSerializer(many=True),
            400: UNKNOWN_VALUES,
            404: OpenApiResponse(description="There is no such page"),
            429: TOO_MANY,
        },
    ),
    retrieve=extend_schema(
        summary="One project",
        description="The published version of one project, by its id on the register.",
        parameters=[
            OpenApiParameter(
                "id",
                str,
                OpenApiParameter.PATH,
                description="The project's id on the register",
                pattern=SLUG_PATTERN,
            )
        ],
        responses={
            200: ProjectRecordSerializer,
            404: OpenApiResponse(description="No published project has that id"),
            429: TOO_MANY,
        },
    ),
)
class ProjectViewSet(viewsets.ReadOnlyModelViewSet):
    """Published projects as register records. Read only: there are no write endpoints."""

    serializer_class = ProjectRecordSerializer
    lookup_field = "slug"
    lookup_url_kwarg = "id"
    lookup_value_regex = r"[^/]+"

    def get_object(self):
        # An id that cannot be a register id is not looked up at all: PostgreSQL refuses text
        # with a NUL byte (a server error), and no such record can exist anyway.
        if not re.match(SLUG_PATTERN, self.kwargs[self.lookup_url_kwarg]):
            raise NotFound("No published project has that id")
        return super().get_object()

    def list(self, request, *args, **kwargs):
        problems = unknown_filter_values(request.query_params)
        if problems:
            raise BadQuery(problems)
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        if self.action == "list":
            return register_projects(self.request.query_params)
        return register_projects()
