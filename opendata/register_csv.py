"""The register as CSV: each register record (``register_format.project_record``) flattened
into one row, one column a key of the open data format, in the schema's order.

Lists are joined with "; "; organisations, people, impact assessments and principles become
readable text. Every cell, lists included, goes through ``public_text.outputs.spreadsheet_cell``,
so no stored text runs as a formula; the spreadsheet download uses the same rows (``csv_row``).
The file is UTF-8 with a byte order mark so that spreadsheet programs read names like
"Ré Ñandú" correctly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from opendata.register_format import project_record, register_schema
from organisations.choices import ORGANISATION_TYPE_CHOICES
from projects.questions import DUTY_CHOICES, ORGANISATION_ROLE_CHOICES
from public_text.outputs import spreadsheet_cell

SEPARATOR = "; "

_TYPES = dict(ORGANISATION_TYPE_CHOICES)
_ROLES = dict(ORGANISATION_ROLE_CHOICES)
_DUTIES = dict(DUTY_CHOICES)
_IDENTIFIERS = {
    "companies_house_number": "Companies House",
    "charity_number": "charity",
    "ods_code": "NHS code",
}


def columns() -> list[str]:
    """The CSV's header: every key of a register record, in the schema's order."""
    return list(register_schema()["$defs"]["project"]["properties"])


def _organisation(organisation: dict) -> str:
    details = [
        _TYPES.get(organisation["type"], organisation["type"]),
        _ROLES.get(organisation["role"], organisation["role"]).lower(),
    ]
    if organisation["signatory"]:
        signed = "signed the Charter"
        details.append(
            f"{signed} {organisation['signed_on']}" if organisation["signed_on"] else signed
        )
    for key, label in _IDENTIFIERS.items():
        if organisation.get(key):
            details.append(f"{label} {organisation[key]}")
    text = f"{organisation['name']} ({', '.join(details)})"
    if organisation.get("contribution"):
        text += f": {organisation['contribution']}"
    return text


def _person(person: dict) -> str:
    duties = ", ".join(_DUTIES.get(duty, duty).lower() for duty in person["duties"])
    return (
        f"{person['name']}, {person['job_title']}, {person['organisation']}, "
        f"{person['contact']} ({duties})"
    )


def _impact_assessment(assessment: dict) -> str:
    details = [
        f"completed {assessment['date']}" if assessment["date"] else None,
        assessment["url"],
    ]
    shown = ", ".join(detail for detail in details if detail)
    text = f"{assessment['name']} ({shown})" if shown else assessment["name"]
    if assessment.get("summary"):
        text += f": {assessment['summary']}"
    return text


def _principle(principle: dict) -> str:
    evidence = ", ".join(principle["evidence"]) or "no answers"
    return f"{principle['number']} {principle['name']}: {evidence}"


_FLATTEN = {
    "organisations": _organisation,
    "responsible_people": _person,
    "impact_assessments": _impact_assessment,
    "principles": _principle,
}


def _cell(key: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        flatten = _FLATTEN.get(key, str)
        return spreadsheet_cell(SEPARATOR.join(flatten(item) for item in value))
    return spreadsheet_cell(value)


def csv_row(record: dict, keys: list[str]) -> list[str]:
    return [_cell(key, record.get(key)) for key in keys]


def register_csv(projects: Iterable, *, base_url: str | None = None) -> bytes:
    """The CSV file of ``projects`` (from ``with_register_details()``), as UTF-8 with a BOM."""
    keys = columns()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(keys)
    for project in projects:
        writer.writerow(csv_row(project_record(project, base_url=base_url), keys))
    return buffer.getvalue().encode("utf-8-sig")
