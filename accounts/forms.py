"""django-allauth's forms with GOV.UK labels, hints and error messages (``ACCOUNT_FORMS``)."""

from allauth.account import forms as allauth_forms
from crispy_forms_gds.helper import FormHelper

# Advice shown under the new password box.
CHOOSING_ADVICE = "Use at least 12 characters. A few words strung together are easy to remember."


def govuk(form, fields: dict[str, dict]):
    """Set each field's label, hint and GOV.UK error messages; render without a form tag."""
    for name, settings in fields.items():
        if name not in form.fields:
            continue
        field = form.fields[name]
        field.label = settings["label"]
        field.help_text = settings.get("hint", "")
        field.error_messages.update(settings.get("errors", {}))
        field.widget.attrs.pop("placeholder", None)
    form.helper = FormHelper()
    form.helper.form_tag = False


EMAIL = {
    "label": "Email address",
    "errors": {
        "required": "Enter your email address",
        "invalid": "Enter an email address in the correct format, like name@example.org",
    },
}
NEW_PASSWORD = {
    "label": "Create a password",
    "hint": CHOOSING_ADVICE,
    "errors": {"required": "Enter a password"},
}
REPEAT_PASSWORD = {
    "label": "Confirm your password",
    "errors": {"required": "Enter your password again"},
}


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        govuk(
            self,
            {
                "login": EMAIL,
                "password": {"label": "Password", "errors": {"required": "Enter your password"}},
                "remember": {"label": "Keep me signed in on this device"},
            },
        )


class SignupForm(allauth_forms.SignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        govuk(
            self,
            {
                "email": {**EMAIL, "hint": "We will send you a link to confirm it."},
                "password1": NEW_PASSWORD,
                "password2": REPEAT_PASSWORD,
            },
        )


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        govuk(self, {"email": EMAIL})


class ResetPasswordKeyForm(allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        govuk(self, {"password1": NEW_PASSWORD, "password2": REPEAT_PASSWORD})
