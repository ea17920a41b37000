"""Forms for Charter staff: the moderation actions on projects and organisations, and the
answer to a resident's question or concern."""

from __future__ import annotations

import datetime

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout, Size, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from organisations.models import Organisation
from projects.models import Project
from public_text import policy
from public_text.forms import PublicTextField


class ActionForm(forms.Form):
    """A moderation action: the page wraps it in a <form> that posts to the action's URL."""

    button_text = ""
    button_style = "primary"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.MEDIUM
        self.helper.layout = Layout(
            *self.fields,
            getattr(Button, self.button_style)(
                # One id per action: a page shows several action forms, and ids must be unique.
                "action",
                self.button_text,
                css_id=f"{type(self).__name__.removesuffix('Form').lower()}-action",
            ),
        )


class PublishForm(ActionForm):
    button_text = "Publish"


class RequestChangesForm(ActionForm):
    button_text = "Request changes"
    button_style = "secondary"

    message = PublicTextField(
        rule=policy.long(5000, "What needs to change"),
        label="What needs to change?",
        help_text="The submitter sees this on their project page and by email. Use plain words.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Say what needs to change before the project can be published"},
    )


class WithdrawForm(ActionForm):
    button_text = "Withdraw from the register"
    button_style = "warning"

    reason = PublicTextField(
        rule=Project.public_text_rules["withdrawal_reason"],
        label="Why is the project being withdrawn?",
        help_text="This is shown to the public on the project's page.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the public reason for withdrawing the project"},
    )


class VerifyOrganisationForm(ActionForm):
    button_text = "Verify organisation"


class SignedOnField(DateInputField):
    def compress(self, data_list):
        try:
            return super().compress(data_list)
        except ValidationError as error:
            raise ValidationError("Date signed must be a real date") from error


class SignatureForm(ActionForm):
    button_text = "Record signature"

    signed_on = SignedOnField(
        label="When did the organisation sign the Charter?",
        help_text="For example, 27 3 2025",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signed_on"].error_messages.update(
            {
                "required": "Enter the date the organisation signed the Charter",
                "incomplete": "Enter the date the organisation signed the Charter",
            }
        )
        self.helper.legend_size = Size.MEDIUM

    def clean_signed_on(self):
        signed_on: datetime.date = self.cleaned_data["signed_on"]
        if signed_on > timezone.localdate():
            raise ValidationError("Date signed must be today or in the past")
        return signed_on


class MergeOrganisationForm(ActionForm):
    button_text = "Merge organisations"
    button_style = "warning"

    into = forms.ModelChoiceField(
        label="Which organisation is this a duplicate of?",
        help_text="Its projects and members move to the organisation you choose, and this "
        "organisation is deleted.",
        queryset=Organisation.objects.none(),
        empty_label="Choose an organisation",
        error_messages={
            "required": "Choose the organisation to merge this one into",
            "invalid_choice": "Choose the organisation to merge this one into",
        },
    )

    def __init__(self, *args, duplicate: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = Organisation.objects.exclude(pk=duplicate.pk).order_by(
            "name"
        )


class AnswerForm(forms.Form):
    """A moderator's answer to a resident's question or concern."""

    public_response = PublicTextField(
        rule=policy.long(4000, "Your answer"),
        label="Your answer",
        help_text="Write in plain words. If the sender agreed, residents may read it on the "
        "project page. The sender gets it by email if they left an address.",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Write the answer"},
    )
    publish = forms.BooleanField(
        label="Show the question and this answer on the project page",
        help_text="Only when the sender agreed. Their email address is never shown.",
        required=False,
    )

    def __init__(self, *args, consent: bool, **kwargs):
        super().__init__(*args, **kwargs)
        fields = [Field.textarea("public_response", label_size=Size.MEDIUM)]
        if consent:
            fields.append(Field.checkbox("publish"))
        else:
            del self.fields["publish"]
        self.helper = FormHelper()
        self.helper.layout = Layout(*fields, Submit("answer", "Save the answer"))
