from django.db import migrations, models

from public_text.policy import organisation_name_key


def fill_name_keys(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    organisations = list(Organisation.objects.only("pk", "name"))
    for organisation in organisations:
        organisation.name_key = organisation_name_key(organisation.name)
    Organisation.objects.bulk_update(organisations, ["name_key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="name_key",
            field=models.CharField(db_index=True, default="", editable=False, max_length=400),
        ),
        migrations.RunPython(fill_name_keys, migrations.RunPython.noop, elidable=True),
    ]
