"""django-allauth's forms with GOV.UK labels, hints and error messages (``ACCOUNT_FORMS``)."""

from allauth.account import forms as allauth_forms
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.recovery_codes import forms as recovery_forms
from allauth.mfa.totp import forms as totp_forms
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


class ReauthenticateForm(allauth_forms.ReauthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        govuk(
            self,
            {"password": {"label": "Password", "errors": {"required": "Enter your password"}}},
        )


# --- Second factor (allauth.mfa, ``MFA_FORMS``) ------------------------------------------------

APP_CODE = {
    "label": "Code from your authenticator app",
    "hint": "The 6 digit code the app shows now, or one of your recovery codes.",
    "errors": {"required": "Enter the code from your authenticator app"},
}


def code_box(form):
    """A short numeric box for a one-time code (GOV.UK width class, no placeholder)."""
    widget = form.fields["code"].widget
    widget.attrs.update(
        {"class": "govuk-input--width-10", "autocomplete": "one-time-code", "spellcheck": "false"}
    )


class AuthenticateForm(mfa_forms.AuthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        govuk(self, {"code": APP_CODE})
        code_box(self)


class MFAReauthenticateForm(mfa_forms.ReauthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        govuk(self, {"code": APP_CODE})
        code_box(self)


class ActivateTOTPForm(totp_forms.ActivateTOTPForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        govuk(
            self,
            {
                "code": {
                    "label": "Code from your authenticator app",
                    "hint": "After you add the account, the app shows a 6 digit code.",
                    "errors": {"required": "Enter the code from your authenticator app"},
                }
            },
        )
        code_box(self)


class DeactivateTOTPForm(totp_forms.DeactivateTOTPForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        govuk(self, {})


class GenerateRecoveryCodesForm(recovery_forms.GenerateRecoveryCodesForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        govuk(self, {})
