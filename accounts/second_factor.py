"""Who must use a second factor, and who has one.

Charter staff (moderators, superusers and anyone who can open the admin site) must set up an
authenticator app (allauth.mfa TOTP) before they can use the staff pages
(``CHARTER_MFA_REQUIRED_PATHS``). Once it is set up, every sign-in asks for its code, and the
admin site's own sign-in form is replaced by ours (charter_register/urls.py), so no sign-in
skips the code.
"""

from allauth.mfa.models import Authenticator
from django.conf import settings

from projects.permissions import is_moderator


def needs_second_factor(user) -> bool:
    """True for signed-in staff when ``CHARTER_REQUIRE_MODERATOR_MFA`` is on."""
    if not settings.CHARTER_REQUIRE_MODERATOR_MFA or not user.is_authenticated:
        return False
    return user.is_staff or is_moderator(user)


def has_authenticator_app(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def is_staff_path(path: str) -> bool:
    return any(path.startswith(prefix) for prefix in settings.CHARTER_MFA_REQUIRED_PATHS)
