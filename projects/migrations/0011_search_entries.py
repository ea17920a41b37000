import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

# docs/decisions/0020-search-at-scale.md: a search reads a narrow table of its own, one small
# row per project version (the vector it ranks with, the version's publication time), instead of
# the projects' wide rows. Filled from every stored search vector, with the expression of
# projects.search_vector.RANK_VECTOR_SQL as it was when this was written.


def fill_entries(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # Kept in the row (compressed only if the row could not otherwise fit a page).
    schema_editor.execute(
        "ALTER TABLE projects_searchentry ALTER COLUMN rank_vector SET STORAGE MAIN"
    )
    schema_editor.execute(
        "INSERT INTO projects_searchentry (project_id, published_at, rank_vector) "
        "SELECT id, published_at, "
        "ts_filter(search_vector, '{a,b}') || strip(ts_filter(search_vector, '{c}')) "
        "FROM projects_project WHERE search_vector IS NOT NULL"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0010_identifiers_per_version"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "project",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_entry",
                        serialize=False,
                        to="projects.project",
                    ),
                ),
                ("rank_vector", django.contrib.postgres.search.SearchVectorField()),
                ("published_at", models.DateTimeField(null=True)),
            ],
            options={
                "indexes": [
                    django.contrib.postgres.indexes.GinIndex(
                        fields=["rank_vector"], name="search_entry_rank_vector"
                    )
                ],
            },
        ),
        migrations.RunPython(fill_entries, migrations.RunPython.noop, elidable=False),
    ]
