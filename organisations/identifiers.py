"""Organisation identifiers that link a register organisation to the UK's public registers:
its Companies House number, its charity number and its NHS organisation (ODS) code.

One place knows their shapes (the open data format's patterns), how what people type is tidied
into that shape, and the address of each in its public register.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.validators import RegexValidator

COMPANIES_HOUSE_PATTERN = "^[A-Z0-9]{8}$"
CHARITY_NUMBER_PATTERN = "^[0-9A-Z-]{4,12}$"
ODS_CODE_PATTERN = "^[A-Z0-9]{3,10}$"

companies_house_validator = RegexValidator(
    COMPANIES_HOUSE_PATTERN,
    "Enter a Companies House number of 8 letters or digits, like 01234567 or SC123456",
)
charity_number_validator = RegexValidator(
    CHARITY_NUMBER_PATTERN,
    "Enter a charity number of 4 to 12 letters, digits or hyphens, like 1234567 or SC012345",
)
ods_code_validator = RegexValidator(
    ODS_CODE_PATTERN, "Enter an NHS organisation code of 3 to 10 letters or digits, like RBQ"
)


def tidy_identifier(value: str | None) -> str:
    """What someone typed, as the register keeps it: capitals, no spaces."""
    return re.sub(r"\s+", "", value or "").upper()


def tidy_companies_house_number(value: str | None) -> str:
    """Companies House numbers are often written without their leading zeros: "1234567" is
    company 01234567."""
    number = tidy_identifier(value)
    if number.isdigit() and len(number) < 8:
        number = number.zfill(8)
    return number


@dataclass(frozen=True)
class Identifier:
    """One identifier as a public page shows it: what it is, the value, and where to check it."""

    label: str
    value: str
    register: str
    url: str


def companies_house_url(number: str) -> str:
    return f"https://find-and-update.company-information.service.gov.uk/company/{number}"


def charity_register(number: str) -> tuple[str, str]:
    """The public register that holds a charity number, and its page there: Scottish charity
    numbers start SC (OSCR), Northern Irish ones NIC; the rest are the Charity Commission's for
    England and Wales (a linked charity's "-1" suffix is dropped for its main record)."""
    if number.startswith("SC"):
        return (
            "Scottish Charity Regulator",
            f"https://www.oscr.org.uk/about-charities/search-the-register/charity-details"
            f"?number={number}",
        )
    if number.startswith("NIC"):
        return (
            "Charity Commission for Northern Ireland",
            f"https://www.charitycommissionni.org.uk/charity-details/?regId={number[3:]}",
        )
    main = number.split("-")[0]
    return (
        "Charity Commission",
        f"https://register-of-charities.charitycommission.gov.uk/charity-search/-/charity-details/"
        f"{main}",
    )


def ods_url(code: str) -> str:
    return f"https://directory.spineservices.nhs.uk/ORD/2-0-0/organisations/{code}"


def public_identifiers(organisation) -> list[Identifier]:
    """The identifiers ``organisation`` has, each linked to its public register."""
    found = []
    if organisation.companies_house_number:
        number = organisation.companies_house_number
        found.append(
            Identifier(
                "Companies House number", number, "Companies House", companies_house_url(number)
            )
        )
    if organisation.charity_number:
        number = organisation.charity_number
        register, url = charity_register(number)
        found.append(Identifier("Charity number", number, register, url))
    if organisation.ods_code:
        code = organisation.ods_code
        found.append(
            Identifier(
                "NHS organisation code", code, "NHS Organisation Data Service", ods_url(code)
            )
        )
    return found


IDENTIFIER_LABELS = {
    "companies_house_number": "Companies House number",
    "charity_number": "Charity number",
    "ods_code": "NHS organisation code",
}
# The same, inside a sentence.
_IN_A_SENTENCE = {
    "companies_house_number": "Companies House number",
    "charity_number": "charity number",
    "ods_code": "NHS organisation code",
}


def identifier_problems(organisation, typed: dict, *, is_member: bool) -> dict[str, str]:
    """Who may change an organisation's identifiers from a project's form: its members, or
    anyone while it has none (filling a gap). ``typed``: key to the tidied value."""
    if organisation is None or is_member:
        return {}
    problems = {}
    for key, label in _IN_A_SENTENCE.items():
        if key not in typed:
            continue
        current = getattr(organisation, key)
        if current and typed[key] != current:
            problems[key] = (
                f"Only members of {organisation.name} can change its {label}"
                if typed[key]
                else f"Only members of {organisation.name} can remove its {label}"
            )
    return problems


def apply_identifiers(organisation, typed: dict, *, is_member: bool) -> list[str]:
    """Set the identifiers ``typed`` that ``identifier_problems`` allows; the changed field
    names (the caller saves them)."""
    changed = []
    for key in IDENTIFIER_LABELS:
        if key not in typed or typed[key] == getattr(organisation, key):
            continue
        if is_member or not getattr(organisation, key):
            setattr(organisation, key, typed[key])
            changed.append(key)
    return changed
