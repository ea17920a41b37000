"""allauth in the register's words: accounts (``ACCOUNT_ADAPTER``) and the second factor
(``MFA_ADAPTER``)."""

import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter

from .second_factor import needs_second_factor

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """An account email (confirm your address, reset your password) that cannot be built or
        sent is logged once, with the traceback and the account's id, and the person sees the
        usual page: they can ask for it again. The address itself is not logged."""
        try:
            super().send_mail(template_prefix, email, context)
        except Exception:
            user = context.get("user")
            logger.exception(
                "Could not send the %s email for account %s",
                template_prefix.rsplit("/", 1)[-1],
                getattr(user, "pk", None) or "(no account)",
            )


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
