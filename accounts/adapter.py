"""allauth.mfa in the register's words (``MFA_ADAPTER``)."""

from allauth.mfa.adapter import DefaultMFAAdapter

from .second_factor import needs_second_factor


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": "The code is not right: enter the code your authenticator app shows now",
        "cannot_delete_authenticator": (
            "Staff accounts must keep their authenticator app switched on"
        ),
        "unverified_email": (
            "Confirm your email address by the link we sent you before you set up an "
            "authenticator app"
        ),
    }

    def can_delete_authenticator(self, authenticator) -> bool:
        """Staff who must use a second factor cannot switch it off."""
        return not needs_second_factor(authenticator.user)
