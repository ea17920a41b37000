"""A project in the API is its register record: the same shape as the open data export."""

from rest_framework import serializers

from opendata.register_format import project_record


class ProjectRecordSerializer(serializers.BaseSerializer):
    """Read only. The OpenAPI description comes from the register's schema (``api.schema``)."""

    def to_representation(self, instance):
        return project_record(instance)
