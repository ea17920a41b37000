"""Staff pages need a second factor: moderators without an authenticator app are sent to set
one up (accounts/second_factor.py has the rule)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from .second_factor import has_authenticator_app, is_staff_path, needs_second_factor

SET_UP_FIRST = (
    "Set up an authenticator app before you use the moderation pages. "
    "Staff accounts need a code from the app as well as a password."
)


class StaffSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            is_staff_path(request.path_info)
            and needs_second_factor(request.user)
            and not has_authenticator_app(request.user)
        ):
            messages.warning(request, SET_UP_FIRST)
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
