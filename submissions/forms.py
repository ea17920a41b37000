"""The submission form, built from ``projects.questions``: labels, hints and choices come from
there and nowhere else. One ``SectionPage`` per section of the guide holds the section's form
and, for sections 2, 3 and 7, its repeatable rows (organisations, impact assessments,
responsible people).
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import ConditionalQuestion, ConditionalRadios, Field, Layout
from crispy_forms_gds.widgets import DateInputWidget
from django import forms
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from organisations.choices import ORGANISATION_TYPE_CHOICES
from organisations.identifiers import (
    IDENTIFIER_LABELS,
    identifier_problems,
    tidy_companies_house_number,
    tidy_identifier,
)
from organisations.models import Organisation
from organisations.rules import DESCRIPTION_MESSAGE, mission_statement_problem
from projects import rules
from projects.models import ImpactAssessment, ProjectOrganisation, ResponsiblePerson
from projects.questions import (
    AI_DECISION_ROLE_CHOICES,
    AI_KIND_CHOICES,
    AREA_CHOICES,
    DUTY_CHOICES,
    ORGANISATION_ROLE_CHOICES,
    QUESTIONS,
    STATUS_CHOICES,
    TEXT_RULES,
    TOPIC_CHOICES,
    Kind,
    OrganisationRole,
    Section,
)
from projects.rules import (
    impact_assessment_row_problems,
    summary_too_long_message,
)
from public_text import policy
from public_text.forms import PublicTextField
from public_text.policy import TextRule, organisation_name_key

from .plain_language import WORD_GUIDE, WORD_LIMIT, advice, word_count

CHOICES = {
    "status": STATUS_CHOICES,
    "ai_kinds": AI_KIND_CHOICES,
    "ai_decision_role": AI_DECISION_ROLE_CHOICES,
    "areas": AREA_CHOICES,
    "topics": TOPIC_CHOICES,
}
YES_NO = [("yes", "Yes"), ("no", "No")]
# Shown in the hint of every free-text answer and in the section introductions.
NOT_SURE = "If you are not sure, or it does not apply, say so and why: that is a valid answer."


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


# --- fields ---------------------------------------------------------------------------------


class AnswerField(PublicTextField):
    """A free-text answer: up to ``WORD_LIMIT`` words and the text policy's character ceiling
    (``projects.questions.TEXT_RULES``), both stated in the hint."""

    def __init__(self, *, rule: TextRule | None = None, **kwargs):
        rule = rule or policy.long(label="This answer")
        hint = str(kwargs.get("help_text") or "").strip()
        kwargs["help_text"] = (
            f"{hint} Up to {WORD_LIMIT} words ({rule.max_length:,} characters).".strip()
        )
        kwargs.setdefault(
            "widget",
            forms.Textarea(
                attrs={
                    "rows": 5,
                    "data-module": "app-word-count",
                    "data-word-guide": WORD_GUIDE,
                    "data-word-limit": WORD_LIMIT,
                }
            ),
        )
        super().__init__(rule=rule, state_limit=False, **kwargs)

    def validate(self, value):
        words = word_count(value)
        try:
            super().validate(value)
        except forms.ValidationError as error:
            # Over both limits: the word limit is the one people write to.
            if error.code != "max_length" or words <= WORD_LIMIT:
                raise
        if words > WORD_LIMIT:
            raise forms.ValidationError(
                f"Shorten this answer to {WORD_LIMIT} words or fewer (it is {words} words)",
                code="too_long",
            )


class SummaryField(PublicTextField):
    """The summary residents read first: a few sentences, its rule's characters at most. The
    GOV.UK character count shows the limit as a hint, and counts as the person types when
    JavaScript runs; the limit itself is checked here (no ``maxlength``, so nothing typed is cut
    off), with the summary's own message."""

    def __init__(self, *, rule: TextRule, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(rule=rule, state_limit=False, **kwargs)
        self.max_characters = rule.max_length

    def validate(self, value):
        if len(value or "") > self.max_characters:
            raise forms.ValidationError(summary_too_long_message(len(value)), code="too_long")
        super().validate(value)


class DayMonthYearField(forms.MultiValueField):
    """A date as the GOV.UK date input asks for it: day, month and year."""

    widget = DateInputWidget

    def __init__(self, **kwargs):
        messages = {
            "invalid": "Enter the date as numbers, like 27 3 2025",
            "incomplete": "Enter the day, month and year, like 27 3 2025",
        }
        fields = (
            forms.IntegerField(error_messages=messages),
            forms.IntegerField(error_messages=messages),
            forms.IntegerField(error_messages=messages),
        )
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or all(value in (None, "") for value in data_list):
            return None
        # A part left out is refused by its own field ("incomplete") before this is called.
        day, month, year = data_list
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError as error:
            raise forms.ValidationError("Enter a real date, like 27 3 2025") from error

    def clean(self, value):
        try:
            return super().clean(value)
        except forms.ValidationError as error:
            raise forms.ValidationError(error.messages[0]) from error


class MonthYearWidget(DateInputWidget):
    """The GOV.UK date input without the day."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.widgets = self.widgets[1:]

    def decompress(self, value):
        return (value.month, value.year) if value else (None, None)


class MonthYearField(forms.MultiValueField):
    """A month and year, stored as the first day of that month."""

    widget = MonthYearWidget

    def __init__(self, **kwargs):
        digits = {
            "invalid": "Enter the month and year as numbers, like 4 2025",
            "incomplete": "Enter both the month and the year, like 4 2025",
        }
        fields = (
            forms.IntegerField(min_value=1, max_value=12, error_messages=digits),
            forms.IntegerField(min_value=1900, max_value=2100, error_messages=digits),
        )
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or all(value in (None, "") for value in data_list):
            return None
        # A part left out is refused by its own field ("incomplete") before this is called.
        month, year = data_list
        return datetime.date(int(year), int(month), 1)

    def clean(self, value):
        try:
            return super().clean(value)
        except forms.ValidationError as error:
            raise forms.ValidationError(
                "Enter a real month and year, like 4 2025"
                if any(e.code in ("min_value", "max_value") for e in error.error_list)
                else error.messages[0]
            ) from error


def https_only(value: str) -> None:
    if problem := rules.website_problem(value):
        raise forms.ValidationError(problem)


def question_field(key: str) -> forms.Field:
    """The form field for one question of the guide. Every field may be left blank when
    saving: the answer rules are checked before submitting (``Project.problems``)."""
    question = QUESTIONS[key]
    common = {"label": question.label, "help_text": escape(question.hint), "required": False}
    if question.kind == Kind.LONG_TEXT:
        # An optional question can simply be left blank: no need to say "not sure".
        hint = f"{question.hint} {NOT_SURE}".strip() if question.required else question.hint
        return AnswerField(rule=TEXT_RULES[key], **{**common, "help_text": escape(hint)})
    if key == "summary":
        return SummaryField(rule=TEXT_RULES[key], **common)
    if question.kind == Kind.SHORT_TEXT:
        return PublicTextField(rule=TEXT_RULES[key], **common)
    if question.kind == Kind.CHOICE:
        return forms.ChoiceField(choices=CHOICES[key], widget=forms.RadioSelect, **common)
    if question.kind == Kind.MULTIPLE_CHOICE:
        return forms.MultipleChoiceField(
            choices=CHOICES[key], widget=forms.CheckboxSelectMultiple, **common
        )
    if question.kind == Kind.YES_NO:
        return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
    if question.kind == Kind.MONTH:
        return MonthYearField(**common)
    if question.kind == Kind.URL:
        return forms.URLField(
            max_length=500,
            assume_scheme="https",
            validators=[https_only, TEXT_RULES[key]],
            error_messages={"invalid": "Enter a web address, like https://example.org/project"},
            **common,
        )
    raise ValueError(f"{key} is not a single field")


def field_anchor(bound_field) -> str:
    """The id of the first control of a field, for links from the error summary."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.MultiWidget):
        return f"{bound_field.auto_id}_0"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{bound_field.auto_id}_{0 if bound_field.name == 'uses_ai' else 1}"
    return bound_field.auto_id


# --- one section's questions ----------------------------------------------------------------


class SectionForm(forms.Form):
    """The single-answer questions of one section, with the version the person started from."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput)
    # The plain-language hints the person has been shown (see ``SectionPage.advice_key``).
    advice_seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, section: Section, keys: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.section = section
        for key in keys:
            self.fields[key] = question_field(key)
        if "title" in self.fields:
            self.fields["title"].required = True
            self.fields["title"].error_messages["required"] = "Enter the project title or name"
        self.helper = _helper()
        self.helper.layout = self._layout(keys)

    def _layout(self, keys):
        items = ["lock_version", "advice_seen"]
        for key in keys:
            if key in ("ai_kinds", "ai_decision_role"):
                continue
            if key == "uses_ai":
                # The GOV.UK conditional reveal: both AI questions sit under "Yes". Without
                # JavaScript they are always shown.
                items.append(
                    ConditionalRadios(
                        "uses_ai",
                        ConditionalQuestion(
                            "Yes", Field.checkboxes("ai_kinds"), Field.radios("ai_decision_role")
                        ),
                        "No",
                    )
                )
            elif key == "summary":
                items.append(Field.textarea(key, rows=4, max_characters=QUESTIONS[key].max_length))
            elif QUESTIONS[key].kind == Kind.SHORT_TEXT:
                items.append(Field.text(key))
            else:
                items.append(key)
        return Layout(*items)

    def clean(self):
        cleaned = super().clean()
        if "uses_ai" in self.fields:
            uses_ai = cleaned.get("uses_ai")
            cleaned["uses_ai"] = {"yes": True, "no": False}.get(uses_ai)
            if cleaned["uses_ai"]:
                # Not yet answering "Does it use AI?" is fine while saving a section; the
                # details once it does are asked for at once.
                ai = rules.ai_problems(
                    uses_ai=True,
                    ai_kinds=cleaned.get("ai_kinds"),
                    ai_decision_role=cleaned.get("ai_decision_role"),
                )
                for key, message in ai.items():
                    self.add_error(key, message)
            else:
                cleaned["ai_kinds"] = []
                cleaned["ai_decision_role"] = ""
        for key in ("status", "ai_decision_role", "website"):
            if key in self.fields and cleaned.get(key) is None:
                cleaned[key] = ""
        return cleaned


# --- repeatable rows ------------------------------------------------------------------------


def _label(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def _plain(name: str) -> str:
    return " ".join(name.split()).casefold()


def look_alike_offer(typed: str, existing: Organisation | None) -> str:
    """When ``typed`` only looks like the name of ``existing`` (other than by case or spaces:
    a look-alike letter, a zero-width character), the message offering ``existing``."""
    if existing is None or _plain(typed) == _plain(existing.name):
        return ""
    return (
        f"{typed} looks the same as {existing.name}, which is already in the directory. "
        f"Enter {existing.name} to choose it"
    )


class OrganisationRowForm(forms.Form):
    """One organisation involved: from the directory (by name) or typed in as a new one."""

    name = PublicTextField(
        rule=Organisation.public_text_rules["name"],
        label=_label(Organisation, "name"),
        required=False,
        help_text="Start typing to choose it from the directory, or type the name of a new one.",
        widget=forms.TextInput(attrs={"list": "organisation-directory", "autocomplete": "off"}),
    )
    type = forms.ChoiceField(
        label=_label(Organisation, "type"),
        choices=[("", "Choose a type")] + ORGANISATION_TYPE_CHOICES,
        required=False,
        help_text="Only needed for an organisation that is not in the directory yet.",
    )
    role = forms.ChoiceField(
        label="Role in the project",
        choices=[("", "Choose a role")] + ORGANISATION_ROLE_CHOICES,
        required=False,
    )
    contribution = PublicTextField(
        rule=ProjectOrganisation.public_text_rules["contribution"],
        label=f"{_label(ProjectOrganisation, 'contribution')} (optional)",
        help_text="For a partner, supplier or funder: for example, \u201cbuilds and runs the "
        "model\u201d or \u201cfunds the pilot\u201d.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    companies_house_number = forms.CharField(
        label=f"{IDENTIFIER_LABELS['companies_house_number']} (optional)",
        help_text=Organisation._meta.get_field("companies_house_number").help_text,
        required=False,
        max_length=20,
    )
    charity_number = forms.CharField(
        label=f"{IDENTIFIER_LABELS['charity_number']} (optional)",
        help_text=Organisation._meta.get_field("charity_number").help_text,
        required=False,
        max_length=20,
    )
    ods_code = forms.CharField(
        label=f"{IDENTIFIER_LABELS['ods_code']} (optional)",
        help_text=Organisation._meta.get_field("ods_code").help_text,
        required=False,
        max_length=20,
    )

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        self.helper.layout = Layout(
            Field.text("name"),
            Field.select("type"),
            Field.select("role"),
            Field.textarea("contribution"),
            Field.text("companies_house_number", field_width=10),
            Field.text("charity_number", field_width=10),
            Field.text("ods_code", field_width=10),
        )

    def _clean_identifier(self, key: str, tidy) -> str:
        value = tidy(self.cleaned_data.get(key))
        if value:
            try:
                Organisation._meta.get_field(key).run_validators(value)
            except forms.ValidationError as error:
                self.add_error(key, error.messages[0])
        return value

    def clean_companies_house_number(self):
        return self._clean_identifier("companies_house_number", tidy_companies_house_number)

    def clean_charity_number(self):
        return self._clean_identifier("charity_number", tidy_identifier)

    def clean_ods_code(self):
        return self._clean_identifier("ods_code", tidy_identifier)

    def clean(self):
        cleaned = super().clean()
        if "name" in self.errors:  # the text policy's message is shown
            return cleaned
        name = (cleaned.get("name") or "").strip()
        if not name:
            if any(
                cleaned.get(key) for key in ("role", "type", "contribution", *IDENTIFIER_LABELS)
            ):
                self.add_error("name", "Enter the organisation's name")
            return cleaned
        cleaned["organisation"] = Organisation.objects.by_name(name).first()
        offer = look_alike_offer(name, cleaned["organisation"])
        if offer:
            self.add_error("name", offer)
            return cleaned
        if cleaned["organisation"] is None and not cleaned.get("type"):
            self.add_error("type", f"Choose what type of organisation {name} is")
        if not cleaned.get("role"):
            self.add_error("role", f"Choose the role {name} has in the project")
        organisation = cleaned["organisation"]
        if organisation is not None:
            is_member = bool(self.user and organisation.memberships.filter(user=self.user).exists())
            typed = {key: cleaned[key] for key in IDENTIFIER_LABELS if key in cleaned}
            for key, message in identifier_problems(
                organisation, typed, is_member=is_member
            ).items():
                self.add_error(key, message)
        return cleaned

    @property
    def is_blank(self) -> bool:
        return not (self.cleaned_data.get("name") or "").strip()


class BaseOrganisationRows(forms.BaseFormSet):
    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "user": self.user}

    def clean(self):
        if any(self.errors):
            return
        rows = [form.cleaned_data for form in self.forms if not form.is_blank]
        if problem := rules.lead_count_problem(row["role"] for row in rows):
            raise forms.ValidationError(problem)
        leads = [row for row in rows if row["role"] == OrganisationRole.LEAD]
        names = [organisation_name_key(row["name"]) for row in rows]
        if len(set(names)) != len(names):
            raise forms.ValidationError("List each organisation once")
        lead = leads[0]["organisation"]
        if lead is None or not lead.memberships.filter(user=self.user).exists():
            raise forms.ValidationError(
                "The lead organisation must be one you belong to. Only its members can edit "
                "this project"
            )

    def rows(self) -> list[dict]:
        return [
            {
                "organisation": form.cleaned_data["organisation"],
                "name": form.cleaned_data["name"],
                "type": form.cleaned_data.get("type", ""),
                "role": form.cleaned_data["role"],
                "contribution": form.cleaned_data.get("contribution") or "",
                **{key: form.cleaned_data.get(key) or "" for key in IDENTIFIER_LABELS},
            }
            for form in self.forms
            if not form.is_blank
        ]


OrganisationRows = forms.formset_factory(
    OrganisationRowForm, formset=BaseOrganisationRows, extra=0, max_num=50, absolute_max=50
)


class PersonRowForm(forms.Form):
    """One named person responsible for the project (shown on the public register)."""

    name = PublicTextField(
        rule=ResponsiblePerson.public_text_rules["name"],
        label=_label(ResponsiblePerson, "name"),
        required=False,
    )
    job_title = PublicTextField(
        rule=ResponsiblePerson.public_text_rules["job_title"],
        label=_label(ResponsiblePerson, "job_title"),
        required=False,
    )
    organisation = PublicTextField(
        rule=ResponsiblePerson.public_text_rules["organisation"],
        label=_label(ResponsiblePerson, "organisation"),
        required=False,
    )
    contact = PublicTextField(
        rule=ResponsiblePerson.public_text_rules["contact"],
        label=_label(ResponsiblePerson, "contact"),
        help_text=ResponsiblePerson._meta.get_field("contact").help_text,
        required=False,
    )
    duties = forms.MultipleChoiceField(
        label=_label(ResponsiblePerson, "duties"),
        choices=DUTY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        self.helper.layout = Layout(
            Field.text("name"),
            Field.text("job_title"),
            Field.text("organisation"),
            Field.text("contact"),
            Field.checkboxes("duties", small=True),
        )

    @property
    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not any((data.get(name) or "").strip() for name in ("name", "job_title", "contact"))


class BasePeopleRows(forms.BaseFormSet):
    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)

    def clean(self):
        if any(self.errors):
            return
        duties = (form.cleaned_data.get("duties", []) for form in self.forms if not form.is_blank)
        if problem := rules.accountable_count_problem(duties, at_least_one=False):
            raise forms.ValidationError(problem)

    def rows(self) -> list[dict]:
        return [
            {name: form.cleaned_data.get(name) or "" for name in form.fields}
            | {"duties": form.cleaned_data.get("duties", [])}
            for form in self.forms
            if not form.is_blank
        ]


PeopleRows = forms.formset_factory(
    PersonRowForm, formset=BasePeopleRows, extra=0, max_num=50, absolute_max=50
)


class ImpactAssessmentRowForm(forms.Form):
    """One impact assessment done for the project, with a public link where one exists."""

    name = PublicTextField(
        rule=ImpactAssessment.public_text_rules["name"],
        label=_label(ImpactAssessment, "name"),
        help_text="For example, data protection impact assessment.",
        required=False,
    )
    completed_on = DayMonthYearField(
        label=f"{_label(ImpactAssessment, 'completed_on')} (optional)",
        help_text="For example, 27 3 2025",
        required=False,
    )
    url = forms.URLField(
        label=f"{_label(ImpactAssessment, 'url')} (optional)",
        help_text="Where residents can read it, starting https://",
        max_length=500,
        assume_scheme="https",
        validators=[https_only, ImpactAssessment.public_text_rules["url"]],
        required=False,
        error_messages={"invalid": "Enter a web address, like https://example.org/assessment"},
    )
    summary = PublicTextField(
        rule=ImpactAssessment.public_text_rules["summary"],
        label=f"{_label(ImpactAssessment, 'summary')} (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        self.helper.layout = Layout(
            Field.text("name"), "completed_on", Field.text("url"), Field.textarea("summary")
        )

    def clean(self):
        cleaned = super().clean()
        typed_anything = any(
            value not in (None, "") for key in self.fields for value in self._raw(key)
        )
        if not typed_anything:
            return cleaned
        problems = impact_assessment_row_problems(
            ImpactAssessment(**self._row(cleaned)), self.position
        )
        for key, message in problems.items():
            if key not in self.errors:
                self.add_error(key, message)
        return cleaned

    def _raw(self, key: str) -> list:
        value = self[key].value()
        return list(value) if isinstance(value, list | tuple) else [value]

    @property
    def position(self) -> int:
        """This row's number on the page, counting from 1."""
        return int(self.prefix.rsplit("-", 1)[-1]) + 1  # the formset's prefix: impact-0, ...

    @staticmethod
    def _row(cleaned) -> dict:
        return {
            "name": (cleaned.get("name") or "").strip(),
            "completed_on": cleaned.get("completed_on"),
            "url": cleaned.get("url") or "",
            "summary": cleaned.get("summary") or "",
        }

    @property
    def is_blank(self) -> bool:
        return not (self.cleaned_data.get("name") or "").strip()


class BaseImpactAssessmentRows(forms.BaseFormSet):
    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)

    def rows(self) -> list[dict]:
        return [
            ImpactAssessmentRowForm._row(form.cleaned_data)
            for form in self.forms
            if not form.is_blank
        ]


ImpactAssessmentRows = forms.formset_factory(
    ImpactAssessmentRowForm,
    formset=BaseImpactAssessmentRows,
    extra=0,
    max_num=30,
    absolute_max=30,
)


@dataclass(frozen=True)
class RowKind:
    """A section's repeatable rows: the formset's prefix and class, the key of the question they
    answer (and of the saved data), what one row is called, and whether they come before the
    section's other questions."""

    prefix: str
    formset: type
    key: str
    noun: str
    add_label: str
    first: bool


# Which rows each section repeats.
ROWS = {
    "about-your-organisations": RowKind(
        "organisations",
        OrganisationRows,
        "organisations",
        "organisation",
        "Add another organisation",
        first=True,
    ),
    "documenting-your-project": RowKind(
        "impact",
        ImpactAssessmentRows,
        "impact_assessments",
        "impact assessment",
        "Add an impact assessment",
        first=False,
    ),
    "declaration-of-responsibility": RowKind(
        "people", PeopleRows, "responsible_people", "person", "Add another person", first=True
    ),
}


def _single_keys(section: Section) -> list[str]:
    return [
        question.key
        for question in section.questions
        if question.kind
        not in (Kind.ORGANISATIONS, Kind.PEOPLE, Kind.IMPACT_ASSESSMENTS, Kind.DECLARATION)
    ]


def _lead_text_fields(form: SectionForm) -> None:
    """Section 2's questions about the lead organisation, kept on the organisation."""
    description = form.fields["organisation_description"] = PublicTextField(
        rule=TEXT_RULES["organisation_description"],
        label=QUESTIONS["organisation_description"].label,
        help_text=QUESTIONS["organisation_description"].hint,
        required=False,
    )
    description.widget.attrs["class"] = "govuk-input"
    form.fields["mission_statement"] = AnswerField(
        rule=TEXT_RULES["mission_statement"],
        label=QUESTIONS["mission_statement"].label,
        help_text="Only if the lead organisation is commercial: it is required then.",
        required=False,
    )
    form.helper.layout = Layout(
        "lock_version", "advice_seen", "organisation_description", "mission_statement"
    )


# --- the page for one section ---------------------------------------------------------------


class SectionPage:
    """Everything one section page asks: its questions and, in sections 2 and 7, its rows.

    ``add_row()`` and ``remove_row(index)`` re-render what the person typed with one row more or
    less, without saving and without JavaScript.
    """

    def __init__(self, *, section: Section, project, user, data=None, initial=None, rows=None):
        self.section = section
        self.project = project
        self.user = user
        keys = _single_keys(section)
        if initial is None and data is None:
            initial = self.initial_answers()
        self.form = SectionForm(
            data,
            initial=initial,
            section=section,
            keys=[
                key for key in keys if key not in ("organisation_description", "mission_statement")
            ],
        )
        if "organisation_description" in keys:
            _lead_text_fields(self.form)
        self.rows = None
        self.row_kind = ROWS.get(section.slug)
        if self.row_kind is not None:
            prefix, formset_class = self.row_kind.prefix, self.row_kind.formset
            if data is not None and rows is None:
                self.rows = formset_class(data, prefix=prefix, user=user)
            else:
                self.rows = formset_class(
                    prefix=prefix, user=user, initial=self.initial_rows() if rows is None else rows
                )
        self._mark_prefilled()
        self._annotate_advice()

    # what to show first
    def initial_answers(self) -> dict:
        initial = {"lock_version": self.project.lock_version}
        for key in _single_keys(self.section):
            value = self.project.answer(key)
            if key == "uses_ai":
                value = {True: "yes", False: "no"}.get(value)
            initial[key] = value
        return initial

    @property
    def rows_question(self):
        return QUESTIONS[self.row_kind.key] if self.row_kind else None

    def initial_rows(self) -> list[dict]:
        if self.section.slug == "about-your-organisations":
            return [
                {
                    "name": po.organisation.name,
                    "type": po.organisation.type,
                    "role": po.role,
                    "contribution": po.contribution,
                    **po.identifier_values(),
                }
                for po in self.project.project_organisations.select_related("organisation")
            ]
        if self.section.slug == "documenting-your-project":
            return [
                {
                    "name": assessment.name,
                    "completed_on": assessment.completed_on,
                    "url": assessment.url,
                    "summary": assessment.summary,
                }
                for assessment in self.project.impact_assessments.all()
            ]
        return [
            {
                "name": person.name,
                "job_title": person.job_title,
                "organisation": person.organisation,
                "contact": person.contact,
                "duties": list(person.duties),
            }
            for person in self.project.responsible_people.all()
        ] or [{}]

    # validation and the data to save
    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        if self.rows is not None:
            valid = self.rows.is_valid() and valid
        return valid

    @property
    def expected_lock_version(self) -> int:
        return self.form.cleaned_data["lock_version"]

    def data(self) -> dict:
        data = {
            k: v
            for k, v in self.form.cleaned_data.items()
            if k not in ("lock_version", "advice_seen")
        }
        if self.rows is not None:
            data[self.row_kind.key] = self.rows.rows()
        return data

    # adding and removing rows without JavaScript
    def _typed(self) -> tuple[dict, list[dict]]:
        answers = {name: self.form[name].value() for name in self.form.fields}
        rows = []
        if self.rows is not None:
            for form in self.rows.forms:
                rows.append({name: form[name].value() for name in form.fields})
        return answers, rows

    def add_row(self) -> SectionPage:
        answers, rows = self._typed()
        return SectionPage(
            section=self.section,
            project=self.project,
            user=self.user,
            initial=answers,
            rows=rows + [{}],
        )

    def retyped(self, *, lock_version: int) -> SectionPage:
        """What the person typed, to be saved over version ``lock_version`` if they choose."""
        answers, rows = self._typed()
        return SectionPage(
            section=self.section,
            project=self.project,
            user=self.user,
            initial={**answers, "lock_version": lock_version},
            rows=rows if self.rows is not None else None,
        )

    def remove_row(self, index: int) -> SectionPage:
        answers, rows = self._typed()
        rows = [row for position, row in enumerate(rows) if position != index]
        return SectionPage(
            section=self.section,
            project=self.project,
            user=self.user,
            initial=answers,
            rows=rows,
        )

    # errors and hints
    def error_summary(self) -> list[tuple[str, str]]:
        """(anchor, message) for the GOV.UK error summary, in the order of the page."""
        if not self.form.is_bound:
            return []
        errors = []
        for name in self.form.fields:
            for message in self.form[name].errors:
                errors.append((field_anchor(self.form[name]), message))
        if self.rows is not None:
            for message in self.rows.non_form_errors():
                errors.append((f"{self.rows.prefix}-rows", message))
            for form in self.rows.forms:
                for name in form.fields:
                    for message in form[name].errors:
                        errors.append((field_anchor(form[name]), message))
        return errors

    @property
    def advice_key(self) -> str:
        """A short fingerprint of the hints on this page: saving again with the same hints
        moves on rather than showing them once more."""
        text = repr([(anchor, hints) for anchor, _label, hints in self.advice])
        return hashlib.sha256(text.encode()).hexdigest()[:16] if self.advice else ""

    def _mark_prefilled(self) -> None:
        """Mark each answer that is still as another record (an ATRS record) gave it."""
        prefilled = self.project.prefilled_keys()
        for name, field in self.form.fields.items():
            if name in prefilled:
                field.help_text = format_html(
                    '<strong class="govuk-tag govuk-tag--blue app-prefilled">From {}</strong> {}',
                    prefilled[name],
                    field.help_text,
                )

    def _annotate_advice(self) -> None:
        """Put the plain-language hints for each typed or saved answer in its hint."""
        self.advice = []
        for name, field in self.form.fields.items():
            if not isinstance(field, AnswerField | SummaryField):
                continue
            value = self.form[name].value() or ""
            messages = advice(value)
            if not messages:
                continue
            self.advice.append((self.form[name].auto_id, field.label, messages))
            # Safe (bandit B308, B703 accepted): the hint was escaped when the field was built
            # (question_field) and format_html_join escapes each message.
            field.help_text = mark_safe(  # noqa: S308  # nosec B308, B703: # every part escaped
                f"{field.help_text}"
                + format_html_join(
                    "",
                    '<span class="govuk-!-display-block govuk-!-margin-top-2 '
                    'govuk-!-font-weight-bold app-answer-advice">{}</span>',
                    ((message,) for message in messages),
                )
            )
            # The bound field keeps the hint it was made with: give it the new one too.
            self.form[name].help_text = field.help_text
        if not self.form.is_bound:
            self.form.initial["advice_seen"] = self.advice_key


# --- starting a project and the declaration -------------------------------------------------

NEW_ORGANISATION = "new"
FROM_DIRECTORY = "directory"


class NewProjectForm(forms.Form):
    """A project's title and the organisation that leads it: one of the person's own, one
    from the directory, or a new one (unverified until Charter staff check it)."""

    title = PublicTextField(
        rule=TEXT_RULES["title"],
        label=QUESTIONS["title"].label,
        error_messages={"required": "Enter the project title or name"},
    )
    organisation = forms.ChoiceField(
        label="Which organisation is leading the project?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the organisation that leads the project"},
    )
    directory_organisation = forms.ModelChoiceField(
        label="Choose the organisation",
        queryset=Organisation.objects.all(),
        required=False,
        empty_label="Choose an organisation",
    )
    message = forms.CharField(
        label="Message to the organisation's admins (optional)",
        help_text="You will be asked to join the organisation first. Say who you are and what "
        "you do, so they know you. If nobody from the organisation uses the register yet, "
        "Charter staff read this instead and need to know why you can act for it.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        error_messages={"max_length": "Your message must be 2,000 characters or fewer"},
    )
    name = PublicTextField(
        rule=Organisation.public_text_rules["name"],
        label=_label(Organisation, "name"),
        required=False,
    )
    type = forms.ChoiceField(
        label=_label(Organisation, "type"),
        choices=ORGANISATION_TYPE_CHOICES,
        widget=forms.RadioSelect,
        required=False,
    )
    description = PublicTextField(
        rule=Organisation.public_text_rules["description"],
        label=_label(Organisation, "description"),
        required=False,
    )
    mission_statement = PublicTextField(
        rule=Organisation.public_text_rules["mission_statement"],
        label=_label(Organisation, "mission_statement"),
        help_text="Only for a commercial organisation.",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        mine = list(Organisation.objects.of_member(user))
        self.mine = {org.pk for org in mine}
        self.fields["organisation"].choices = [(str(org.pk), org.name) for org in mine] + [
            (FROM_DIRECTORY, "Another organisation in the directory"),
            (NEW_ORGANISATION, "An organisation that is not in the directory yet"),
        ]
        # Organisations first named in someone else's draft are not listed (see visible_to).
        self.fields["directory_organisation"].queryset = (
            Organisation.objects.visible_to(user).exclude(pk__in=self.mine).order_by("name")
        )
        self.helper = _helper()
        self.helper.layout = Layout(
            Field.text("title"),
            ConditionalRadios(
                "organisation",
                *[org.name for org in mine],
                ConditionalQuestion(
                    "Another organisation in the directory",
                    Field.select("directory_organisation"),
                    "message",
                ),
                ConditionalQuestion(
                    "An organisation that is not in the directory yet",
                    Field.text("name"),
                    Field.radios("type", small=True),
                    Field.text("description"),
                    "mission_statement",
                ),
            ),
        )

    def clean(self):
        cleaned = super().clean()
        choice = cleaned.get("organisation")
        cleaned["chosen"] = None
        cleaned["new_organisation"] = None
        if choice == FROM_DIRECTORY:
            if not cleaned.get("directory_organisation"):
                self.add_error("directory_organisation", "Choose the organisation from the list")
            cleaned["chosen"] = cleaned.get("directory_organisation")
        elif choice == NEW_ORGANISATION:
            name = (cleaned.get("name") or "").strip()
            existing = Organisation.objects.by_name(name).first() if name else None
            if "name" in self.errors:
                pass  # the text policy's message is shown
            elif not name:
                self.add_error("name", "Enter the organisation's name")
            elif existing is not None and look_alike_offer(name, existing):
                self.add_error("name", look_alike_offer(name, existing))
            elif existing is not None:
                # Already on the register: the person asks to join it (or it is theirs), so
                # what they said about a new organisation does not matter.
                for field in ("type", "description", "mission_statement"):
                    self.errors.pop(field, None)
                cleaned["chosen"] = existing
                return cleaned
            if not cleaned.get("type"):
                self.add_error("type", "Choose the type of organisation")
            if not (cleaned.get("description") or "").strip():
                self.add_error("description", DESCRIPTION_MESSAGE)
            mission = mission_statement_problem(
                type=cleaned.get("type") or "",
                mission_statement=cleaned.get("mission_statement") or "",
                name=name,
            )
            if mission:
                self.add_error("mission_statement", mission)
            cleaned["new_organisation"] = {
                "name": name,
                "type": cleaned.get("type"),
                "description": cleaned.get("description") or "",
                "mission_statement": cleaned.get("mission_statement") or "",
            }
        elif choice:
            cleaned["chosen"] = Organisation.objects.get(pk=int(choice))
        return cleaned

    def error_summary(self) -> list[tuple[str, str]]:
        return [
            (field_anchor(self[name]) if name != "organisation" else "id_organisation_0", message)
            for name in self.fields
            for message in self[name].errors
        ]


class DeclarationForm(forms.Form):
    declaration = forms.BooleanField(label=QUESTIONS["declaration"].label, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
