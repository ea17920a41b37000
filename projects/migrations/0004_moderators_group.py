from django.db import migrations

MODERATORS_GROUP = "Moderators"


def create_moderators_group(apps, schema_editor):
    # Charter staff: members may use everything under /moderation/ (projects.permissions).
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name=MODERATORS_GROUP)


def remove_moderators_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=MODERATORS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("projects", "0003_review_reminders"),
    ]

    operations = [migrations.RunPython(create_moderators_group, remove_moderators_group)]
