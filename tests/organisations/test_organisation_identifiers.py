"""Organisation identifiers: their shapes, how typed values are tidied, who may change them,
and the public register each links to."""

import pytest
from django.core.exceptions import ValidationError

from organisations.identifiers import (
    apply_identifiers,
    identifier_problems,
    tidy_companies_house_number,
    tidy_identifier,
)
from organisations.services import merge_organisations
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_typed_identifiers_are_tidied():
    assert tidy_identifier(" sc 012345 ") == "SC012345"
    assert tidy_companies_house_number("1234567") == "01234567"
    assert tidy_companies_house_number("sc123456") == "SC123456"
    assert tidy_identifier(None) == ""


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("companies_house_number", "1234567"),
        ("companies_house_number", "01234-67"),
        ("charity_number", "12"),
        ("ods_code", "R"),
        ("ods_code", "rbq"),
    ],
)
def test_identifiers_of_the_wrong_shape_are_refused(field, value):
    organisation = OrganisationFactory.build(**{field: value})
    with pytest.raises(ValidationError) as error:
        organisation.full_clean(exclude=["slug"])
    assert field in error.value.message_dict


def test_each_identifier_links_to_its_public_register():
    organisation = OrganisationFactory.build(
        companies_house_number="01234567", charity_number="1123456", ods_code="RBQ"
    )
    links = {i.label: (i.value, i.register, i.url) for i in organisation.identifiers}
    assert links == {
        "Companies House number": (
            "01234567",
            "Companies House",
            "https://find-and-update.company-information.service.gov.uk/company/01234567",
        ),
        "Charity number": (
            "1123456",
            "Charity Commission",
            "https://register-of-charities.charitycommission.gov.uk/charity-search/-/"
            "charity-details/1123456",
        ),
        "NHS organisation code": (
            "RBQ",
            "NHS Organisation Data Service",
            "https://directory.spineservices.nhs.uk/ORD/2-0-0/organisations/RBQ",
        ),
    }


def test_scottish_and_northern_irish_charities_link_to_their_regulators():
    scottish = OrganisationFactory.build(charity_number="SC012345").identifiers[0]
    assert scottish.register == "Scottish Charity Regulator"
    assert scottish.url.endswith("?number=SC012345")
    irish = OrganisationFactory.build(charity_number="NIC100002").identifiers[0]
    assert irish.register == "Charity Commission for Northern Ireland"
    assert irish.url.endswith("regId=100002")


def test_an_organisation_without_identifiers_shows_none():
    assert OrganisationFactory.build().identifiers == []


def test_only_members_change_an_identifier_someone_has_given():
    organisation = OrganisationFactory(companies_house_number="01234567")
    typed = {"companies_house_number": "07654321", "ods_code": "RBQ"}
    assert identifier_problems(organisation, typed, is_member=False) == {
        "companies_house_number": f"Only members of {organisation.name} can change its "
        "Companies House number"
    }
    assert identifier_problems(organisation, typed, is_member=True) == {}
    # A gap anyone may fill; a given number stays unless a member changes it.
    assert apply_identifiers(organisation, typed, is_member=False) == ["ods_code"]
    assert organisation.companies_house_number == "01234567"
    assert apply_identifiers(organisation, typed, is_member=True) == ["companies_house_number"]


def test_removing_someone_elses_identifier_is_refused():
    organisation = OrganisationFactory(ods_code="RBQ")
    problems = identifier_problems(organisation, {"ods_code": ""}, is_member=False)
    assert problems["ods_code"].startswith(f"Only members of {organisation.name} can remove")


def test_merging_keeps_identifiers_the_kept_organisation_lacks():
    kept = OrganisationFactory(charity_number="1123456")
    duplicate = OrganisationFactory(charity_number="9999999", ods_code="RBQ")
    merge_organisations(duplicate=duplicate, into=kept, moderator=UserFactory())
    kept.refresh_from_db()
    assert (kept.charity_number, kept.ods_code) == ("1123456", "RBQ")
