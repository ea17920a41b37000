"""The register's answers as ATRS answers and back, field by field, by the crosswalk's rules.

``atrs_answer(field, record)`` makes a field's answer from a register record (open data format
version 2); ``register_answers(field, text)`` reads an ATRS answer back into the register's
keys, for the rules an import can read (``crosswalk.IMPORTED_RULES``). Nothing is invented: a
field the record does not answer is the empty string, and an answer that cannot be read back is
left out.
"""

from __future__ import annotations

import datetime
import re

from projects.questions import AI_DECISION_ROLE_CHOICES, QUESTIONS

from . import crosswalk
from .crosswalk import FACETS_BY_NAME, PHASE_LABELS, Field

SEPARATOR = "; "
CHOICES = {"ai_decision_role": AI_DECISION_ROLE_CHOICES}

# Import: the ATRS phase to the register's stage (pre-deployment is taken as in development).
PHASE_TO_STATUS = {
    "pre-deployment": "development",
    "private-beta": "pilot",
    "public-beta": "pilot",
    "production": "in_use",
    "retired": "retired",
}
# Answers that say only that the field does not apply: the Charter wants a reason, so an
# import leaves these for the person to answer.
_NOT_APPLICABLE = re.compile(r"^\s*(?:n/?a|not applicable|-+|none given)\.?\s*$", re.IGNORECASE)


def question_label(key: str) -> str:
    question = QUESTIONS.get(key)
    return question.label if question else key


def _people(record, duty):
    return [p for p in record.get("responsible_people") or [] if duty in (p.get("duties") or [])]


def _organisations(record, role):
    return [o for o in record.get("organisations") or [] if o.get("role") == role]


def _per_supplier(record, key) -> str:
    suppliers = [o for o in _organisations(record, "supplier") if o.get(key)]
    if len(suppliers) == 1 and len(_organisations(record, "supplier")) == 1:
        return suppliers[0][key]
    return SEPARATOR.join(f"{o['name']}: {o[key]}" for o in suppliers)


def _impact_assessments(rows) -> str:
    paragraphs = []
    for row in rows or []:
        lines = [row["name"]]
        if row.get("date"):
            lines.append(f"Completed: {row['date']}")
        if row.get("url"):
            lines.append(f"Link: {row['url']}")
        if row.get("summary"):
            lines.append(f"Findings: {row['summary']}")
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def _labelled(record, keys) -> str:
    return "\n\n".join(
        f"{question_label(key)}\n{record[key].strip()}"
        for key in keys
        if (record.get(key) or "").strip()
    )


def atrs_answer(field: Field, record: dict) -> str:
    """The ATRS answer to ``field`` from a register record; "" when the record has none."""
    key = field.keys[0] if field.keys else None
    match field.rule:
        case crosswalk.TEXT:
            return record.get(key) or ""
        case crosswalk.LABELLED:
            return _labelled(record, field.keys)
        case crosswalk.CHOICE_LABEL:
            return dict(CHOICES[key]).get(record.get(key) or "", "")
        case crosswalk.PHASE:
            theirs = FACETS_BY_NAME["phase"].mapping.get(record.get("status") or "")
            return PHASE_LABELS.get(theirs, "")
        case crosswalk.REGION:
            facet = FACETS_BY_NAME["region"]
            return SEPARATOR.join(
                facet.values[value] for value in facet.govuk_values(record.get("areas") or [])
            )
        case crosswalk.IMPACT_ASSESSMENTS:
            return _impact_assessments(record.get("impact_assessments"))
        case crosswalk.LEAD_NAME:
            return next((o["name"] for o in _organisations(record, "lead")), "")
        case crosswalk.CONTACT:
            return next((p["contact"] for p in _people(record, "contact")), "")
        case crosswalk.ACCOUNTABLE:
            return next(
                (f"{p['job_title']}, {p['organisation']}" for p in _people(record, "accountable")),
                "",
            )
        case crosswalk.THIRD_PARTY_INVOLVED:
            return "Yes" if _organisations(record, "supplier") else ""
        case crosswalk.SUPPLIER_NAMES:
            return SEPARATOR.join(o["name"] for o in _organisations(record, "supplier"))
        case crosswalk.SUPPLIER_NUMBERS:
            return _per_supplier(record, "companies_house_number")
        case crosswalk.SUPPLIER_ROLES:
            return _per_supplier(record, "contribution")
        case "":
            return ""
    raise ValueError(f"No rule {field.rule!r} for {field.name}")  # pragma: no cover


def govuk_metadata(record: dict) -> dict:
    """The record's GOV.UK metadata (the facets), keyed as GOV.UK's Content API keys them."""
    lead = next(iter(_organisations(record, "lead")), None)
    values = {
        "phase": record.get("status") or "",
        "region": record.get("areas") or [],
        "function": record.get("topics") or [],
        "capability": record.get("ai_kinds") or [],
        "organisation_type": lead["type"] if lead else [],
    }
    metadata = {}
    for facet in crosswalk.FACETS:
        chosen = facet.govuk_values(values[facet.name])
        metadata[facet.metadata_key] = chosen if facet.many else (chosen[0] if chosen else "")
    metadata["algorithmic_transparency_record_atrs_version"] = crosswalk.STANDARD_VERSION
    return metadata


# --- reading back -----------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Lower case, single spaces, no punctuation at the ends: how labels are compared."""
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s/-]", " ", text or "")).strip().lower()


def _split_labelled(text: str, keys) -> dict[str, str]:
    """The answers under each question, when ``text`` has the questions on lines of their own;
    otherwise all of it answers the first."""
    lines = text.splitlines()
    wanted = {normalise(question_label(key)): key for key in keys}
    starts = [
        (i, wanted[normalise(line)]) for i, line in enumerate(lines) if normalise(line) in wanted
    ]
    if not starts:
        return {keys[0]: text.strip()}
    answers = {}
    for position, (index, key) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        answer = "\n".join(lines[index + 1 : end]).strip()
        if answer:
            answers[key] = answer
    before = "\n".join(lines[: starts[0][0]]).strip()
    if before and keys[0] not in answers:
        answers[keys[0]] = before
    return answers


_IA_LINE = re.compile(r"^(Completed|Link|Findings):\s*(.*)$")


def read_impact_assessments(text: str) -> list[dict] | None:
    """Rows from the export's paragraphs (name, then "Completed:", "Link:", "Findings:"
    lines); None when the text is not in that shape (it is left for the person)."""
    rows = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        lines = paragraph.strip().splitlines()
        row = {"name": lines[0].strip(), "date": None, "url": None, "summary": None}
        current = None
        for line in lines[1:]:
            match = _IA_LINE.match(line.strip())
            if match:
                current = match.group(1)
                value = match.group(2).strip()
                if current == "Completed":
                    try:
                        row["date"] = datetime.date.fromisoformat(value).isoformat()
                    except ValueError:
                        return None
                elif current == "Link":
                    if not value.startswith("https://"):
                        return None
                    row["url"] = value
                else:
                    row["summary"] = value
            elif current == "Findings":
                row["summary"] = f"{row['summary']}\n{line}".strip()
            else:
                return None
        if not row["name"] or len(row["name"]) > 200:
            return None
        rows.append(row)
    return rows or None


def register_answers(field: Field, text: str) -> dict:
    """The register's answers in an ATRS answer to ``field``: key to value, only those read."""
    text = (text or "").strip()
    if not text or _NOT_APPLICABLE.match(text) or not field.imported:
        return {}
    key = field.keys[0]
    match field.rule:
        case crosswalk.TEXT:
            return {key: text}
        case crosswalk.LABELLED:
            return _split_labelled(text, field.keys)
        case crosswalk.CHOICE_LABEL:
            by_label = {normalise(label): value for value, label in CHOICES[key]}
            value = by_label.get(normalise(text))
            return {key: value} if value else {}
        case crosswalk.PHASE:
            status = phase_status(text)
            return {key: status} if status else {}
        case crosswalk.IMPACT_ASSESSMENTS:
            rows = read_impact_assessments(text)
            return {key: rows} if rows else {}
    return {}  # pragma: no cover


def phase_status(text: str) -> str | None:
    """The register's stage for an ATRS phase, by label or GOV.UK value (older ones too)."""
    slug = normalise(text).replace(" ", "-")
    slug = crosswalk.OLD_PHASES.get(slug, slug)
    by_label = {normalise(label).replace(" ", "-"): value for value, label in PHASE_LABELS.items()}
    return PHASE_TO_STATUS.get(by_label.get(slug, slug))
