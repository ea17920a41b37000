"""Who may do what at every address of the register: the declared permission table.

``tests/security/test_permission_matrix.py`` walks every URL pattern of the project and asks
each one as each role (``tests.security.world.ROLES``) with GET and with a POST without a body,
and checks the answer against this table. An address without a rule here fails that test: when
you add a URL, add its rule.

A rule gives, for each role and method, the outcomes allowed (a set of the names below). The
usual rules have names: ``public``, ``signed_in``, ``owner``, ``moderator`` and ``staff_only``
(the Django admin). The objects the URL's arguments point at are the owning organisation's
(see ``tests.security.world``): pk-based project URLs take its draft (moderation ones the
submitted version), slug-based register URLs its published record.

No answer may be a server error (500), whatever the role and method.
"""

from __future__ import annotations

import re

from .world import ADMIN, ANONYMOUS, MODERATOR, OTHER_MEMBER, OWNER, ROLES, STAFF

# --- outcomes: what a response was, as a status class ---------------------------------------
OK = "200"
BAD_REQUEST = "400"
LOGIN = "redirect-to-login"  # to /accounts/login/?next=...
ADMIN_LOGIN = "redirect-to-admin-login"  # the admin's own sign-in page
REDIRECT = "redirect"  # any other redirect (a form that worked, or "you are already here")
FORBIDDEN = "403"
NOT_FOUND = "404"
NOT_ALLOWED = "405"

# A POST without a body to a form: its errors shown (200 or 400), or a redirect.
FORM = frozenset({OK, BAD_REQUEST, REDIRECT})

GET, POST = "GET", "POST"
METHODS = (GET, POST)


def _as_set(value) -> frozenset:
    return frozenset({value}) if isinstance(value, str) else frozenset(value)


def rule(get, post) -> dict[tuple[str, str], frozenset]:
    """A rule: ``get`` and ``post`` are an outcome (or a set of them) for every role, or a dict
    from role to outcome, where ``"*"`` stands for the roles not named."""
    table = {}
    for method, spec in ((GET, get), (POST, post)):
        for role in ROLES:
            if isinstance(spec, dict):
                value = spec.get(role, spec.get("*"))
                if value is None:
                    raise ValueError(f"No {method} outcome for {role}")
            else:
                value = spec
            table[(role, method)] = _as_set(value)
    return table


def public(post=NOT_ALLOWED):
    """Anyone can read it, signed in or not."""
    return rule(get=OK, post=post)


def signed_in(get=OK, post=FORM):
    """Anyone signed in; an anonymous visitor is sent to sign in first."""
    return rule(get={ANONYMOUS: LOGIN, "*": get}, post={ANONYMOUS: LOGIN, "*": post})


def owner(get=OK, post=FORM, *, get_others=NOT_FOUND, post_others=NOT_FOUND):
    """Only members of the organisation that leads the project. Everyone else signed in (other
    organisations, Charter staff) gets 404: the project's existence is not revealed."""
    return rule(
        get={ANONYMOUS: LOGIN, OWNER: get, ADMIN: get, "*": get_others},
        post={ANONYMOUS: LOGIN, OWNER: post, ADMIN: post, "*": post_others},
    )


def moderator(get=OK, post=FORM):
    """Charter staff only (the "Moderators" group or a superuser); anyone else signed in gets
    403 and an anonymous visitor the sign-in page."""
    outsiders = {OTHER_MEMBER: FORBIDDEN, OWNER: FORBIDDEN, ADMIN: FORBIDDEN}
    return rule(
        get={ANONYMOUS: LOGIN, **outsiders, "*": get},
        post={ANONYMOUS: LOGIN, **outsiders, "*": post},
    )


def moderator_post_only(post=FORM):
    """A moderator's action: POST only (GET is 405 for a moderator)."""
    return moderator(get=NOT_ALLOWED, post=post)


def figures_only():
    """Read only, for Charter staff: like ``moderator`` for GET; POST is refused with 405
    before anyone is asked to sign in."""
    return rule(
        get={
            ANONYMOUS: LOGIN,
            OTHER_MEMBER: FORBIDDEN,
            OWNER: FORBIDDEN,
            ADMIN: FORBIDDEN,
            "*": OK,
        },
        post=NOT_ALLOWED,
    )


def team_read(*, owner=OK):
    """A team page to read (GET only; POST is 405 for anyone signed in): the owning
    organisation's members (``owner`` for one who is not an admin), its admins and Charter
    staff; another organisation's admin gets 404: the team is not revealed."""
    return rule(
        get={ANONYMOUS: LOGIN, OTHER_MEMBER: NOT_FOUND, OWNER: owner, "*": OK},
        post={ANONYMOUS: LOGIN, "*": NOT_ALLOWED},
    )


def team_admin(get=OK, post=FORM):
    """The owning organisation's admins and Charter staff (who can always step in); a member
    who is not an admin gets 403, anyone else signed in 404."""
    return rule(
        get={ANONYMOUS: LOGIN, OTHER_MEMBER: NOT_FOUND, OWNER: FORBIDDEN, "*": get},
        post={ANONYMOUS: LOGIN, OTHER_MEMBER: NOT_FOUND, OWNER: FORBIDDEN, "*": post},
    )


def team_admin_post_only(post=REDIRECT):
    """An admin's action (POST only): GET is 405 for everyone signed in."""
    return rule(
        get={ANONYMOUS: LOGIN, "*": NOT_ALLOWED},
        post={ANONYMOUS: LOGIN, OTHER_MEMBER: NOT_FOUND, OWNER: FORBIDDEN, "*": post},
    )


def staff_only(get=OK, post=FORM):
    """The Django admin: members of staff only; everyone else (moderators too, unless they are
    staff) is sent to the admin's own sign-in page."""
    return rule(get={STAFF: get, "*": ADMIN_LOGIN}, post={STAFF: post, "*": ADMIN_LOGIN})


def anonymous_only(post=FORM):
    """Sign in and sign up: someone already signed in is sent on (allauth)."""
    return rule(get={ANONYMOUS: OK, "*": REDIRECT}, post={ANONYMOUS: post, "*": REDIRECT})


# --- the table: route name (namespace:name) or, for unnamed routes, the route itself ---------
RULES: dict[str, dict] = {
    # Public pages: the register, its history, principles, organisations, information pages.
    "home:home": public(post=OK),
    "healthz": public(),
    "register:list": public(post=OK),
    "register:project": public(post=OK),
    "history:list": public(post=OK),
    # Version 1 of the published record is the current one: redirected to the project page.
    "history:version": rule(get=REDIRECT, post=REDIRECT),
    "principles:list": public(post=NOT_ALLOWED),
    "principles:detail": public(post=NOT_ALLOWED),
    "organisations:list": public(post=OK),
    "organisations:detail": public(post=OK),
    "pages:accessibility": public(),
    "pages:privacy": public(),
    "pages:cookies": public(),
    # Open data: downloads, one record, the schema, the feed and its page.
    "open_data:register_json": public(post=OK),
    "open_data:register_csv": public(post=OK),
    "open_data:register_xlsx": public(post=OK),
    "open_data:register_history": public(post=OK),
    "open_data:project_versions": public(post=OK),
    "open_data:schema": public(post=OK),
    "open_data:schema_v1": public(post=OK),
    "open_data:project_json": public(post=OK),
    "open_data:feed": public(post=OK),
    "open_data:open_data": public(post=OK),
    # The UK standard (ATRS): how the register maps to it, and each record as an ATRS record.
    "atrs:crosswalk": public(),
    "atrs:record_xlsx": public(),
    "atrs:record_json": public(),
    # Residents' questions: no account needed.
    "concerns:ask": public(post=FORM),
    "concerns:sent": public(post=OK),
    # Email alerts: no account. The pages behind signed links answer 404 for a link the
    # register did not make (the tests in tests/alerts/ use real ones).
    "alerts:new": public(post=FORM),
    "alerts:follow": public(post=FORM),
    "alerts:sent": public(),
    "alerts:request_link": public(post=FORM),
    "alerts:confirm": rule(get=NOT_FOUND, post=NOT_FOUND),
    "alerts:unsubscribe": rule(get=NOT_FOUND, post=NOT_FOUND),
    "alerts:manage": rule(get=NOT_FOUND, post=NOT_FOUND),
    "alerts:change": rule(get=NOT_FOUND, post=NOT_FOUND),
    # The read API: anonymous and read only; writes are refused by its permission class.
    "api:project-list": public(),
    "api:project-detail": public(),
    "api:schema": public(),
    "api:docs": public(),
    # The submission journey: the lead organisation's members only.
    "submission:list": signed_in(post=OK),
    "submission:new": signed_in(post=FORM),
    # Starting a project from an ATRS record (an upload), and what it filled in.
    "atrs:import": signed_in(post=FORM),
    "atrs:imported": owner(post=NOT_ALLOWED, post_others=NOT_ALLOWED),
    "submission:project": owner(post=OK),
    "submission:section": owner(post=FORM),
    "submission:check": owner(post=FORM),
    "submission:new_version": owner(
        get=NOT_ALLOWED, post=REDIRECT, get_others=NOT_ALLOWED, post_others=NOT_FOUND
    ),
    # An empty POST confirms nothing: the form is shown again.
    "reviews:confirm": owner(post=OK),
    # Team pages (tests/teams): members read the team; admins and Charter staff manage it.
    # GET on the team page only; an empty POST elsewhere shows the form's errors again.
    "teams:team": team_read(),
    "teams:request": team_admin(post=OK),
    "teams:invite": team_admin(post=OK),
    "teams:resend_invitation": team_admin_post_only(),
    "teams:cancel_invitation": team_admin_post_only(),
    "teams:member": team_admin(post=OK),
    "teams:domains": team_admin(post=OK),
    "teams:remove_domain": team_admin_post_only(),
    "teams:sign": team_admin(post=OK),
    "teams:history": team_read(owner=FORBIDDEN),
    # Leaving: members only (Charter staff are not in the team). The only admin of a team with
    # other members is asked to make someone else an admin first (the page again).
    "teams:leave": rule(
        get={ANONYMOUS: LOGIN, OWNER: OK, ADMIN: OK, "*": NOT_FOUND},
        post={ANONYMOUS: LOGIN, OWNER: REDIRECT, ADMIN: OK, "*": NOT_FOUND},
    ),
    # The invitation link: anyone can open it; only the invited address can accept (here
    # nobody in the world has it, so the page says so).
    "teams:invitation": rule(get=OK, post={ANONYMOUS: LOGIN, "*": OK}),
    # Charter staff.
    "moderation:queue": moderator(post=OK),
    "moderation:changes_requested": moderator(post=OK),
    "moderation:published": moderator(post=OK),
    "moderation:withdrawn": moderator(post=OK),
    "moderation:review": moderator(post=OK),
    "moderation:publish": moderator_post_only(post=REDIRECT),
    "moderation:request_changes": moderator_post_only(post=OK),
    "moderation:withdraw": moderator_post_only(post=OK),
    "moderation:organisations": moderator(post=OK),
    "moderation:all_organisations": moderator(post=OK),
    "moderation:organisation": moderator(post=OK),
    "moderation:verify_organisation": moderator_post_only(post=REDIRECT),
    "moderation:record_signature": moderator_post_only(post=OK),
    "moderation:merge_organisation": moderator_post_only(post=OK),
    # Charter staff's team screens: claims, email domains, signatures (tests/moderation).
    "moderation:teams": moderator(post=OK),
    "moderation:team_request": moderator(post=OK),
    "moderation:confirm_domain": moderator_post_only(post=REDIRECT),
    "moderation:team_signature": moderator(post=OK),
    "concern_moderation:list": moderator(post=OK),
    "concern_moderation:detail": moderator(post=OK),
    # Accounts (django-allauth).
    "account_login": anonymous_only(),
    "account_signup": anonymous_only(),
    "account_logout": rule(get={ANONYMOUS: REDIRECT, "*": OK}, post=REDIRECT),
    "account_inactive": public(),
    "account_reauthenticate": signed_in(post=OK),
    # Reauthenticating by an emailed code (allauth 65.22) is not switched on: people confirm
    # their password (ACCOUNT_REAUTHENTICATION_METHODS), so the code pages refuse everyone.
    "account_request_reauthentication_code": signed_in(get=FORBIDDEN, post=FORBIDDEN),
    "account_confirm_reauthentication_code": signed_in(get=FORBIDDEN, post=FORBIDDEN),
    "account_email": signed_in(post=REDIRECT),
    "account_email_verification_sent": public(),
    "account_change_password": signed_in(post=OK),
    "account_set_password": signed_in(get=REDIRECT, post=REDIRECT),
    "account_reset_password": public(post=OK),
    "account_reset_password_done": public(),
    # A link with a wrong key: a page saying the link is not valid.
    "account_reset_password_from_key": public(post=OK),
    "account_reset_password_from_key_done": public(),
    "account_confirm_email": public(post=NOT_FOUND),
    # Sign-in codes are not used: nothing to confirm.
    "account_confirm_login_code": rule(
        get={ANONYMOUS: LOGIN, "*": REDIRECT}, post={ANONYMOUS: LOGIN, "*": REDIRECT}
    ),
    # The second factor (allauth.mfa): anyone signed in may set up an authenticator app; staff
    # must. Changing it asks for the password again first (a redirect); pages for an
    # authenticator or recovery codes someone does not have are 404.
    "mfa_index": signed_in(post=NOT_ALLOWED),
    # Nobody in the middle of signing in: there is no code to ask for, so on to their projects.
    "mfa_authenticate": rule(
        get={ANONYMOUS: LOGIN, "*": REDIRECT}, post={ANONYMOUS: LOGIN, "*": REDIRECT}
    ),
    # With an authenticator (staff here) the code is asked for; without, the password.
    "mfa_reauthenticate": rule(
        get={ANONYMOUS: LOGIN, MODERATOR: OK, STAFF: OK, "*": REDIRECT},
        post={ANONYMOUS: LOGIN, MODERATOR: OK, STAFF: OK, "*": REDIRECT},
    ),
    "mfa_activate_totp": signed_in(get=REDIRECT, post=REDIRECT),
    "mfa_deactivate_totp": rule(
        get={ANONYMOUS: LOGIN, MODERATOR: REDIRECT, STAFF: REDIRECT, "*": NOT_FOUND},
        post={ANONYMOUS: LOGIN, MODERATOR: REDIRECT, STAFF: REDIRECT, "*": NOT_FOUND},
    ),
    "mfa_view_recovery_codes": signed_in(get=NOT_FOUND, post=NOT_ALLOWED),
    "mfa_generate_recovery_codes": signed_in(get=REDIRECT, post=REDIRECT),
    "mfa_download_recovery_codes": signed_in(get=NOT_FOUND, post=NOT_FOUND),
    # Oversight figures: moderators and the independent reviewers (their own tests:
    # tests/oversight/test_oversight_permissions.py); read only.
    "oversight:page": figures_only(),
    # The public picture of the register: anyone, read only.
    "figures:register": public(),
    "oversight:csv": figures_only(),
    # The Django admin. Its sign-in page sends everyone to the register's own (lockout and the
    # second factor apply there); someone signed in without staff access is refused.
    "admin:index": staff_only(post=OK),
    "admin:login": rule(
        get={ANONYMOUS: LOGIN, STAFF: REDIRECT, "*": FORBIDDEN},
        post={ANONYMOUS: LOGIN, STAFF: OK, "*": FORBIDDEN},
    ),
    "admin:logout": rule(get={STAFF: NOT_ALLOWED, "*": REDIRECT}, post={STAFF: OK, "*": REDIRECT}),
    "admin:password_change": staff_only(post=OK),
    "admin:password_change_done": staff_only(post=NOT_ALLOWED),
    "admin:autocomplete": staff_only(get=FORBIDDEN, post=NOT_ALLOWED),
    "admin:jsi18n": staff_only(post=NOT_ALLOWED),
    "admin:view_on_site": staff_only(get=REDIRECT, post=REDIRECT),
    "admin:app_list": staff_only(post=OK),
    "admin:auth_user_password_change": staff_only(post=OK),
    "admin/(?P<url>.*)$": staff_only(get=NOT_FOUND, post=NOT_FOUND),
    # The Charter's principles and the moderation history are read only in the admin.
    "admin:principles_principle_add": staff_only(get=FORBIDDEN, post=FORBIDDEN),
    "admin:principles_principle_delete": staff_only(get=FORBIDDEN, post=FORBIDDEN),
    "admin:principles_principle_change": staff_only(post=REDIRECT),
    "admin:projects_moderationevent_add": staff_only(get=FORBIDDEN, post=FORBIDDEN),
    "admin:projects_moderationevent_delete": staff_only(get=FORBIDDEN, post=FORBIDDEN),
    "admin:projects_moderationevent_change": staff_only(post=REDIRECT),
    # Sign-in attempts (django-axes) are read only in the admin.
    "admin:axes_accessattempt_add": staff_only(get=FORBIDDEN, post=FORBIDDEN),
    "admin:axes_accessattempt_change": staff_only(post=REDIRECT),
    "admin:axes_accesslog_change": staff_only(post=REDIRECT),
    "admin:axes_accessfailurelog_change": staff_only(post=REDIRECT),
    "admin:axes_accesslog_add": staff_only(get=FORBIDDEN, post=FORBIDDEN),
    "admin:axes_accessfailurelog_add": staff_only(get=FORBIDDEN, post=FORBIDDEN),
}

# Every model registered in the admin has the same five pages and a redirect: staff only.
PATTERN_RULES: list[tuple[re.Pattern, dict]] = [
    (
        re.compile(r"^admin:\w+_(changelist|add|change|delete|history)$"),
        staff_only(post=OK),
    ),
    (re.compile(r"^admin/\w+/\w+/<path:object_id>/$"), staff_only(get=REDIRECT, post=REDIRECT)),
]


def rule_for(key: str) -> dict | None:
    """The rule for a route (its ``namespace:name``, or the route for an unnamed one)."""
    if key in RULES:
        return RULES[key]
    for pattern, found in PATTERN_RULES:
        if pattern.match(key):
            return found
    return None
