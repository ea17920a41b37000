"""How the Charter Register maps onto the UK Algorithmic Transparency Recording Standard (ATRS).

One module, as data: every field of the ATRS v4.0 template (July 2025), in template order, with
the register's key(s) that answer it or ``NOT_ASKED``; every key of the register's record
(open data format version 2) that the ATRS has no home for, with the reason; and, for each of
GOV.UK's facets (phase, region, function, capability, organisation type), the map from the
register's values to GOV.UK's. The export, the import and the public page
("How this register maps to the UK standard") all read it, and nothing else knows the standard.

Where the names come from (``shared/reference/atrs/``): the v3.0 template table is the newest
machine-readable list, so each field keeps its v3.0 machine name unless the v3.0 to v4.0 change
log renamed, merged or split it; a renamed field takes its v4.0 title in snake case
(``external_supplier`` became "Third party": ``third_party``). The deleted metadata fields (ID,
standard version, organisation type, function, capability, task, tags and the dates) are not in
the template any more: GOV.UK keeps them as the record's metadata, so they are the facets below.
Reference numbers follow v3.0 and the v4.0 guidance; where v4.0 moved or removed fields the
numbers run on in template order.
"""

from __future__ import annotations

from dataclasses import dataclass

STANDARD = "Algorithmic Transparency Recording Standard"
STANDARD_VERSION = "v4.0"
GUIDANCE_URL = (
    "https://www.gov.uk/government/publications/"
    "guidance-for-organisations-using-the-algorithmic-transparency-recording-standard"
)
NOT_ASKED = "Not asked by the Charter Register"
IMPORT_SOURCE = "the ATRS record"

# How an ATRS answer is made from the register's keys, and whether an import can make the keys
# back from it. Only the ones in ``IMPORTED_RULES`` are read back on import.
TEXT = "text"  # one free-text answer, both ways
LABELLED = "labelled"  # several answers, each under its question (read back by the questions)
CHOICE_LABEL = "choice_label"  # a choice, written as its label (read back by the label)
CHOICE_LABELS = "choice_labels"  # several choices, written as their labels
PHASE = "phase"  # the project's stage, as the template's phase (the phase facet)
REGION = "region"  # the areas, as the template's region (the region facet)
IMPACT_ASSESSMENTS = "impact_assessments"  # the rows, one paragraph each
LEAD_NAME = "lead_name"  # the lead organisation's name
CONTACT = "contact"  # the public contact of the person who is the contact for the public
ACCOUNTABLE = "accountable"  # the accountable person, as name and job title
THIRD_PARTY_INVOLVED = "third_party_involved"  # "Yes" when a supplier is named, else "No"
SUPPLIER_NAMES = "supplier_names"
SUPPLIER_NUMBERS = "supplier_numbers"
SUPPLIER_ROLES = "supplier_roles"
IMPORTED_RULES = frozenset({TEXT, LABELLED, CHOICE_LABEL, PHASE, IMPACT_ASSESSMENTS})


@dataclass(frozen=True)
class Field:
    """One field of the ATRS template and how the register answers it."""

    reference: str
    name: str  # the machine name (v3.0's, renamed as the change log says)
    label: str  # the field's title in the v4.0 template
    guidance: str  # what goes in it, from the template's notes and the v4.0 guidance
    keys: tuple[str, ...] = ()  # the register's keys that answer it; empty: not asked
    rule: str = ""
    note: str = ""  # how the register's answer becomes the ATRS one, in plain words
    v3_name: str = ""  # the v3.0 machine name, when v4.0 renamed or merged it
    v3_labels: tuple[str, ...] = ()  # v3.0 titles that name the same field (import reads them)

    @property
    def answered(self) -> bool:
        return bool(self.keys)

    @property
    def imported(self) -> bool:
        return self.rule in IMPORTED_RULES


@dataclass(frozen=True)
class Section:
    """One sheet of the template (one section of the standard)."""

    name: str  # machine name: the JSON export's key for the section
    reference: str
    title: str
    tier: int
    introduction: str
    fields: tuple[Field, ...]
    repeats: bool = False  # one block per model or dataset
    short_title: str = ""  # for the sheet's tab, when the title is longer than Excel allows

    @property
    def sheet_title(self) -> str:
        """The sheet's name: Excel allows 31 characters."""
        return self.short_title or self.title

    @property
    def names(self) -> list[str]:
        return [field.name for field in self.fields]


def _data_fields(kind: str, *, keys: dict[str, tuple[tuple[str, ...], str, str]]) -> tuple:
    """The data specification's fields, the same for development data (2.4.3) and operational
    data (2.4.4): v4.0 split v3.0's one section in two and kept its fields."""
    number = "2.4.3" if kind == "development" else "2.4.4"
    what = "used to develop the model" if kind == "development" else "used or produced in use"
    fields = [
        ("source_data_name", "Source data name", "Provide the name(s) of the dataset(s) used."),
        ("data_modality", "Data modality", "Indicate the primary modality of the data."),
        (
            "data_description",
            "Data description",
            "Provide a short summary of the information captured by the dataset(s).",
        ),
        (
            "data_quantities",
            "Data quantities",
            f"Describe the amount of data {what}. This can include the number of samples and "
            "attributes within the dataset(s), or the size of the dataset(s) in bytes. If data "
            "was split to train, validate and test a model, please provide the relative sizes "
            "of each set.",
        ),
        (
            "sensitive_attributes",
            "Sensitive attributes",
            "Provide a list of the sensitive attributes contained within the dataset(s), if "
            "any. These may include personal data, protected characteristics or proxy "
            "variables.",
        ),
        (
            "data_completeness_and_representativeness",
            "Data completeness and representativeness",
            "Provide information on the completeness of the data, including missing data and "
            "how representative the data is with respect to a target population.",
        ),
        (
            "source_data_url",
            "Source data URL",
            "Provide a publicly accessible URL to the openly accessible data if possible.",
        ),
        (
            "data_collection",
            "Data collection",
            "Provide information on the data collection process: the original purpose of data "
            "collection and the context in which it was initially collected. If the data was "
            "collected for different purposes and is now being repurposed, consider to what "
            "extent the data is transferable and suitable for the new context.",
        ),
        (
            "data_cleaning",
            "Data cleaning",
            "Provide information on data cleaning, including a description of any "
            "pre-processing or cleaning of the data conducted by either the supplier or public "
            "sector customer.",
        ),
        (
            "data_sharing_agreements",
            "Data sharing agreements",
            "Provide information on data sharing agreements in place.",
        ),
        (
            "data_access_and_storage",
            "Data access and storage",
            "Provide details of who has, or will have, access to this data; how long it is "
            "stored; under what circumstances; and who is responsible for its storage. Where "
            "sensitive data is stored and accessed, describe the technical and operational "
            "mechanisms used to protect its security and privacy.",
        ),
    ]
    made = []
    for index, (name, label, guidance) in enumerate(fields, start=1):
        our_keys, rule, note = keys.get(name, ((), "", ""))
        made.append(Field(f"{number}.{index}", name, label, guidance, our_keys, rule, note))
    return tuple(made)


SECTIONS: tuple[Section, ...] = (
    Section(
        "summary_information",
        "1",
        "Summary Information",
        1,
        "Tier 1: basic, high-level information about the tool for a general audience without "
        "technical knowledge. All fields should be completed.",
        (
            Field(
                "1.1",
                "name",
                "Name",
                "Provide the name used to identify the algorithmic tool. It also appears in the "
                "title of the record: clear, concise and consistent throughout.",
                ("title",),
                TEXT,
                v3_labels=("Title",),
            ),
            Field(
                "1.2",
                "description",
                "Description",
                "Provide a basic overview of the purpose of the algorithmic tool: how it is "
                "used and why it is being used, in no more than two or three sentences.",
                ("summary",),
                TEXT,
                "The summary for residents (two or three sentences), as the ATRS asks.",
                v3_labels=("One sentence description",),
            ),
            Field(
                "1.3",
                "website_url",
                "Website URL",
                "Provide a live, publicly accessible URL of a page with further information "
                "about the algorithmic tool and its use, or N/A.",
                ("website",),
                TEXT,
            ),
            Field(
                "1.4",
                "contact_email",
                "Contact email",
                "Provide an email address for the team responsible for the tool, not an "
                "individual, for continuity and security.",
                ("responsible_people.contact",),
                CONTACT,
                "The public contact of the person named as the contact for the public (a role "
                "mailbox where the organisation gave one). Not read back: a person on the "
                "register needs a name.",
            ),
            Field(
                "1.5",
                "organisation_name",
                "Organisation",
                "Provide the full name of the organisation, department or public sector body "
                "that carries responsibility for use of the algorithmic tool.",
                ("organisations.name",),
                LEAD_NAME,
                "The lead organisation. Not read back: the lead is the organisation you start "
                "the project for.",
            ),
            Field(
                "1.6",
                "phase",
                "Phase",
                "Indicate the phase the tool is currently in: pre-deployment, private beta, "
                "public beta, production or retired.",
                ("status",),
                PHASE,
                "The project's stage, as in the phase map below.",
            ),
            Field(
                "1.7",
                "region",
                "Region",
                "Indicate the primary region over which the tool affects the public.",
                ("areas",),
                REGION,
                "Every part of the Liverpool City Region is in the North West. Not read back: "
                "a region does not say which parts of the city region a project covers.",
            ),
        ),
    ),
    Section(
        "owner_and_responsibility",
        "2.1",
        "Owner and Responsibility",
        2,
        "Accountability for the development and deployment of the tool. All fields should be "
        "completed, with N/A where necessary.",
        (
            Field(
                "2.1.1",
                "organisation_or_department",
                "Organisation or department",
                "Provide the full name of the organisation, department or public sector body "
                "that carries responsibility for use of the algorithmic tool.",
                ("organisations.name",),
                LEAD_NAME,
                "The lead organisation.",
            ),
            Field(
                "2.1.2",
                "team",
                "Team",
                "Provide the full name of the team that carries responsibility for use of the "
                "algorithmic tool.",
            ),
            Field(
                "2.1.3",
                "senior_responsible_owner",
                "Senior responsible owner",
                "Provide the role title of the senior responsible owner: the role ultimately "
                "accountable for the tool in an operational context (not a named individual).",
                ("responsible_people.job_title",),
                ACCOUNTABLE,
                "The job title and organisation of the person the register names as "
                "accountable. Not read back: the register names a person.",
            ),
            Field(
                "2.1.4",
                "third_party_involvement",
                "Third party involvement",
                "Have third parties (commercial suppliers or other public sector "
                "organisations) been involved in the development and operation of the tool? "
                "Yes or No.",
                ("organisations.role",),
                THIRD_PARTY_INVOLVED,
                "Yes when the project names a supplier, otherwise No.",
                v3_name="external_supplier_involvement",
                v3_labels=("External supplier involvement",),
            ),
            Field(
                "2.1.4.1",
                "third_party",
                "Third party",
                "Provide the name of any third party that has been contracted to develop the "
                "whole or parts of the algorithmic tool.",
                ("organisations.name",),
                SUPPLIER_NAMES,
                "The organisations named as suppliers. Not read back: the register also needs "
                "each organisation's type.",
                v3_name="external_supplier",
                v3_labels=("External supplier",),
            ),
            Field(
                "2.1.4.2",
                "companies_house_number",
                "Companies House Number",
                "If available, provide the Companies House number of the third party.",
                ("organisations.companies_house_number",),
                SUPPLIER_NUMBERS,
                "The suppliers' Companies House numbers.",
            ),
            Field(
                "2.1.4.3",
                "third_party_role",
                "Third party role",
                "Provide a short description of the role the third party had in the "
                "development of the tool. Where several organisations are involved, describe "
                "which was or is responsible for which part.",
                ("organisations.contribution",),
                SUPPLIER_ROLES,
                "What each supplier does in the project.",
                v3_name="external_supplier_role",
                v3_labels=("External supplier role",),
            ),
            Field(
                "2.1.4.4",
                "procurement_procedure_type",
                "Procurement procedure type",
                "Provide the procurement procedure through which the contract has been set up, "
                "for example open, restricted, competitive procedure with negotiation, or a "
                "call-off from a framework.",
            ),
            Field(
                "2.1.4.5",
                "data_access_terms",
                "Third party data access terms",
                "Detail the terms of access to (government) data granted to the third party.",
                v3_labels=("Data access terms",),
            ),
        ),
    ),
    Section(
        "description_and_rationale",
        "2.2",
        "Description and Rationale",
        2,
        "More granular detail about the tool, its scope and the justification for its use.",
        (
            Field(
                "2.2.1",
                "detailed_description",
                "Detailed description",
                "Provide a detailed description of how the algorithmic tool works: its purpose, "
                "intended users, key aspects and functions, its scope, and limitations or "
                "contexts where it does not apply.",
                ("purpose",),
                TEXT,
                "The purposes and intended outputs. v4.0 merged v3.0's Scope into this field.",
                v3_labels=("Scope",),
            ),
            Field(
                "2.2.2",
                "benefit",
                "Benefit",
                "Describe the key benefits that the tool is expected to deliver, how and why it "
                "should deliver them, and an expanded justification of why it is being used.",
                ("benefit_who", "benefit_evaluation"),
                LABELLED,
                "Who benefits and how, then how the benefit will be evaluated, each under the "
                "Charter's question.",
            ),
            Field(
                "2.2.3",
                "previous_process",
                "Previous process",
                "Describe the process or legacy tool that this tool replaced, or make clear "
                "that it is part of a brand-new process.",
                ("previous_process",),
                TEXT,
            ),
            Field(
                "2.2.4",
                "alternatives_considered",
                "Alternatives considered",
                "Provide, where applicable, the algorithmic and non-algorithmic alternatives "
                "considered and why this one was chosen; if none were, briefly explain why.",
                ("alternatives_considered",),
                TEXT,
            ),
        ),
    ),
    Section(
        "deployment_context",
        "2.3",
        "Deployment Context",
        2,
        "How the tool helps to deliver an operational process or service, and how people are "
        "involved in that delivery.",
        (
            Field(
                "2.3.1",
                "integration_into_broader_operational_process",
                "Integration into broader operational process",
                "Explain how the tool is integrated into the broader operational process, what "
                "information it provides and in what form, how its output is used, and the "
                "degree of automation it delivers.",
                v3_name="process_integration",
                v3_labels=(
                    "Process integration",
                    "Provided information",
                    "Integration into decision-making process",
                ),
            ),
            Field(
                "2.3.2",
                "frequency_and_scale_of_usage",
                "Frequency and scale of usage",
                "Provide information on how regularly the tool is used and the scale of use, "
                "for example the number of decisions made per month or the number of people "
                "interacting with the tool.",
                ("frequency_and_scale",),
                TEXT,
            ),
            Field(
                "2.3.3",
                "human_review",
                "Human review",
                "Describe the part people play in the overall process and the human review "
                "options: when and how a person reviews or checks the tool's output.",
                ("ai_decision_role",),
                CHOICE_LABEL,
                "The part the AI plays in decisions about people, in the register's words. "
                "Read back only when it is one of those answers.",
                v3_name="human_decisions_and_review",
                v3_labels=("Human decisions and review",),
            ),
            Field(
                "2.3.4",
                "required_training",
                "Required training",
                "Describe the training the organisation provides to those deploying or using "
                "the tool, if applicable.",
                ("responsible_training",),
                TEXT,
                "Who trains front-line staff on the tool's use, benefits and limits.",
            ),
            Field(
                "2.3.5",
                "appeals_and_review",
                "Appeals and review",
                "Describe how the tool's outputs, and those of the broader process, can be "
                "challenged or appealed, with a link to a public appeal or contact form where "
                "there is one; if no process is needed, say why. Required where Article 22 UK "
                "GDPR applies.",
                ("contest",),
                TEXT,
            ),
        ),
    ),
    Section(
        "tool_specification",
        "2.4.1",
        "Tool Specification",
        2,
        "The technical specification of the tool, at a level that does not infringe a "
        "supplier's intellectual property or create cybersecurity risks.",
        (
            Field(
                "2.4.1.1",
                "system_architecture",
                "System architecture",
                "Describe broadly how the tool is organised: a high-level written description "
                "of the system architecture or a publicly accessible link to documentation of "
                "it. Mention every model described later.",
            ),
            Field(
                "2.4.1.2",
                "system_level_input",
                "System-level input",
                "Describe the primary input into the system as a whole, with expected formats "
                "and data types.",
                ("inputs",),
                TEXT,
                "New in v4.0.",
            ),
            Field(
                "2.4.1.3",
                "system_level_output",
                "System-level output",
                "Describe the primary output of the system as a whole, with expected formats "
                "and data types.",
                note="New in v4.0.",
            ),
            Field(
                "2.4.1.4",
                "maintenance",
                "Maintenance",
                "Provide details of the maintenance schedule and frequency of any reviews: how "
                "often and in what way the tool is reviewed after deployment, and how it is "
                "maintained, by the supplier or the operator.",
                ("responsible_monitoring", "responsible_correcting"),
                LABELLED,
                "Who monitors the algorithms in use, then who corrects and updates them, each "
                "under the Charter's question.",
            ),
            Field(
                "2.4.1.5",
                "models",
                "Models",
                "Provide a list of the models that feature within the tool: rule-based, "
                "machine learning, and other statistical or mathematical models.",
            ),
        ),
    ),
    Section(
        "model_specification",
        "2.4.2",
        "Model Specification",
        2,
        "One block for each model in the tool. Leave it blank for an off-the-shelf model that "
        "the organisation has not trained, validated, tested or refined.",
        (
            Field("2.4.2.1", "model_name", "Model name", "Provide the name of the model."),
            Field("2.4.2.2", "model_version", "Model version", "Provide the version of the model."),
            Field(
                "2.4.2.3",
                "model_task",
                "Model task",
                "Provide a short description of the task the model is designed to perform.",
            ),
            Field(
                "2.4.2.4",
                "model_input",
                "Model input",
                "Provide a short specification of the model input.",
            ),
            Field(
                "2.4.2.5",
                "model_output",
                "Model output",
                "Provide a short specification of the model output.",
            ),
            Field(
                "2.4.2.6",
                "model_architecture",
                "Model architecture",
                "Describe the internal structure of the model: at a minimum its type (for "
                "example logistic regression, random forest classifier, rule-based system), "
                "and any features given more priority where that bears on the output.",
            ),
            Field(
                "2.4.2.7",
                "model_performance",
                "Model performance",
                "Provide details of the model's performance (for example precision, recall, F1 "
                "scores, privacy and efficiency metrics), any thresholds it should exceed, and "
                "any bias and fairness evaluation with the measures taken.",
            ),
            Field(
                "2.4.2.8",
                "datasets_and_their_purposes",
                "Datasets and their purposes",
                "List the datasets used to develop the model and how each was used (for "
                "example training, validation, testing).",
                note="v4.0 merged v3.0's Datasets and Dataset purposes.",
                v3_name="datasets",
                v3_labels=("Datasets", "Dataset purposes"),
            ),
        ),
        repeats=True,
    ),
    Section(
        "development_data_specification",
        "2.4.3",
        "Development Data Specification",
        2,
        "The data used to train, validate or test the model(s), one block for each dataset. "
        "Leave it blank for an off-the-shelf model that the organisation has not trained, "
        "validated, tested or refined.",
        _data_fields("development", keys={}),
        repeats=True,
    ),
    Section(
        "operational_data_specification",
        "2.4.4",
        "Operational Data Specification",
        2,
        "The data used or produced in the tool's real-world operation, such as user inputs, "
        "retrieved documents and system logs, one block for each dataset.",
        _data_fields(
            "operational",
            keys={
                "data_description": (
                    ("data_sources",),
                    TEXT,
                    "The kinds of data sources the project uses.",
                ),
                "data_access_and_storage": (
                    ("data_protection", "five_safes"),
                    LABELLED,
                    "How the project documents its data protection compliance, then its "
                    "compliance with the Five Safes, each under the Charter's question.",
                ),
            },
        ),
        repeats=True,
    ),
    Section(
        "risks_mitigations_and_impact_assessments",
        "2.5",
        "Risks, Mitigations and Impact Assessments",
        2,
        "Impact assessments conducted, identified risks, and mitigation efforts.",
        (
            Field(
                "2.5.1",
                "impact_assessment",
                "Impact assessment",
                "Provide the names and a short overview of the impact assessments conducted, "
                "date of completion, and if possible a summary of the findings, with a "
                "publicly accessible link where available. List every assessment.",
                ("impact_assessments",),
                IMPACT_ASSESSMENTS,
                "Each assessment on its own lines: its name, then the date completed, the "
                "public link and what it found where given.",
            ),
            Field(
                "2.5.2",
                "risks_and_mitigations",
                "Risks and mitigations",
                "List and describe the possible risks identified for the tool and, where "
                "possible, how they have been mitigated.",
                ("harms_who", "harm_severity", "harm_difficulty", "harm_mitigation"),
                LABELLED,
                "The potential harms, how consequential they are, how difficult to mitigate, "
                "and the mitigation plans, each under the Charter's question.",
            ),
        ),
        short_title="Risks and Impact Assessments",
    ),
)

SECTIONS_BY_NAME: dict[str, Section] = {section.name: section for section in SECTIONS}
FIELDS: tuple[tuple[Section, Field], ...] = tuple(
    (section, field) for section in SECTIONS for field in section.fields
)

# The register's keys (version 2 of the open data format) that no ATRS field holds, and why.
# Nested keys are written ``organisations.companies_house_number``. With the keys that the
# fields above name, this covers every key of a register record.
CHARTER_ONLY: dict[str, str] = {
    "id": "The register's own id for the record",
    "url": "The record's page on the register",
    "version": "The register's version number; GOV.UK dates each update instead",
    "uses_ai": "The ATRS covers every algorithmic tool, AI or not, and does not ask",
    "ai_kinds": "No field in the template: GOV.UK's capability facet carries it (below)",
    "topics": "No field in the template: GOV.UK's function facet carries it (below)",
    "start_date": "The ATRS does not ask when a tool started",
    "organisations.type": "No field in the template: GOV.UK's organisation type facet carries "
    "the lead's type (below)",
    "organisations.signatory": "Signing the Charter is the Charter's own commitment",
    "organisations.signed_on": "Signing the Charter is the Charter's own commitment",
    "organisations.description": "The ATRS does not describe the organisation",
    "organisations.mission_statement": "The ATRS does not ask for a mission statement",
    "organisations.charity_number": "The ATRS asks only for a third party's Companies House number",
    "organisations.ods_code": "The ATRS asks only for a third party's Companies House number",
    "responsible_people.name": "The ATRS asks for a role title, not a named person",
    "responsible_people.organisation": "Given with the senior responsible owner's role",
    "responsible_people.duties": "Used to find the accountable person and the public contact",
    "principles": "The Charter's 11 principles are the Charter's own",
    "published_at": "GOV.UK records the date it publishes a record",
    "updated_at": "GOV.UK records the date it publishes an update",
    "last_reviewed_at": "The Charter's yearly review; the ATRS asks for an update on "
    "substantive change",
    "next_review_due": "The Charter's yearly review",
    "records_data_bias": "The Charter asks how the project keeps records of its data and its "
    "biases; the ATRS asks for the content of those records",
    "records_methodology": "The Charter asks how the project keeps records of its methods; the "
    "ATRS asks for the content of those records",
    "records_fairness": "The Charter asks how the project keeps records of bias and fairness; "
    "the ATRS asks for the content of those records",
    "involvement_when": "The ATRS does not ask about involving the people who benefit",
    "involvement_how": "The ATRS does not ask about involving the people who benefit",
    "involvement_impact": "The ATRS does not ask about involving the people who benefit",
    "involvement_underrepresented": "The ATRS does not ask about underrepresented communities",
    "harms_social": "The ATRS asks about risks of the tool, not wider social impacts",
    "environmental_costs": "The ATRS does not ask about environmental costs",
    "employment_impact": "The ATRS does not ask about the impact on employment",
    "comms_during": "The ATRS record is itself the communication; it asks for no plan",
    "comms_output": "The ATRS record is itself the communication; it asks for no plan",
    "comms_outcomes": "The ATRS record is itself the communication; it asks for no plan",
    "comms_monitoring": "The ATRS record is itself the communication; it asks for no plan",
    "comms_ai_kind": "The ATRS record is itself the communication; it asks for no plan",
    "comms_contacts": "The ATRS asks for the contact itself (Contact email)",
    "comms_up_to_date": "The ATRS asks organisations to send an update on substantive change",
}


# --- GOV.UK's facets: the record's metadata on GOV.UK ---------------------------------------


@dataclass(frozen=True)
class Facet:
    """One of GOV.UK's filters for ATRS records, and the map from the register's values."""

    name: str
    title: str
    our_key: str  # the register's key whose values map
    metadata_key: str  # the key in GOV.UK's Content API ``details.metadata``
    values: dict[str, str]  # GOV.UK's values and their labels
    mapping: dict[str, str | None]  # the register's value to GOV.UK's (None: no equivalent)
    many: bool = True  # GOV.UK takes a list
    note: str = ""

    def govuk_values(self, ours) -> list[str]:
        """GOV.UK's values for the register's value or values, in GOV.UK's order, once each."""
        chosen = {self.mapping.get(value) for value in ([ours] if isinstance(ours, str) else ours)}
        return [value for value in self.values if value in chosen]

    def reverse(self) -> dict[str, str]:
        """GOV.UK's values that only one of the register's values maps to, and that value: an
        import reads these and leaves the rest for the person to choose."""
        ours: dict[str, list[str]] = {}
        for value, theirs in self.mapping.items():
            if theirs is not None:
                ours.setdefault(theirs, []).append(value)
        return {theirs: values[0] for theirs, values in ours.items() if len(values) == 1}


def _labels(*slugs: str, special: dict[str, str] | None = None) -> dict[str, str]:
    special = special or {}
    return {slug: special.get(slug, slug.replace("-", " ").capitalize()) for slug in slugs}


PHASE_LABELS = {
    "pre-deployment": "Pre-deployment",
    "private-beta": "Private beta",
    "public-beta": "Public beta",
    "production": "Production",
    "retired": "Retired",
}
# Before v4.0: read on import, never written.
OLD_PHASES = {
    "beta-pilot": "private-beta",
    "pilot/beta": "private-beta",
    "beta/pilot": "private-beta",
}

FACETS: tuple[Facet, ...] = (
    Facet(
        "phase",
        "Phase",
        "status",
        "algorithmic_transparency_record_phase",
        PHASE_LABELS,
        {
            "planning": "pre-deployment",
            "development": "pre-deployment",
            "pilot": "private-beta",
            "in_use": "production",
            "retired": "retired",
        },
        many=False,
        note="A pilot is a private beta. On import, pre-deployment is read as in development, "
        "and a public beta or a pre-v4.0 pilot/beta as a pilot.",
    ),
    Facet(
        "region",
        "Region",
        "areas",
        "algorithmic_transparency_record_region",
        _labels(
            "uk",
            "england",
            "scotland",
            "wales",
            "northern-ireland",
            "london",
            "north-east",
            "north-west",
            "yorkshire-and-the-humber",
            "east-midlands",
            "west-midlands",
            "south-east",
            "east-of-england",
            "south-west",
            "international",
            special={
                "uk": "UK",
                "northern-ireland": "Northern Ireland",
                "north-east": "North East",
                "north-west": "North West",
                "yorkshire-and-the-humber": "Yorkshire and the Humber",
                "east-midlands": "East Midlands",
                "west-midlands": "West Midlands",
                "south-east": "South East",
                "east-of-england": "East of England",
                "south-west": "South West",
            },
        ),
        {
            "halton": "north-west",
            "knowsley": "north-west",
            "liverpool": "north-west",
            "sefton": "north-west",
            "st_helens": "north-west",
            "wirral": "north-west",
            "region_wide": "north-west",
        },
        note="The whole Liverpool City Region is in the North West. Not read back on import.",
    ),
    Facet(
        "function",
        "Function",
        "topics",
        "algorithmic_transparency_record_function",
        _labels(
            "general-public-services",
            "defence",
            "public-order-and-safety",
            "economic-affairs",
            "environmental-protection",
            "housing-and-community-amenities",
            "health",
            "recreation-culture-and-religion",
            "education",
            "social-protection",
            "regulation",
            special={"recreation-culture-and-religion": "Recreation, culture and religion"},
        ),
        {
            "health": "health",
            "social_care": "social-protection",
            "housing": "housing-and-community-amenities",
            "transport": "economic-affairs",
            "education": "education",
            "employment": "economic-affairs",
            "environment": "environmental-protection",
            "community_safety": "public-order-and-safety",
            "public_services": "general-public-services",
            "other": None,
        },
        note="GOV.UK's functions follow the United Nations classification of government "
        "functions, where "
        "transport and employment are both economic affairs (so an import leaves that one for "
        "you to choose).",
    ),
    Facet(
        "capability",
        "Capability",
        "ai_kinds",
        "algorithmic_transparency_record_capability",
        _labels(
            "computer-vision",
            "computer-audition",
            "computer-linguistics",
            "robotics",
            "forecasting",
            "discovery",
            "planning",
            "creation",
            "analysis",
            "management",
            "other",
        ),
        {
            "predictive_model": "forecasting",
            "generative_ai": "creation",
            "chatbot": "computer-linguistics",
            "computer_vision": "computer-vision",
            "natural_language": "computer-linguistics",
            "automated_decision": "management",
            "other": "other",
        },
        note="Chatbots and natural language processing are both computer linguistics (so an "
        "import leaves that one for you to choose).",
    ),
    Facet(
        "organisation_type",
        "Organisation type",
        "organisations.type",
        "algorithmic_transparency_record_organisation_type",
        _labels(
            "ministerial-department",
            "non-ministerial-department",
            "agency-or-public-body",
            "local-authority",
            "devolved-administration",
            "high-profile-group",
            "public-corporation",
        ),
        {
            "academic": None,
            "public_service": "local-authority",
            "nhs": "agency-or-public-body",
            "voluntary": None,
            "commercial": None,
            "other": None,
        },
        note="The lead organisation's type. GOV.UK's types are those of public bodies: a public "
        "service on the register is taken as a local authority, an NHS body as an agency or "
        "public body, and universities, charities and companies have no equivalent.",
    ),
)
FACETS_BY_NAME: dict[str, Facet] = {facet.name: facet for facet in FACETS}


def answered_keys() -> set[str]:
    """The register's keys that some ATRS field holds."""
    return {key for _section, field in FIELDS for key in field.keys}


def not_held() -> list[tuple[Section, list[Field]]]:
    """The template's fields the register does not hold, by section: what an organisation
    completes before sending the record to the ATRS team."""
    return [
        (section, [field for field in section.fields if not field.answered])
        for section in SECTIONS
        if any(not field.answered for field in section.fields)
    ]
