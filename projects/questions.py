"""The project submission form: every question, once.

This module is the one place that knows the guide's questions (``docs/spec/submission-form.md``):
their keys, labels (the guide's words), hints, sections, and which of the Charter's 11 principles
each answer evidences. The model, the forms, the register page, the exports and the schema all
read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import TextChoices

from public_text import policy
from public_text.policy import TextRule


class Kind(StrEnum):
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    CHOICE = "choice"
    MULTIPLE_CHOICE = "multiple_choice"
    YES_NO = "yes_no"
    MONTH = "month"
    URL = "url"
    ORGANISATIONS = "organisations"
    ORGANISATION_TEXT = "organisation_text"
    PEOPLE = "people"
    IMPACT_ASSESSMENTS = "impact_assessments"
    DECLARATION = "declaration"


@dataclass(frozen=True)
class Question:
    key: str
    label: str
    kind: Kind
    principles: tuple[int, ...] = ()
    hint: str = ""
    required: bool = True
    # The most characters a short text may hold (long texts are limited in words instead).
    max_length: int | None = None

    @property
    def is_answer(self) -> bool:
        """A free-text answer that every submission needs (the guide's questions)."""
        return self.kind == Kind.LONG_TEXT and self.required

    @property
    def is_optional_answer(self) -> bool:
        """A free-text answer that may be left blank (register details added in version 2)."""
        return self.kind == Kind.LONG_TEXT and not self.required


@dataclass(frozen=True)
class Section:
    slug: str
    number: int
    title: str
    introduction: str
    questions: tuple[Question, ...] = field(default_factory=tuple)

    @property
    def keys(self) -> list[str]:
        return [question.key for question in self.questions]


# Choices for the register details. The first item of each pair is the key stored and exported.
STATUS_CHOICES = [
    ("planning", "Planning"),
    ("development", "In development"),
    ("pilot", "Pilot"),
    ("in_use", "In use"),
    ("retired", "Retired"),
]
AI_KIND_CHOICES = [
    ("predictive_model", "A predictive model"),
    ("generative_ai", "Generative AI"),
    ("chatbot", "A chatbot or virtual assistant"),
    ("computer_vision", "Computer vision (images or video)"),
    ("natural_language", "Natural language processing (reading or sorting text)"),
    ("automated_decision", "Automated decision-making"),
    ("other", "Another kind of AI"),
]
AI_DECISION_ROLE_CHOICES = [
    ("none", "It plays no part in decisions about people"),
    ("supports_human_decision", "It supports a person who makes the decision"),
    ("makes_decision_with_human_review", "It makes a decision that a person reviews"),
    ("makes_decision_automatically", "It makes decisions automatically"),
]
AREA_CHOICES = [
    ("halton", "Halton"),
    ("knowsley", "Knowsley"),
    ("liverpool", "Liverpool"),
    ("sefton", "Sefton"),
    ("st_helens", "St Helens"),
    ("wirral", "Wirral"),
    ("region_wide", "The whole city region"),
]
TOPIC_CHOICES = [
    ("health", "Health"),
    ("social_care", "Social care"),
    ("housing", "Housing"),
    ("transport", "Transport"),
    ("education", "Education"),
    ("employment", "Employment"),
    ("environment", "Environment"),
    ("community_safety", "Community safety"),
    ("public_services", "Public services"),
    ("other", "Other"),
]


class OrganisationRole(TextChoices):
    """An organisation's part in a project: exactly one is the lead."""

    LEAD = "lead", "Lead"
    PARTNER = "partner", "Partner"
    SUPPLIER = "supplier", "Supplier"
    FUNDER = "funder", "Funder"


class Duty(TextChoices):
    """A responsible person's duties: exactly one person is accountable."""

    ACCOUNTABLE = "accountable", "Accountable"
    CORRECTING = "correcting", "Correcting and updating algorithms"
    MONITORING = "monitoring", "Monitoring"
    TRAINING = "training", "Training front-line staff"
    CONTACT = "contact", "Contact for the public"


ORGANISATION_ROLE_CHOICES = OrganisationRole.choices
DUTY_CHOICES = Duty.choices


def _text(
    key: str, label: str, principles: tuple[int, ...], hint: str = "", *, required: bool = True
) -> Question:
    return Question(
        key=key,
        label=label,
        kind=Kind.LONG_TEXT,
        principles=principles,
        hint=hint,
        required=required,
    )


SUMMARY_MAX_LENGTH = 400


SECTIONS: tuple[Section, ...] = (
    Section(
        slug="about-your-project",
        number=1,
        title="About your project",
        introduction="Tell residents what the project is, what it is for and where it works.",
        questions=(
            Question("title", "Project title or name", Kind.SHORT_TEXT, (8,), max_length=200),
            _text(
                "purpose",
                "Describe the purpose(s) and any intended outputs of your project",
                (1, 4),
            ),
            Question("status", "What stage is the project at?", Kind.CHOICE),
            Question(
                "uses_ai",
                "Does the project use AI?",
                Kind.YES_NO,
                hint=(
                    "AI means a system that learns from data or generates content or predictions "
                    "(machine learning, generative AI, chatbots, computer vision). Automation "
                    "that only follows fixed rules is \u201cno\u201d, but you can still register "
                    "it."
                ),
            ),
            Question("ai_kinds", "What kind of AI does it use?", Kind.MULTIPLE_CHOICE),
            Question(
                "ai_decision_role",
                "What part does the AI play in decisions about people?",
                Kind.CHOICE,
            ),
            Question(
                "areas", "Which parts of the city region does it cover?", Kind.MULTIPLE_CHOICE
            ),
            Question("topics", "What service areas does it touch?", Kind.MULTIPLE_CHOICE),
            # Optional in the open data format (null when not yet known), so optional here too.
            Question(
                "start_date",
                "When did or will it start?",
                Kind.MONTH,
                hint="For example, 4 2025",
                required=False,
            ),
            Question("website", "Where can people read more? (optional)", Kind.URL, required=False),
            # Version 2 of the open data format: register details that ATRS asks for.
            Question(
                "summary",
                "Summarise the project for residents in two or three sentences",
                Kind.SHORT_TEXT,
                (4, 8),
                hint=(
                    "Shown in the register's list, at the top of the project page and in the "
                    f"feed. Write for residents, in plain words. {SUMMARY_MAX_LENGTH} characters "
                    "at most."
                ),
                max_length=SUMMARY_MAX_LENGTH,
            ),
            _text(
                "frequency_and_scale",
                "How often is it used, and how many people does it affect? (optional)",
                (4,),
                required=False,
            ),
            _text(
                "previous_process",
                "How was this done before the project? (optional)",
                (4, 10),
                required=False,
            ),
        ),
    ),
    Section(
        slug="about-your-organisations",
        number=2,
        title="About your organisation(s)",
        introduction="Tell residents who is running the project and who else is involved.",
        questions=(
            Question(
                "organisations",
                "List all organisations involved in the project and what type (academic, "
                "public service, voluntary sector, commercial, etc.)",
                Kind.ORGANISATIONS,
                (3, 4),
            ),
            Question(
                "organisation_description",
                "Describe your organisation in one sentence",
                Kind.ORGANISATION_TEXT,
                (4,),
            ),
            Question(
                "mission_statement",
                "If you are a commercial organisation, what is your mission statement?",
                Kind.ORGANISATION_TEXT,
                (1, 4),
                required=False,
            ),
        ),
    ),
    Section(
        slug="documenting-your-project",
        number=3,
        title="Documenting your project",
        introduction=(
            "Encourage systems of continuous documentation for data use and model development. "
            "Documenting metadata can help you understand the characteristics of your data, "
            "enhance traceability, verify data quality, and help mitigate bias. Clearly assess "
            "and report on the structure, potential uses, and limitations of datasets, including "
            "demographic biases."
        ),
        questions=(
            _text(
                "inputs",
                "Describe the intended or existing inputs of your system, model, or research",
                (4,),
            ),
            _text("data_sources", "What kind of data sources will you use?", (4, 6)),
            _text(
                "records_data_bias",
                "How will you build detailed records for your project on what data you're "
                "using and its potential biases?",
                (4, 5),
                hint="Examples of useful tools: model cards, datasheets, AI service fact sheets, "
                "and data version controls.",
            ),
            _text(
                "records_methodology",
                "How will you build detailed records for your project on your methodology and "
                "any changes/updates to algorithms?",
                (4, 9),
            ),
            _text(
                "records_fairness",
                "How will you build detailed records for your project on bias and fairness in "
                "your data and algorithms?",
                (5,),
            ),
            _text(
                "data_protection",
                "How are you documenting your project's compliance with relevant UK data "
                "protection legislation?",
                (2, 6, 7),
                hint="This includes data privacy and security measures. You can provide links to "
                "existing processes and documentation, such as data privacy impact assessments.",
            ),
            _text(
                "five_safes",
                "How are you documenting your compliance with the Five Safes?",
                (2,),
                hint="Safe data, safe projects, safe people, safe settings and safe outputs.",
            ),
            Question(
                "impact_assessments",
                "Which impact assessments have you done for this project? (optional)",
                Kind.IMPACT_ASSESSMENTS,
                (2, 6, 7, 9),
                hint="For example a data protection impact assessment or an equality impact "
                "assessment. Give a public link where one exists.",
                required=False,
            ),
        ),
    ),
    Section(
        slug="tracking-benefits",
        number=4,
        title="Tracking benefits",
        introduction=(
            "All projects must prioritise public benefit to comply with the Charter, especially "
            "in areas identified by Liverpool City Region residents."
        ),
        questions=(
            _text(
                "benefit_who",
                "What is the intended benefit of your project? Who will benefit and how?",
                (1,),
            ),
            _text(
                "benefit_evaluation",
                "How will you know the benefit has happened? How will that be evaluated?",
                (1,),
            ),
            _text(
                "involvement_when",
                "When will you involve beneficiaries \u2013 before, during, or after the project "
                "is complete?",
                (5,),
            ),
            _text(
                "involvement_how",
                "How will you involve beneficiaries e.g. workshops, citizens' assemblies, peer "
                "review?",
                (5,),
            ),
            _text(
                "involvement_impact",
                "What is the intended impact of your involvement work? What are the "
                "opportunities and space for change?",
                (5,),
            ),
            _text(
                "involvement_underrepresented",
                "How are you ensuring you engage with underrepresented communities?",
                (5,),
            ),
        ),
    ),
    Section(
        slug="mitigating-harms",
        number=5,
        title="Mitigating harms",
        introduction=(
            "Liverpool City Region residents are concerned about a range of potential harms of "
            "data and AI projects. In particular, the Charter includes concerns about balancing "
            "benefits with environmental, social, and employment costs. Please answer the "
            "following to the degree that you are able."
        ),
        questions=(
            _text(
                "harms_who",
                "What are the potential harms from your project? Who is most at risk of being "
                "harmed and how?",
                (9,),
                hint="Consider the perspective of users, public/ patients, and other impacted "
                "groups.",
            ),
            _text("harms_social", "What about wider social impacts?", (9, 10)),
            _text(
                "environmental_costs",
                "How does your project consider potential environmental costs?",
                (10,),
                hint="What amount of compute and energy will be required to train and run the "
                "system? Other impacts from software, hardware, or equipment?",
            ),
            _text(
                "employment_impact",
                "How might your project impact employment?",
                (10,),
                hint="Do you have any plans for offsetting negative impacts, e.g. retraining or "
                "upskilling?",
            ),
            _text("harm_severity", "How consequential or immediate is this harm?", (9,)),
            _text("harm_difficulty", "How difficult is it to mitigate?", (9,)),
            _text("harm_mitigation", "What are your harm mitigation plans?", (9,)),
            _text(
                "alternatives_considered",
                "What other ways of meeting the need did you consider, and why did you choose "
                "this one? (optional)",
                (9, 10),
                required=False,
            ),
            _text(
                "responsible_correcting",
                "Thinking of the harms you've identified, who is responsible for correcting and "
                "updating algorithms?",
                (3, 9),
            ),
            _text(
                "responsible_monitoring",
                "Who is responsible for monitoring algorithms that are in use (for implemented "
                "tools)?",
                (3, 9),
            ),
            _text(
                "responsible_training",
                "Who is responsible for training front-line staff on algorithm use, benefits, "
                "and limits (for implemented tools)?",
                (3, 9),
            ),
        ),
    ),
    Section(
        slug="communicating-your-project",
        number=6,
        title="Communicating your project and outputs",
        introduction="Please ensure all communications are in plain language.",
        questions=(
            _text(
                "comms_during",
                "How will you communicate with beneficiaries and end users on what you are "
                "doing during the project?",
                (4, 8),
            ),
            _text(
                "comms_output",
                "What (if any) are your plans for communicating your finished or implemented "
                "output?",
                (4, 8),
            ),
            _text(
                "comms_outcomes",
                "How will you communicate positive outcomes to beneficiaries and end service "
                "users?",
                (1, 8),
            ),
            _text(
                "comms_monitoring",
                "What are your plans for communicating to beneficiaries and service users who "
                "are responsible for monitoring implemented tools?",
                (3, 8),
            ),
            _text(
                "comms_ai_kind",
                "How will you provide information on what kind of AI tool your project/output "
                "uses?",
                (8,),
            ),
            _text(
                "comms_contacts",
                "How will the contact details of responsible persons be shared?",
                (3, 8),
            ),
            _text(
                "comms_up_to_date",
                "What measures are in place to keep this information up to date?",
                (8, 11),
            ),
            _text(
                "contest",
                "How will individuals or communities impacted or using your system be able to "
                "contest its findings? How can they appeal? Are there options to refuse "
                "participation or use?",
                (3, 5, 9),
            ),
        ),
    ),
    Section(
        slug="declaration-of-responsibility",
        number=7,
        title="Declaration of responsibility",
        introduction=(
            "Name the people responsible for this project. Their names, job titles and public "
            "contacts are shown on the public register (Principle 3: Accountability)."
        ),
        questions=(
            Question(
                "responsible_people", "Who is responsible for this project?", Kind.PEOPLE, (3,)
            ),
            Question(
                "declaration",
                "I declare that the information is accurate and that the people named have "
                "agreed to be named",
                Kind.DECLARATION,
                (3,),
            ),
        ),
    ),
)

QUESTIONS: dict[str, Question] = {q.key: q for s in SECTIONS for q in s.questions}
SECTIONS_BY_SLUG: dict[str, Section] = {s.slug: s for s in SECTIONS}

# The free-text answers to the guide's questions, in the guide's order: every one is needed to
# submit.
ANSWER_KEYS: list[str] = [q.key for q in QUESTIONS.values() if q.is_answer]
# The free-text answers that may be left blank (added in version 2 of the open data format).
OPTIONAL_ANSWER_KEYS: list[str] = [q.key for q in QUESTIONS.values() if q.is_optional_answer]
# Every free-text answer, in the form's order: one text column each on ``Project``.
TEXT_ANSWER_KEYS: list[str] = [q.key for q in QUESTIONS.values() if q.kind == Kind.LONG_TEXT]
# The keys version 2 of the open data format added to a project record, in the schema's order
# of its "required" list.
VERSION_2_KEYS: list[str] = [
    "summary",
    "frequency_and_scale",
    "previous_process",
    "impact_assessments",
    "alternatives_considered",
]
# ... and to each of its organisations.
ORGANISATION_IDENTIFIER_KEYS: list[str] = ["companies_house_number", "charity_number", "ods_code"]


# The text policy for each question a person answers in words (``public_text.policy``): one
# rule, used by the form, the model (the admin) and the importer alike.
TEXT_RULES: dict[str, TextRule] = {
    "title": policy.name(200, "Project title"),
    "website": policy.line(500, "The web address"),
    **{key: policy.long(label="This answer") for key in ANSWER_KEYS},
}
# The lead organisation's texts, asked in section 2 and kept on the organisation.
TEXT_RULES["organisation_description"] = policy.line(500, "The description of the organisation")
TEXT_RULES["mission_statement"] = policy.long(label="The mission statement")
# Version 2 of the open data format: the summary, and the optional answers.
TEXT_RULES["summary"] = policy.long(SUMMARY_MAX_LENGTH, "The summary")
TEXT_RULES.update({key: policy.long(label="This answer") for key in OPTIONAL_ANSWER_KEYS})


def section_of(key: str) -> Section:
    return next(s for s in SECTIONS if key in s.keys)


def principle_evidence() -> dict[int, list[str]]:
    """For each principle number (1 to 11), the question keys whose answers evidence it."""
    mapping: dict[int, list[str]] = {number: [] for number in range(1, 12)}
    for question in QUESTIONS.values():
        for number in question.principles:
            mapping[number].append(question.key)
    return mapping


PRINCIPLE_EVIDENCE = principle_evidence()
