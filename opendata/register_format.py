"""The register's open data format (``docs/spec/register-record.schema.json``, version 2;
version 1 is ``docs/spec/register-record.v1.schema.json``).

One module knows the shape of a register record: how a project version becomes a record
(export, API) and how a document of records becomes published projects (import). The JSON
Schemas of both versions are generated here from the question list and its choices. Exports are
version 2; the import reads version 1 and 2 (``upgrade_document`` turns a version 1 document
into version 2: the new keys are null or an empty list).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from jsonschema import Draft202012Validator

from organisations.choices import ORGANISATION_TYPE_CHOICES
from organisations.identifiers import (
    CHARITY_NUMBER_PATTERN,
    COMPANIES_HOUSE_PATTERN,
    ODS_CODE_PATTERN,
)
from organisations.models import Organisation
from principles.charter import PRINCIPLE_NAMES
from projects.models import ImpactAssessment, Project, ProjectOrganisation, ResponsiblePerson
from projects.questions import (
    AI_DECISION_ROLE_CHOICES,
    AI_KIND_CHOICES,
    ANSWER_KEYS,
    AREA_CHOICES,
    DUTY_CHOICES,
    OPTIONAL_ANSWER_KEYS,
    ORGANISATION_IDENTIFIER_KEYS,
    ORGANISATION_ROLE_CHOICES,
    QUESTIONS,
    STATUS_CHOICES,
    SUMMARY_MAX_LENGTH,
    TOPIC_CHOICES,
    VERSION_2_KEYS,
    Kind,
)
from projects.rules import (
    CONTRIBUTION_MAX_LENGTH,
    IMPACT_ASSESSMENT_SUMMARY_MAX_LENGTH,
    ai_problems,
    impact_assessment_problems,
    organisation_problems,
    people_problems,
)
from public_text.policy import normalise, organisation_name_key, refusal

SCHEMA_VERSION = "2"
# The versions of the format the import reads; each has its schema in docs/spec/.
SCHEMA_VERSIONS = ("1", "2")
LICENCE = "Open Government Licence v3.0"
SLUG_PATTERN = "^[a-z0-9]+(?:-[a-z0-9]+)*$"
MONTH_PATTERN = "^[0-9]{4}-(0[1-9]|1[0-2])$"
# Keys version 2 added to each organisation of a record.
ORGANISATION_VERSION_2_KEYS = [*ORGANISATION_IDENTIFIER_KEYS, "contribution"]

_HEAD_KEYS = [
    "id",
    "url",
    "version",
    "title",
    "summary",
    "status",
    "uses_ai",
    "ai_kinds",
    "ai_decision_role",
    "areas",
    "topics",
    "start_date",
    "website",
    "frequency_and_scale",
    "previous_process",
    "organisations",
    "responsible_people",
    "principles",
    "published_at",
    "updated_at",
    "last_reviewed_at",
    "next_review_due",
]


def _keys(choices) -> list[str]:
    return [key for key, _label in choices]


def _nullable(type_name: str, **extra) -> dict:
    return {"type": [type_name, "null"], **extra}


def _set_of(choices, *, min_items: int | None = None) -> dict:
    schema: dict = {"type": "array"}
    if min_items is not None:
        schema["minItems"] = min_items
    return {**schema, "uniqueItems": True, "items": {"enum": _keys(choices)}}


def record_keys(version: str = SCHEMA_VERSION) -> list[str]:
    """Every key of a project record in format ``version``, in the schema's order: the
    register details first, then the answers in the form's order."""
    answers = [
        question.key
        for question in QUESTIONS.values()
        if question.kind in (Kind.LONG_TEXT, Kind.IMPACT_ASSESSMENTS)
        and question.key not in _HEAD_KEYS
    ]
    keys = _HEAD_KEYS + answers
    if version == "1":
        keys = [key for key in keys if key not in VERSION_2_KEYS]
    return keys


_DESCRIPTIONS = {
    "1": (
        "The register's open data format. The JSON export of the register (/register.json) "
        "is one document of this shape, holding every published project; the import "
        "command reads the same shape. On import, url, version, principles, published_at, "
        "updated_at, last_reviewed_at and next_review_due may be absent (the register works "
        "them out); id is kept as the project's slug."
    ),
    "2": (
        "The register's open data format, version 2. The JSON export of the register "
        "(/register.json) is one document of this shape, holding every published project; the "
        "import command reads the same shape, and also reads version 1 documents "
        "(register-record.v1.schema.json), where the keys added in version 2 are absent and are "
        "taken as null or an empty list. On import, url, version, principles, published_at, "
        "updated_at, last_reviewed_at and next_review_due may be absent (the register works "
        "them out); id is kept as the project's slug. Version 2 adds: summary, "
        "frequency_and_scale, previous_process, alternatives_considered, impact_assessments, "
        "and on each organisation companies_house_number, charity_number, ods_code and "
        "contribution."
    ),
}


def register_schema(version: str = SCHEMA_VERSION) -> dict:
    """The JSON Schema of a register document in format ``version`` ("2", the current one, or
    "1"), built from the project's own definitions."""
    text = {"type": "string", "minLength": 1}
    organisation_properties = {
        "name": text,
        "type": {"enum": _keys(ORGANISATION_TYPE_CHOICES)},
        "role": {"enum": _keys(ORGANISATION_ROLE_CHOICES)},
        "signatory": {"type": "boolean"},
        "signed_on": _nullable("string", format="date"),
        "description": _nullable("string"),
        "mission_statement": _nullable("string"),
    }
    if version != "1":
        organisation_properties |= {
            "companies_house_number": _nullable(
                "string",
                pattern=COMPANIES_HOUSE_PATTERN,
                description="for a company registered in the UK",
            ),
            "charity_number": _nullable(
                "string",
                pattern=CHARITY_NUMBER_PATTERN,
                description="Charity Commission (or OSCR, NI) registration number",
            ),
            "ods_code": _nullable(
                "string", pattern=ODS_CODE_PATTERN, description="NHS Organisation Data Service code"
            ),
            "contribution": _nullable(
                "string",
                minLength=1,
                maxLength=CONTRIBUTION_MAX_LENGTH,
                description="what this organisation does in the project (for a partner, "
                "supplier or funder)",
            ),
        }
    organisation = {
        "type": "object",
        "additionalProperties": False,
        "required": ["name", "type", "role", "signatory"],
        "properties": organisation_properties,
    }
    person = {
        "type": "object",
        "additionalProperties": False,
        "required": ["name", "job_title", "organisation", "contact", "duties"],
        "properties": {
            "name": text,
            "job_title": text,
            "organisation": text,
            "contact": {
                **text,
                "description": "a public contact: role mailbox, email or phone",
            },
            "duties": _set_of(DUTY_CHOICES, min_items=1),
        },
    }
    principle = {
        "type": "object",
        "required": ["number", "name", "evidence"],
        "additionalProperties": False,
        "properties": {
            "number": {"type": "integer", "minimum": 1, "maximum": 11},
            "name": {"type": "string"},
            "evidence": {"type": "array", "items": {"type": "string"}},
        },
    }
    impact_assessment = {
        "type": "object",
        "additionalProperties": False,
        "required": ["name", "date", "url"],
        "properties": {
            "name": {"type": "string", "minLength": 1, "maxLength": 200},
            "date": _nullable("string", format="date"),
            "url": _nullable("string", pattern="^https://"),
            "summary": _nullable("string", maxLength=IMPACT_ASSESSMENT_SUMMARY_MAX_LENGTH),
        },
    }
    decision_roles = _keys(AI_DECISION_ROLE_CHOICES)
    definitions = {
        "id": {
            "type": "string",
            "pattern": SLUG_PATTERN,
            "description": "the record's slug; stable for the life of the record",
        },
        "url": {"type": "string", "format": "uri", "description": "the record's public page"},
        "version": {
            "type": "integer",
            "minimum": 1,
            "description": "1 for the first published version; goes up by one at each "
            "published change",
        },
        "title": {"type": "string", "minLength": 1, "maxLength": 200},
        "summary": _nullable(
            "string",
            minLength=1,
            maxLength=SUMMARY_MAX_LENGTH,
            description="two or three plain sentences for residents; null only for records "
            "published before version 2",
        ),
        "status": {"enum": _keys(STATUS_CHOICES)},
        "uses_ai": {"type": "boolean"},
        "ai_kinds": _set_of(AI_KIND_CHOICES),
        "ai_decision_role": {"enum": [None, *decision_roles]},
        "areas": _set_of(AREA_CHOICES, min_items=1),
        "topics": _set_of(TOPIC_CHOICES, min_items=1),
        "start_date": _nullable("string", pattern=MONTH_PATTERN),
        "website": _nullable("string", pattern="^https://"),
        "organisations": {"type": "array", "minItems": 1, "items": organisation},
        "responsible_people": {"type": "array", "minItems": 1, "items": person},
        "principles": {
            "type": "array",
            "description": "derived: for each of the 11 principles, the answer keys that "
            "evidence it",
            "items": principle,
        },
        "published_at": _nullable("string", format="date-time"),
        "updated_at": _nullable("string", format="date-time"),
        "last_reviewed_at": _nullable("string", format="date-time"),
        "next_review_due": _nullable("string", format="date"),
        "impact_assessments": {
            "type": "array",
            "description": "assessments done for the project, each with a public link where "
            "one exists",
            "items": impact_assessment,
        },
        **{key: dict(text) for key in ANSWER_KEYS},
        **{key: _nullable("string", minLength=1) for key in OPTIONAL_ANSWER_KEYS},
    }
    properties = {key: definitions[key] for key in record_keys(version)}
    required = [
        "id",
        "title",
        "status",
        "uses_ai",
        "ai_kinds",
        "ai_decision_role",
        "areas",
        "topics",
        "organisations",
        "responsible_people",
        *ANSWER_KEYS,
    ]
    if version != "1":
        required += VERSION_2_KEYS
    project = {
        "type": "object",
        "additionalProperties": False,
        "required": required,
        "properties": properties,
        "allOf": [
            {
                "if": {"properties": {"uses_ai": {"const": True}}},
                "then": {
                    "properties": {
                        "ai_kinds": {"minItems": 1},
                        "ai_decision_role": {"enum": decision_roles},
                    }
                },
            }
        ],
    }
    if version == "1":
        schema_id = "register-record.v1.schema.json"
        title = "LCR Community Charter on Data and AI: public register (version 1)"
    else:
        schema_id = "register-record.schema.json"
        title = "LCR Community Charter on Data and AI: public register"
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id,
        "title": title,
        "description": _DESCRIPTIONS[version],
        "type": "object",
        "additionalProperties": False,
        "required": ["schema_version", "generated_at", "licence", "projects"],
        "properties": {
            "schema_version": {"const": version},
            "generated_at": {"type": "string", "format": "date-time"},
            "licence": {"type": "string", "minLength": 1},
            "projects": {"type": "array", "items": {"$ref": "#/$defs/project"}},
        },
        "$defs": {"project": project},
    }


# --- export ---------------------------------------------------------------------------------


def _iso(moment: datetime.datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def project_record(project, *, base_url: str | None = None) -> dict:
    """A published project version as a register record (the current version of the format),
    its keys in the schema's order. ``project`` should come from
    ``Project.objects.with_register_details()`` so this costs no queries."""
    base_url = (base_url or settings.SITE_URL).rstrip("/")
    evidence = project.evidence()
    record = {
        "id": project.slug,
        "url": base_url + project.get_absolute_url(),
        "version": project.version,
        "title": project.title,
        "status": project.status,
        "uses_ai": bool(project.uses_ai),
        "ai_kinds": list(project.ai_kinds),
        "ai_decision_role": project.ai_decision_role or None,
        "areas": list(project.areas),
        "topics": list(project.topics),
        "start_date": project.start_date.strftime("%Y-%m") if project.start_date else None,
        "website": project.website or None,
        "organisations": [
            {
                "name": po.organisation.name,
                "type": po.organisation.type,
                "role": po.role,
                "signatory": po.organisation.is_signatory,
                "signed_on": (
                    po.organisation.signed_on.isoformat() if po.organisation.signed_on else None
                ),
                "description": po.organisation.description or None,
                "mission_statement": po.organisation.mission_statement or None,
                "companies_house_number": po.organisation.companies_house_number or None,
                "charity_number": po.organisation.charity_number or None,
                "ods_code": po.organisation.ods_code or None,
                "contribution": po.contribution or None,
            }
            for po in project.project_organisations.all()
        ],
        "responsible_people": [
            {
                "name": person.name,
                "job_title": person.job_title,
                "organisation": person.organisation,
                "contact": person.contact,
                "duties": list(person.duties),
            }
            for person in project.responsible_people.all()
        ],
        "principles": [
            {"number": number, "name": PRINCIPLE_NAMES[number], "evidence": keys}
            for number, keys in evidence.items()
        ],
        "published_at": _iso(project.first_published_at),
        "updated_at": _iso(project.published_at),
        "last_reviewed_at": _iso(project.last_reviewed_at),
        "next_review_due": project.next_review_due.isoformat() if project.next_review_due else None,
    }
    record["summary"] = project.summary or None
    record["impact_assessments"] = [
        assessment.as_record() for assessment in project.impact_assessments.all()
    ]
    for key in ANSWER_KEYS:
        record[key] = getattr(project, key)
    for key in OPTIONAL_ANSWER_KEYS:
        record[key] = getattr(project, key) or None
    return {key: record[key] for key in record_keys()}


def register_document(projects: Iterable, *, base_url: str | None = None, now=None) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_at": _iso(now or timezone.now()),
        "licence": LICENCE,
        "projects": [project_record(project, base_url=base_url) for project in projects],
    }


# --- validation -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a document: which project, which field, what."""

    project: str
    field: str
    message: str

    def __str__(self):
        return f"{self.project}: {self.field}: {self.message}"


def _field_path(parts) -> str:
    path = ""
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(document)"


def _project_name(document: dict, index: int) -> str:
    try:
        project_id = document["projects"][index].get("id")
    except (AttributeError, IndexError, KeyError, TypeError):
        project_id = None
    if isinstance(project_id, str) and project_id:
        return f'project {index + 1} (id "{project_id}")'
    return f"project {index + 1}"


def _parse_datetime(value: str) -> datetime.datetime:
    moment = datetime.datetime.fromisoformat(value)
    if timezone.is_naive(moment):
        raise ValueError("no time zone")
    return moment


def document_version(document) -> str:
    """The format version a document says it is in; anything unreadable counts as current, so
    that the current schema names what is wrong."""
    version = document.get("schema_version") if isinstance(document, dict) else None
    return version if version in SCHEMA_VERSIONS else SCHEMA_VERSION


def upgrade_document(document: dict) -> dict:
    """A valid document of any version the register reads, as a version 2 document: a version 1
    record gets null (or an empty list) for each key version 2 added. The document given is left
    as it is."""
    if document_version(document) == SCHEMA_VERSION:
        return document
    projects = []
    for data in document["projects"]:
        upgraded = {**data, "summary": None, "impact_assessments": []}
        for key in OPTIONAL_ANSWER_KEYS:
            upgraded[key] = None
        upgraded["organisations"] = [
            {**organisation, **dict.fromkeys(ORGANISATION_VERSION_2_KEYS)}
            for organisation in data["organisations"]
        ]
        projects.append(upgraded)
    return {**document, "schema_version": SCHEMA_VERSION, "projects": projects}


def _schema_problems(document) -> list[Problem]:
    if (
        isinstance(document, dict)
        and "schema_version" in document
        and document["schema_version"] not in SCHEMA_VERSIONS
    ):
        return [
            Problem(
                "document",
                "schema_version",
                f"is {document['schema_version']!r}: this register reads versions "
                + " and ".join(f'"{version}"' for version in SCHEMA_VERSIONS),
            )
        ]
    validator = Draft202012Validator(
        register_schema(document_version(document)),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    problems = []
    for error in validator.iter_errors(document):
        path = list(error.absolute_path)
        if len(path) >= 2 and path[0] == "projects" and isinstance(path[1], int):
            who, field = _project_name(document, path[1]), _field_path(path[2:])
        else:
            who, field = "document", _field_path(path)
        if error.validator == "required":
            missing = error.message.split("'")[1] if "'" in error.message else error.message
            field = f"{field}.{missing}" if field != "(document)" else missing
            message = "is required"
        elif error.validator == "additionalProperties":
            message = f"is not part of the register format ({error.message})"
        else:
            message = error.message
        problems.append(Problem(who, field, message))
    return problems


class _Person:
    def __init__(self, data: dict):
        self.name = data["name"]
        self.job_title = data["job_title"]
        self.organisation = data["organisation"]
        self.contact = data["contact"]
        self.duties = data["duties"]


class _Organisation:
    def __init__(self, data: dict):
        self.name = data["name"]
        self.type = data["type"]
        self.description = data.get("description") or ""
        self.mission_statement = data.get("mission_statement") or ""


class _ImpactAssessment:
    def __init__(self, data: dict):
        self.name = data["name"]
        self.url = data.get("url") or ""
        self.summary = data.get("summary") or ""
        # The schema's "date" format has checked the date.
        self.completed_on = datetime.date.fromisoformat(data["date"]) if data["date"] else None


def _rule_problems(document: dict) -> list[Problem]:
    """The model rules that the schema cannot say (``document`` is a version 2 document)."""
    problems = []
    seen_ids: dict[str, int] = {}
    organisation_types: dict[str, str] = {}
    for index, data in enumerate(document["projects"]):
        who = _project_name(document, index)
        if data["id"] in seen_ids:
            problems.append(
                Problem(who, "id", f"is used by project {seen_ids[data['id']] + 1} as well")
            )
        seen_ids.setdefault(data["id"], index)
        for key in ["title", *ANSWER_KEYS]:
            if not data[key].strip():
                problems.append(Problem(who, key, "is blank"))
        for key in ["summary", *OPTIONAL_ANSWER_KEYS]:
            if data[key] is not None and not data[key].strip():
                problems.append(Problem(who, key, "is blank (give null instead)"))
        organisations = [(_Organisation(o), o["role"]) for o in data["organisations"]]
        rules = organisation_problems(organisations)
        rules.pop("organisation_description", None)  # optional in the open data format
        rules.update(people_problems([_Person(p) for p in data["responsible_people"]]))
        rules.update(
            ai_problems(
                uses_ai=data["uses_ai"],
                ai_kinds=data["ai_kinds"],
                ai_decision_role=data["ai_decision_role"],
            )
        )
        rules.update(
            impact_assessment_problems(
                [_ImpactAssessment(a) for a in data["impact_assessments"]],
                today=timezone.localdate(),
            )
        )
        for key, message in rules.items():
            problems.append(Problem(who, key, message))
        for position, assessment in enumerate(data["impact_assessments"]):
            if not assessment["name"].strip():
                problems.append(Problem(who, f"impact_assessments[{position}].name", "is blank"))
        names = [organisation_name_key(o["name"]) for o in data["organisations"]]
        if len(set(names)) != len(names):
            problems.append(Problem(who, "organisations", "names an organisation twice"))
        for position, organisation in enumerate(data["organisations"]):
            name = organisation_name_key(organisation["name"])
            if organisation_types.setdefault(name, organisation["type"]) != organisation["type"]:
                problems.append(
                    Problem(
                        who,
                        f"organisations[{position}].type",
                        f"{organisation['name']} has a different type in another project",
                    )
                )
            if organisation.get("signed_on") and not organisation["signatory"]:
                problems.append(
                    Problem(
                        who,
                        f"organisations[{position}].signed_on",
                        "is given but the organisation is not a signatory",
                    )
                )
        for key in ("published_at", "updated_at", "last_reviewed_at"):
            if data.get(key):
                try:
                    _parse_datetime(data[key])
                except ValueError:
                    problems.append(
                        Problem(who, key, "is not a date and time with a time zone (ISO 8601)")
                    )
        # Dates (next_review_due, signed_on, impact assessment dates) have been checked by the
        # schema's "date" format; date-times are checked above, as the schema cannot require
        # a time zone.
    return problems


def _text_problems(who: str, path: str, value) -> list[Problem]:
    """NUL characters anywhere in ``value``: PostgreSQL cannot store them in text."""
    if isinstance(value, str):
        return [Problem(who, path, "contains a NUL character")] if "\x00" in value else []
    if isinstance(value, list):
        return [
            p for i, item in enumerate(value) for p in _text_problems(who, f"{path}[{i}]", item)
        ]
    if isinstance(value, dict):
        return [
            p for key, item in value.items() for p in _text_problems(who, f"{path}.{key}", item)
        ]
    return []


def _length_problems(who: str, path: str, data: dict, model, names: dict[str, str]) -> list:
    """Strings longer than the model's column for them (``names``: document key to field)."""
    problems = []
    for key, field_name in names.items():
        value = data.get(key)
        limit = model._meta.get_field(field_name).max_length
        if isinstance(value, str) and limit and len(value) > limit:
            problems.append(
                Problem(who, f"{path}{key}", f"is longer than {limit} characters ({len(value)})")
            )
    return problems


def _storage_problems(document: dict) -> list[Problem]:
    """What the schema allows but the database cannot store: NUL characters, and text longer
    than its column. Found here so the import refuses it by name instead of failing."""
    project_fields = {
        field.name: field.name
        for field in Project._meta.concrete_fields
        if getattr(field, "max_length", None) and field.name != "slug"
    } | {"id": "slug"}
    nested = [
        ("organisations", Organisation, {"name": "name", "description": "description"}),
        ("organisations", ProjectOrganisation, {"contribution": "contribution"}),
        (
            "responsible_people",
            ResponsiblePerson,
            {name: name for name in ("name", "job_title", "organisation", "contact")},
        ),
        ("impact_assessments", ImpactAssessment, {"name": "name", "url": "url"}),
    ]
    problems = []
    for index, data in enumerate(document["projects"]):
        who = _project_name(document, index)
        for key, value in data.items():
            problems += _text_problems(who, key, value)
        problems += _length_problems(who, "", data, Project, project_fields)
        for key, model, names in nested:
            for position, item in enumerate(data[key]):
                problems += _length_problems(who, f"{key}[{position}].", item, model, names)
    return problems


def _policy_problem(who: str, path: str, value, model, name: str) -> list[Problem]:
    """The text policy's one message for a text field, as the forms give it. A NUL character
    and text longer than its column are reported by ``_storage_problems`` instead."""
    if not isinstance(value, str) or "\x00" in value:
        return []
    rule = model.public_text_rule(name)
    problem = refusal(normalise(value, multiline=rule.multiline), rule)
    if problem is None:
        return []
    if problem.code == "max_length" and model._meta.get_field(name).max_length:
        return []
    return [Problem(who, path, problem.message)]


def _text_policy_problems(document: dict) -> list[Problem]:
    """Text that no form would take (hidden characters, line breaks in a title, a name with
    no letters, an answer over its character ceiling), named by project, field and problem."""
    problems = []
    nested = [
        ("organisations", Organisation),
        ("organisations", ProjectOrganisation),  # what the organisation does in the project
        ("responsible_people", ResponsiblePerson),
        ("impact_assessments", ImpactAssessment),
    ]
    for index, data in enumerate(document["projects"]):
        who = _project_name(document, index)
        for name in Project.public_text_rules:
            if name in data:
                problems += _policy_problem(who, name, data[name], Project, name)
        for key, model in nested:
            for position, item in enumerate(data.get(key) or []):
                for name in model.public_text_rules:
                    if name in item:
                        path = f"{key}[{position}].{name}"
                        problems += _policy_problem(who, path, item[name], model, name)
    return problems


def validate_document(document) -> list[Problem]:
    """Every problem with a register document (version 1 or 2): schema rules first, then model
    rules, the text policy and what the database cannot store."""
    problems = _schema_problems(document)
    if problems:
        return problems
    document = upgrade_document(document)
    return _rule_problems(document) + _text_policy_problems(document) + _storage_problems(document)
