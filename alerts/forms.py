"""The alert forms: an email address, how often, and which events."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Field, Layout, Size, Submit
from django import forms

from .models import EVENT_FIELDS, EventKind, Frequency
from .services import AlertChoice

EMAIL_ERRORS = {
    "required": "Enter your email address",
    "invalid": "Enter an email address in the correct format, like name@example.com",
}


def _email_field(label="Email address") -> forms.EmailField:
    return forms.EmailField(
        label=label,
        help_text="We only use it to send these emails. We never show it on the website.",
        max_length=254,
        error_messages={
            **EMAIL_ERRORS,
            "max_length": "Enter an email address of 254 characters or fewer",
        },
    )


class ChoiceForm(forms.Form):
    """How often, and which kinds of event (at least one)."""

    frequency = forms.ChoiceField(
        label="How often do you want emails?",
        choices=Frequency.choices,
        initial=Frequency.IMMEDIATELY,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how often you want emails",
            "invalid_choice": "Choose how often you want emails",
        },
    )
    kinds = forms.MultipleChoiceField(
        label="What do you want to hear about?",
        help_text="Select all that apply.",
        choices=EventKind.choices,
        initial=list(EVENT_FIELDS),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one thing to hear about",
            "invalid_choice": "Choose what to hear about from the list",
        },
    )
    submit_label = "Save changes"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(*self.layout_fields(), Submit("save", self.submit_label))

    def layout_fields(self):
        legend = {"legend_size": Size.MEDIUM}
        return [Field.radios("frequency", **legend), Field.checkboxes("kinds", **legend)]

    @property
    def choice(self) -> AlertChoice:
        return AlertChoice(
            frequency=self.cleaned_data["frequency"], kinds=tuple(self.cleaned_data["kinds"])
        )

    @classmethod
    def for_subscription(cls, subscription, data=None):
        return cls(data, initial={"frequency": subscription.frequency, "kinds": subscription.kinds})


class SignUpForm(ChoiceForm):
    """Ask for an alert. No account: the emailed link confirms it."""

    email = _email_field()
    # A honeypot, hidden from people (and screen readers) by the hidden attribute.
    website = forms.CharField(label="Leave this empty", required=False)
    submit_label = "Get emails"

    field_order = ["email", "frequency", "kinds", "website"]

    def layout_fields(self):
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        return [
            Field.text("email", label_size=Size.MEDIUM),
            *super().layout_fields(),
            HTML("<div hidden>"),
            Field.text("website"),
            HTML("</div>"),
        ]

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class ManageLinkForm(forms.Form):
    """Ask for a new link to an address's alerts page."""

    email = _email_field("Your email address")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = "The address your alerts go to."
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("email", label_size=Size.MEDIUM), Submit("send", "Send me a link")
        )
