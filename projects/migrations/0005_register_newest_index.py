from django.db import migrations, models


class Migration(migrations.Migration):
    """An index for the register list's default order, newest first."""

    dependencies = [("projects", "0004_moderators_group")]

    operations = [
        migrations.AddIndex(
            model_name="project",
            index=models.Index(
                fields=["publication_state", "-first_published_at", "-id"],
                name="project_register_newest",
            ),
        ),
    ]
