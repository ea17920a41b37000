from django.db import migrations


def create_principles(apps, schema_editor):
    from principles.charter import PRINCIPLES, RESIDENTS_TOP_FIVE

    Principle = apps.get_model("principles", "Principle")
    for number, name, text in PRINCIPLES:
        Principle.objects.update_or_create(
            number=number,
            defaults={
                "name": name,
                "text": text,
                "residents_top_five": number in RESIDENTS_TOP_FIVE,
            },
        )


def remove_principles(apps, schema_editor):
    apps.get_model("principles", "Principle").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("principles", "0001_initial")]

    operations = [migrations.RunPython(create_principles, remove_principles)]
