"""The crosswalk covers the whole ATRS v4.0 template and every key of the register's record."""

import re

import pytest

from atrs import crosswalk
from atrs.answers import atrs_answer
from organisations.choices import ORGANISATION_TYPE_CHOICES
from projects.models import Project
from projects.questions import (
    AI_KIND_CHOICES,
    AREA_CHOICES,
    QUESTIONS,
    STATUS_CHOICES,
    TOPIC_CHOICES,
)

from .records import record, record_keys

# The v4.0 template, field by field, as the reference gives it: the v3.0 table with the change
# log applied (renamed, merged, split, deleted). Written out here so that the crosswalk is
# checked against the standard rather than against itself.
V4_FIELDS = {
    "summary_information": [
        "name", "description", "website_url", "contact_email", "organisation_name", "phase",
        "region",
    ],
    "owner_and_responsibility": [
        "organisation_or_department", "team", "senior_responsible_owner",
        "third_party_involvement", "third_party", "companies_house_number", "third_party_role",
        "procurement_procedure_type", "data_access_terms",
    ],
    "description_and_rationale": [
        "detailed_description", "benefit", "previous_process", "alternatives_considered",
    ],
    "deployment_context": [
        "integration_into_broader_operational_process", "frequency_and_scale_of_usage",
        "human_review", "required_training", "appeals_and_review",
    ],
    "tool_specification": [
        "system_architecture", "system_level_input", "system_level_output", "maintenance",
        "models",
    ],
    "model_specification": [
        "model_name", "model_version", "model_task", "model_input", "model_output",
        "model_architecture", "model_performance", "datasets_and_their_purposes",
    ],
    "development_data_specification": [
        "source_data_name", "data_modality", "data_description", "data_quantities",
        "sensitive_attributes", "data_completeness_and_representativeness", "source_data_url",
        "data_collection", "data_cleaning", "data_sharing_agreements", "data_access_and_storage",
    ],
}  # fmt: skip
V4_FIELDS["operational_data_specification"] = V4_FIELDS["development_data_specification"]
V4_FIELDS["risks_mitigations_and_impact_assessments"] = [
    "impact_assessment",
    "risks_and_mitigations",
]
# v3.0 names that v4.0 deleted, or merged into another field.
DELETED_IN_V4 = {
    "id", "standard_version", "organisation_type", "function", "capability", "task", "tags",
    "date_of_completion", "date_updated", "date_archived", "title",
    "one_sentence_description", "scope", "provided_information", "dataset_purposes",
}  # fmt: skip
RENAMED_IN_V4 = {
    "external_supplier_involvement": "third_party_involvement",
    "external_supplier": "third_party",
    "external_supplier_role": "third_party_role",
    "process_integration": "integration_into_broader_operational_process",
    "human_decisions_and_review": "human_review",
    "datasets": "datasets_and_their_purposes",
}


def test_every_v4_section_and_field_is_in_the_crosswalk_in_template_order():
    assert [section.name for section in crosswalk.SECTIONS] == list(V4_FIELDS)
    for section in crosswalk.SECTIONS:
        assert section.names == V4_FIELDS[section.name], section.name


def test_every_field_is_mapped_or_marked_not_asked():
    for _section, field in crosswalk.FIELDS:
        assert field.label and field.guidance and field.reference, field.name
        if field.keys:
            assert field.rule, field.name
        else:
            assert not field.rule and not field.imported, field.name


def test_v3_names_are_kept_or_renamed_as_the_change_log_says():
    v3_names = set(RENAMED_IN_V4) | DELETED_IN_V4
    v4_names = {field.name for _section, field in crosswalk.FIELDS}
    for old, new in RENAMED_IN_V4.items():
        assert new in v4_names and old not in v4_names
        assert any(field.v3_name == old for _s, field in crosswalk.FIELDS), old
    assert v3_names.isdisjoint(v4_names)


def test_every_key_of_the_register_record_has_an_atrs_home_or_a_reason():
    homes = {key.split(".")[0] for key in crosswalk.answered_keys()}
    charter_only = {key.split(".")[0] for key in crosswalk.CHARTER_ONLY}
    assert record_keys() == homes | charter_only
    for key, reason in crosswalk.CHARTER_ONLY.items():
        assert reason, key
    # A key is one or the other, never both.
    assert not set(crosswalk.answered_keys()) & set(crosswalk.CHARTER_ONLY)


def test_every_organisation_key_of_the_record_is_covered():
    organisation_keys = set(record()["organisations"][0])
    covered = {
        key.split(".", 1)[1]
        for key in crosswalk.answered_keys() | set(crosswalk.CHARTER_ONLY)
        if key.startswith("organisations.")
    }
    assert organisation_keys == covered


@pytest.mark.parametrize(
    "facet, choices",
    [
        ("phase", STATUS_CHOICES),
        ("region", AREA_CHOICES),
        ("function", TOPIC_CHOICES),
        ("capability", AI_KIND_CHOICES),
        ("organisation_type", ORGANISATION_TYPE_CHOICES),
    ],
)
def test_every_facet_maps_each_of_our_values_to_one_of_govuks(facet, choices):
    facet = crosswalk.FACETS_BY_NAME[facet]
    assert set(facet.mapping) == {value for value, _label in choices}
    for theirs in facet.mapping.values():
        assert theirs is None or theirs in facet.values
    assert re.match(r"^algorithmic_transparency_record_", facet.metadata_key)


def test_govuk_facet_values_are_the_ones_govuk_publishes():
    assert list(crosswalk.FACETS_BY_NAME["phase"].values) == [
        "pre-deployment", "private-beta", "public-beta", "production", "retired",
    ]  # fmt: skip
    assert "international" in crosswalk.FACETS_BY_NAME["region"].values
    assert crosswalk.FACETS_BY_NAME["region"].govuk_values(["wirral", "halton"]) == ["north-west"]
    assert len(crosswalk.FACETS_BY_NAME["function"].values) == 11
    assert len(crosswalk.FACETS_BY_NAME["capability"].values) == 11
    assert len(crosswalk.FACETS_BY_NAME["organisation_type"].values) == 7


def test_reverse_maps_only_values_that_one_of_ours_maps_to():
    function = crosswalk.FACETS_BY_NAME["function"].reverse()
    assert function["housing-and-community-amenities"] == "housing"
    assert "economic-affairs" not in function  # transport and employment
    capability = crosswalk.FACETS_BY_NAME["capability"].reverse()
    assert "computer-linguistics" not in capability  # chatbots and natural language


def test_every_mapped_field_is_answered_by_a_complete_record():
    full = record()
    for section, field in crosswalk.FIELDS:
        if field.keys:
            assert atrs_answer(field, full), f"{section.name}.{field.name}"
        else:
            assert atrs_answer(field, full) == "", f"{section.name}.{field.name}"


def test_not_held_lists_exactly_the_fields_not_asked():
    listed = {(s.name, f.name) for s, fields in crosswalk.not_held() for f in fields}
    assert listed == {(s.name, f.name) for s, f in crosswalk.FIELDS if not f.keys}


def test_every_sheet_name_fits_excel():
    for section in crosswalk.SECTIONS:
        assert len(section.sheet_title) <= 31, section.title


def test_each_imported_key_is_one_question_of_the_project_read_by_one_field():
    """An import writes each key once, to a Project field the form asks about."""
    keys = [key for _s, field in crosswalk.FIELDS if field.imported for key in field.keys]
    assert len(keys) == len(set(keys))
    for key in keys:
        assert key in QUESTIONS, key
        assert Project._meta.get_field(key).name == key
