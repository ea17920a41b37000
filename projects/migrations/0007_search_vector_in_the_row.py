from django.db import migrations

# docs/decisions/0020-search-at-scale.md: a search ranks every project it matches, and ranking
# reads each match's stored vector. Kept in the TOAST table (PostgreSQL's default for a large
# value in a wide row) that is three extra page reads per project; kept in the row (MAIN:
# compressed, moved out only when the row cannot otherwise fit a page), the long answers go
# to the TOAST table instead and a search of 10,000 matches reads a fifth as many pages.


def keep_in_the_row(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE projects_project ALTER COLUMN search_vector SET STORAGE MAIN"
    )
    # Storage applies to values written from now on: write every stored vector again (the
    # same vector; concatenating an empty one makes PostgreSQL store it afresh).
    schema_editor.execute(
        "UPDATE projects_project SET search_vector = search_vector || ''::tsvector "
        "WHERE search_vector IS NOT NULL"
    )


def back_to_default(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE projects_project ALTER COLUMN search_vector SET STORAGE EXTENDED"
        )


class Migration(migrations.Migration):
    dependencies = [("projects", "0006_prefilled_answers")]

    operations = [migrations.RunPython(keep_in_the_row, back_to_default, elidable=False)]
