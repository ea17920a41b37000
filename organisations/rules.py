"""The rules about an organisation's own answers, each with its one message. The organisation
model, the project's answer rules (``projects.rules``), the forms and the importer all call
these, so a person sees the same words wherever a rule bites."""

from __future__ import annotations

from .choices import OrganisationType

DESCRIPTION_MESSAGE = "Describe your organisation in one sentence"


def mission_statement_problem(*, type: str, mission_statement: str, name: str = "") -> str | None:
    """A commercial organisation must give its mission statement (the guide, section 2)."""
    if type != OrganisationType.COMMERCIAL or (mission_statement or "").strip():
        return None
    who = (name or "").strip() or "the organisation"
    return f"Enter the mission statement of {who}: a commercial organisation must give one"
