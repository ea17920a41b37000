"""Register records (open data format version 2) for the ATRS tests, written out in full."""

from projects.register_format import register_schema

ANSWERS = {
    "purpose": "The tool reads rent accounts and lists the tenants most likely to fall behind, "
    "so that housing officers can offer help early.",
    "inputs": "Rent transactions, payment dates and arrangements from the housing system.",
    "data_sources": "The council's tenancy records; no data bought in.",
    "records_data_bias": "A datasheet for each extract, kept with the code.",
    "records_methodology": "A change log in the repository, reviewed every quarter.",
    "records_fairness": "A fairness report by age group and ward, every six months.",
    "data_protection": "A data protection impact assessment, signed off by the data protection "
    "officer.",
    "five_safes": "Only named officers see the list, inside the council's network.",
    "benefit_who": "Tenants get help before arrears grow.",
    "benefit_evaluation": "We compare evictions for arrears with the year before.",
    "involvement_when": "Before the pilot and after six months.",
    "involvement_how": "Workshops with the tenants' federation.",
    "involvement_impact": "Tenants changed the wording of the letters.",
    "involvement_underrepresented": "Sessions in community centres in each ward.",
    "harms_who": "Tenants wrongly flagged could feel watched.",
    "harms_social": "Trust in the council could fall if it is misused.",
    "environmental_costs": "It runs weekly on an existing server.",
    "employment_impact": "No jobs change; officers spend time on visits instead.",
    "harm_severity": "Low: nobody is evicted because of the list.",
    "harm_difficulty": "Easy: an officer reviews every case.",
    "harm_mitigation": "Officers review each case; tenants can ask why they were contacted.",
    "responsible_correcting": "The housing data team corrects the model.",
    "responsible_monitoring": "The income manager checks the list each week.",
    "responsible_training": "The housing academy trains every officer before use.",
    "comms_during": "Updates in the tenants' newsletter.",
    "comms_output": "A page on the council's website.",
    "comms_outcomes": "A yearly report to the tenants' federation.",
    "comms_monitoring": "The page names the income manager.",
    "comms_ai_kind": "The page explains it is a predictive model.",
    "comms_contacts": "The role mailbox is on the page.",
    "comms_up_to_date": "Reviewed every year with the register's reminder.",
    "contest": "Tenants can ask for a review by writing to the housing office, or refuse contact.",
}


def record(**changes) -> dict:
    """A complete version 2 register record; ``changes`` replace keys."""
    data = {
        "id": "rent-arrears-early-help",
        "url": "https://register.example.org/register/rent-arrears-early-help/",
        "version": 3,
        "title": "Rent arrears early help",
        "summary": "A tool that finds tenants likely to fall behind on rent, so officers can "
        "offer help early.",
        "status": "in_use",
        "uses_ai": True,
        "ai_kinds": ["predictive_model"],
        "ai_decision_role": "supports_human_decision",
        "areas": ["liverpool", "sefton"],
        "topics": ["housing", "social_care"],
        "start_date": "2024-04",
        "website": "https://council.example.org/rent-help",
        "frequency_and_scale": "Weekly, about 30,000 tenancies.",
        "previous_process": "Officers went through arrears reports by hand each month.",
        "alternatives_considered": "More officers; rejected as too slow to reach everyone.",
        "organisations": [
            {
                "name": "Example City Council",
                "type": "public_service",
                "role": "lead",
                "signatory": True,
                "signed_on": "2024-01-10",
                "description": "The council.",
                "mission_statement": None,
                "companies_house_number": None,
                "charity_number": None,
                "ods_code": None,
                "contribution": None,
            },
            {
                "name": "Analytics Example Ltd",
                "type": "commercial",
                "role": "supplier",
                "signatory": False,
                "signed_on": None,
                "description": None,
                "mission_statement": "Data for good.",
                "companies_house_number": "01234567",
                "charity_number": None,
                "ods_code": None,
                "contribution": "Built and maintains the model.",
            },
        ],
        "responsible_people": [
            {
                "name": "Sam Example",
                "job_title": "Head of Income",
                "organisation": "Example City Council",
                "contact": "income@council.example.org",
                "duties": ["accountable", "contact"],
            }
        ],
        "principles": [],
        "published_at": "2024-05-01T09:00:00Z",
        "updated_at": "2025-02-01T09:00:00Z",
        "last_reviewed_at": "2025-02-01T09:00:00Z",
        "next_review_due": "2026-02-01",
        "impact_assessments": [
            {
                "name": "Data protection impact assessment",
                "date": "2024-03-01",
                "url": "https://council.example.org/dpia-rent-help",
                "summary": "Risks are low with the controls in place.",
            },
            {"name": "Equality impact assessment", "date": None, "url": None, "summary": None},
        ],
        **ANSWERS,
    }
    data.update(changes)
    return data


def record_keys() -> set[str]:
    """Every key of a version 2 register record (the shared schema's project properties)."""
    return set(register_schema()["$defs"]["project"]["properties"]) | {
        "summary",
        "frequency_and_scale",
        "previous_process",
        "impact_assessments",
        "alternatives_considered",
    }
