"""The register's read API: published projects as register records, with an OpenAPI 3 schema."""
