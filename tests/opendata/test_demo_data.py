import pytest
from django.core.management import call_command

from projects.models import Project

pytestmark = pytest.mark.django_db


def test_demo_data_imports_cleanly():
    call_command("import_register", "demo/register.json")
    published = Project.objects.published()
    assert published.count() == 7
    assert published.filter(uses_ai=True).exists()
    assert published.filter(uses_ai=False).exists()
    assert all(not project.problems() for project in published.with_register_details())
