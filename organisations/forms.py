"""Forms that both the admins' team pages and Charter staff's screens use. They only read
input: the rules are ``organisations.teams``'s."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms

from public_text import policy
from public_text.forms import PublicTextField


class TeamForm(forms.Form):
    button_text = "Continue"
    button_style = "primary"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.label_size = Size.MEDIUM
        self.helper.layout = Layout(
            *[self._field(name) for name in self.fields],
            getattr(Button, self.button_style)("action", self.button_text),
        )

    def _field(self, name):
        widget = self.fields[name].widget
        if isinstance(widget, forms.RadioSelect):
            return Field.radios(name, legend_size=Size.MEDIUM)
        if isinstance(widget, forms.TextInput | forms.EmailInput):
            return Field.text(name)
        return name


def text_field(label, *, required=True, max_length=2000, hint="", message=None):
    """A text field under the register's text policy (``public_text``): one line up to 200
    characters, paragraphs above that; hidden characters refused with one message."""
    long = max_length > 200
    rule = (policy.long if long else policy.line)(max_length, label)
    return PublicTextField(
        rule=rule,
        state_limit=False,
        label=label,
        help_text=hint,
        required=required,
        widget=forms.Textarea(attrs={"rows": 3}) if long else forms.TextInput,
        error_messages={"required": message or f"Enter {label.lower()}"},
    )


class DecideRequestForm(TeamForm):
    button_text = "Save the decision"

    decision = forms.ChoiceField(
        label="Do you want to add this person to the team?",
        choices=[("approve", "Yes, add them as a member"), ("decline", "No, decline the request")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to add this person to the team"},
    )
    reason = text_field(
        "Reason (optional)",
        required=False,
        hint="If you decline, the person sees this on their projects page and by email.",
    )
