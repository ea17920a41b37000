"""An ATRS record's answers as the register's: what a new draft is started with.

``register_answers_from(parsed)`` applies the crosswalk to a read record (``reading``): each
field an import can read gives the register's key(s); GOV.UK's metadata gives the phase (when
the record has none), the service areas (function) and the kinds of AI (capability), where only
one of the register's values maps to GOV.UK's. An answer that does not fit the register (too
long for its question, a website that is not https) is left out and said so.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from projects.models import Project
from public_text.policy import normalise, refusal

from . import crosswalk
from .answers import phase_status, register_answers
from .reading import ParsedRecord


@dataclass
class ImportedAnswers:
    answers: dict = field(default_factory=dict)  # the register's key to its value
    left_out: list[str] = field(default_factory=list)  # what could not be used, and why

    @property
    def title(self) -> str:
        return self.answers.get("title", "")

    def for_draft(self) -> dict:
        """The answers as the draft's sections take them (impact assessment rows with their
        date as ``completed_on``)."""
        answers = dict(self.answers)
        if "impact_assessments" in answers:
            answers["impact_assessments"] = [
                {
                    "name": row["name"],
                    "completed_on": datetime.date.fromisoformat(row["date"])
                    if row["date"]
                    else None,
                    "url": row["url"] or "",
                    "summary": row["summary"] or "",
                }
                for row in answers["impact_assessments"]
            ]
        return answers


def _fits(key: str, value) -> str | None:
    """Why ``value`` cannot be the answer to ``key``, or None when it can."""
    if not isinstance(value, str):
        return None
    if key == "website":
        try:
            URLValidator(schemes=["https"])(value)
        except ValidationError:
            return "the website is not an address starting https://"
    limit = Project._meta.get_field(key).max_length
    if limit and len(value) > limit:
        return f"the answer is longer than the {limit} characters the question allows"
    if "\x00" in value:
        return "the answer contains a character that cannot be stored"
    # The register's text policy, as the form would apply it (hidden characters, line breaks
    # in a title, an answer over its character ceiling).
    if key in Project.public_text_rules:
        rule = Project.public_text_rule(key)
        problem = refusal(normalise(value, multiline=rule.multiline), rule)
        if problem is not None:
            return problem.message
    return None


def _facet_values(parsed: ParsedRecord, name: str) -> list[str]:
    facet = crosswalk.FACETS_BY_NAME[name]
    given = parsed.metadata.get(facet.metadata_key) or []
    given = [given] if isinstance(given, str) else given
    reverse = facet.reverse()
    ours = {reverse[value] for value in given if isinstance(value, str) and value in reverse}
    return [value for value in facet.mapping if value in ours]


def register_answers_from(parsed: ParsedRecord) -> ImportedAnswers:
    result = ImportedAnswers()
    for section, atrs_field in crosswalk.FIELDS:
        text = parsed.answer(section.name, atrs_field.name)
        for key, value in register_answers(atrs_field, text).items():
            problem = _fits(key, value)
            if problem:
                result.left_out.append(f"{atrs_field.label}: {problem}")
            elif isinstance(value, str) and key in Project.public_text_rules:
                result.answers[key] = normalise(value)
            else:
                result.answers[key] = value
    phase = parsed.metadata.get(crosswalk.FACETS_BY_NAME["phase"].metadata_key)
    if "status" not in result.answers and isinstance(phase, str) and phase_status(phase):
        result.answers["status"] = phase_status(phase)
    for name in ("function", "capability"):
        values = _facet_values(parsed, name)
        key = crosswalk.FACETS_BY_NAME[name].our_key
        if values and key not in result.answers:
            result.answers[key] = values
    return result
