"""Forms of the team pages. Their rules are ``organisations.teams``'s; these only read input."""

from __future__ import annotations

from crispy_forms_gds.layout import Size
from django import forms

from organisations.forms import TeamForm, text_field
from organisations.models import Role
from projects.form_fields import RealDateField


class InviteForm(TeamForm):
    button_text = "Send the invitation"

    email = forms.EmailField(
        label="Email address",
        help_text="Their work address. Only this address can accept the invitation.",
        max_length=254,
        error_messages={
            "required": "Enter the email address of the person you want to invite",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )
    role = forms.ChoiceField(
        label="Role",
        choices=[
            (Role.MEMBER, "Member: can edit the organisation's projects"),
            (Role.ADMIN, "Admin: can also manage the team"),
        ],
        initial=Role.MEMBER,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the role"},
    )


class RoleForm(TeamForm):
    button_text = "Change the role"

    role = InviteForm.base_fields["role"]


class DomainForm(TeamForm):
    button_text = "Add the domain"

    domain = forms.CharField(
        label="Email domain",
        help_text="The part of your organisation's email addresses after the @, like "
        "sthelens.gov.uk. Charter staff check it before it is used.",
        max_length=253,
        error_messages={"required": "Enter the email domain"},
    )


class SignatureForm(TeamForm):
    button_text = "Send to Charter staff"

    signatory_name = text_field(
        "Full name of the person signing",
        max_length=200,
        hint="A senior person who can sign for the whole organisation, like its chief executive.",
        message="Enter the full name of the person signing",
    )
    job_title = text_field(
        "Their job title", max_length=200, message="Enter the job title of the person signing"
    )
    signed_on = RealDateField(
        label="Date signed",
        help_text="For example, 27 3 2026",
        require_all_fields=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signed_on"].error_messages.update(
            {
                "required": "Enter the date the Charter was signed",
                "incomplete": "Enter the date the Charter was signed",
            }
        )
        self.helper.legend_size = Size.MEDIUM
