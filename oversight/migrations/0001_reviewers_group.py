from django.db import migrations

# The independent reviewers (Principle 11): they see /oversight/ and nothing else of staff's.
REVIEWERS = {"name": "Reviewers"}


class Migration(migrations.Migration):
    dependencies = [("auth", "0012_alter_user_first_name_max_length")]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: apps.get_model("auth", "Group").objects.get_or_create(
                **REVIEWERS
            ),
            lambda apps, schema_editor: (
                apps.get_model("auth", "Group").objects.filter(**REVIEWERS).delete()
            ),
        )
    ]
