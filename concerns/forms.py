from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Field, Layout, Size, Submit
from django import forms

from public_text.forms import PublicTextField

from .models import MESSAGE_MAX_LENGTH, Concern


class ConcernForm(forms.Form):
    """Ask a question or raise a concern about a project. No account needed."""

    kind = forms.ChoiceField(
        label="What is it about?",
        choices=Concern.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what your message is about"},
    )
    message = PublicTextField(
        rule=Concern.public_text_rules["message"],
        state_limit=False,  # the GOV.UK character count below says it
        label="Your message",
        help_text="Say what you want to know or what worries you. Do not include private "
        "details, like your health or your address.",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter your message"},
    )
    email = forms.EmailField(
        label="Your email address (optional)",
        help_text="Only if you want a reply. We never show it on the website.",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.com"},
    )
    consent_to_publish = forms.BooleanField(
        label="You can show my message and the answer on this page, without my email address",
        help_text="This helps the next person with the same question. You can change your "
        "mind later by writing to us.",
        required=False,
    )
    # A honeypot: hidden from people (and screen readers) by the HTML hidden attribute;
    # automated spam fills every field it finds.
    website = forms.CharField(label="Leave this empty", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.radios("kind", legend_size=Size.MEDIUM),
            Field.textarea("message", label_size=Size.MEDIUM, max_characters=MESSAGE_MAX_LENGTH),
            Field.text("email", label_size=Size.MEDIUM),
            Field.checkbox("consent_to_publish"),
            HTML("<div hidden>"),
            Field.text("website"),
            HTML("</div>"),
            Submit("send", "Send your message"),
        )

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))
