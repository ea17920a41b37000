"""The organisation's own checks, which the admin site shows next to the fields
(``full_clean``), and a rename saved on its own that the directory still finds."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from organisations.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def refusals(organisation) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        organisation.full_clean()
    return refused.value.message_dict


def test_a_commercial_organisation_needs_its_mission_statement():
    organisation = OrganisationFactory.build(
        name="Mersey Routes Ltd", type="commercial", slug="mersey-routes"
    )
    assert refusals(organisation) == {
        "mission_statement": [
            "Enter the mission statement of Mersey Routes Ltd: a commercial organisation must "
            "give one"
        ]
    }


def test_only_a_signatory_has_a_date_signed():
    organisation = OrganisationFactory.build(
        slug="wirral", is_signatory=False, signed_on=datetime.date(2025, 3, 27)
    )
    assert refusals(organisation) == {
        "signed_on": ["Only an organisation that has signed the Charter has a date signed"]
    }
    organisation.is_signatory = True
    organisation.full_clean()


def test_a_rename_saved_on_its_own_is_found_by_its_new_name():
    organisation = OrganisationFactory(name="Wirral Council")
    organisation.name = "Wirral  BOROUGH Council"
    organisation.save(update_fields=["name"])
    assert list(Organisation.objects.by_name("wirral borough council")) == [organisation]
    assert not Organisation.objects.by_name("Wirral Council").exists()
