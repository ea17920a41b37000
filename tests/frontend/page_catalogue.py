"""Every page type of the site, as a person would reach it, with forms shown both empty and with
errors. The HTML validity, acronym and accessibility (axe) tests all walk this one list.

``build_catalogue()`` makes the data the pages need (with the factories, whose text has no
acronyms, so the acronym check reads only our own copy) and returns the pages in a fixed order.
``fetch(client, page)`` gets one page's HTML with Django's test client, signed in as the page's
visitor. Sections of the submission form come from ``projects.questions``: a new section is
checked without touching this module.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.core import mail

from alerts import tokens as alert_tokens
from alerts.models import Subscriber, Subscription
from concerns import services as concern_services
from projects.models import ImpactAssessment, Project, ProjectOrganisation
from projects.questions import SECTIONS, Kind, Question
from projects.services import publish_project, start_project_with_answers
from tests.factories import (
    AccountFactory,
    MembershipFactory,
    ModeratorFactory,
    OrganisationFactory,
    ProjectFactory,
    PublishedProjectFactory,
    SubmittedProjectFactory,
    submitted_new_version,
)


@dataclass(frozen=True)
class Page:
    name: str  # what the page is, for failure messages
    url: str
    visitor: object = None  # a user to sign in as, or None for a resident without an account
    data: dict | None = None  # POSTed when given (a form sent back with errors)
    status: int = 200
    public: bool = True  # reachable without an account (the acronym rule covers these)
    notes: dict = field(default_factory=dict, compare=False)

    @property
    def with_errors(self) -> bool:
        """A form sent back with errors (``data`` POSTed), unless the page is what a form that
        worked shows (``notes={"succeeds": True}``)."""
        return self.data is not None and not self.notes.get("succeeds")


def invalid_answer(question: Question) -> dict:
    """Form data that the question refuses, by the kind of question (errors on every field)."""
    key = question.key
    too_many_words = " ".join(["word"] * 401)
    match question.kind:
        case Kind.LONG_TEXT:
            return {key: too_many_words}
        case Kind.SHORT_TEXT:
            if key == "title":
                return {key: ""}
            return {key: "x" * ((question.max_length or 200) + 1)}
        case Kind.CHOICE | Kind.MULTIPLE_CHOICE | Kind.YES_NO:
            return {key: "not-a-choice"}
        case Kind.MONTH:
            return {f"{key}_0": "13", f"{key}_1": "20"}
        case Kind.URL:
            return {key: "http://example.org/not-secure"}
        case Kind.ORGANISATION_TEXT:
            return {key: "x" * 501} if key == "organisation_description" else {key: too_many_words}
        case Kind.ORGANISATIONS:
            return {
                f"{key}-TOTAL_FORMS": "1",
                f"{key}-INITIAL_FORMS": "0",
                f"{key}-0-name": "A group not in the directory",
            }
        case Kind.IMPACT_ASSESSMENTS:
            return {
                "impact-TOTAL_FORMS": "2",
                "impact-INITIAL_FORMS": "0",
                "impact-0-url": "http://example.org/not-secure",
                "impact-1-name": "Equality impact assessment",
                "impact-1-completed_on_0": "31",
                "impact-1-completed_on_1": "2",
                "impact-1-completed_on_2": "2020",
            }
        case Kind.PEOPLE:
            return {
                "people-TOTAL_FORMS": "1",
                "people-INITIAL_FORMS": "0",
                "people-0-name": "Alex Example",
                "people-0-contact": "x" * 255,
            }
        case Kind.DECLARATION:
            return {}
    raise ValueError(f"No invalid answer for {question.kind}")


def section_with_errors(section, project) -> dict:
    data = {"lock_version": project.lock_version, "continue": "1"}
    for question in section.questions:
        data |= invalid_answer(question)
    return data


def password_reset_form_url(client, account) -> str:
    """Where the emailed link to reset a password leads (allauth moves the key to the session)."""
    client.post("/accounts/password/reset/", {"email": account.email})
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    response = client.get(link, follow=True)
    return response.redirect_chain[-1][0] if response.redirect_chain else link


def build_catalogue() -> list[Page]:
    """Make the data, then list the pages."""
    organisation = OrganisationFactory(
        name="Mersey Example Trust",
        companies_house_number="01234567",
        charity_number="1123456",
        ods_code="RBQ",
    )
    member = MembershipFactory(organisation=organisation).user
    moderator = ModeratorFactory()
    first = PublishedProjectFactory(title="Bus times", with_organisation=organisation)
    publish_project(
        project=submitted_new_version(first, title="Bus arrival times"), moderator=moderator
    )
    published = Project.objects.published().get(slug=first.slug)
    ImpactAssessment.objects.create(
        project=published,
        name="Data protection impact assessment",
        completed_on=datetime.date(2025, 3, 14),
        url="https://example.org/assessment",
        summary="The risk to residents is low.",
    )
    ImpactAssessment.objects.create(project=published, name="Equality impact assessment")
    ProjectOrganisation.objects.create(
        project=published,
        organisation=OrganisationFactory(name="Wirral Example Charity"),
        role="partner",
        contribution="Runs the sessions with residents.",
        position=1,
    )
    # Published before the register asked for a summary: its pages fall back to the purpose,
    # and "still accurate" asks for one.
    older = PublishedProjectFactory(
        title="Street lights", summary="", with_organisation=organisation
    )
    draft = ProjectFactory(title="Bin collection routes", with_organisation=organisation)
    submitted = SubmittedProjectFactory(title="Library loans")
    unverified = OrganisationFactory(name="Sefton Example Group", verified=False)
    concern = concern_services.raise_concern(
        project=published,
        kind="concern",
        message="Who checks the model is fair?",
        email="resident@example.net",
        consent_to_publish=True,
    )
    subscriber = Subscriber.objects.create(email="alerts@example.net")
    alert = Subscription.objects.create(
        subscriber=subscriber, kind="search", filters={"area": ["wirral"], "uses_ai": "yes"}
    )
    followed = Subscription.objects.create(subscriber=subscriber, kind="follow", slug=first.slug)
    manage = f"/alerts/manage/{alert_tokens.manage_token(subscriber)}/"
    from_atrs = start_project_with_answers(
        user=member,
        organisation=organisation,
        answers={
            "title": "Street lighting repairs",
            "purpose": "To plan street lighting repairs before lamps fail.",
            "status": "in_use",
            "topics": ["public_services"],
        },
        source="the ATRS record",
    )
    team = _team_objects(organisation, member, moderator)
    account = AccountFactory(email="reset@example.org", username="reset@example.org")
    reset = {"reset_password_of": account}  # the link's key lives in the session: see fetch()

    pages = [
        Page("home page", "/"),
        Page("register", "/register/"),
        Page("register with filters", "/register/?q=bus&area=liverpool&topic=health"),
        Page("register with no results", "/register/?q=zebra+crossings"),
        Page("project page", published.get_absolute_url()),
        Page("project page from before summaries", older.get_absolute_url()),
        Page("project history", f"/register/{published.slug}/history/"),
        Page("project version", f"/register/{published.slug}/versions/1/"),
        Page("organisations", "/organisations/"),
        Page("organisation page", f"/organisations/{organisation.slug}/"),
        Page("principles", "/principles/"),
        Page("principle page", "/principles/3/"),
        Page("concern form", f"/register/{published.slug}/ask/"),
        Page(
            "concern form with errors",
            f"/register/{published.slug}/ask/",
            data={"kind": "", "message": ""},
        ),
        Page("concern sent", f"/register/{published.slug}/ask/sent/"),
        Page("email alert sign-up", "/alerts/new/?area=wirral&uses_ai=yes"),
        Page("email alert sign-up for everything", "/alerts/new/"),
        Page(
            "email alert sign-up with errors",
            "/alerts/new/?area=wirral",
            data={"email": "not an address", "kinds": []},
        ),
        Page("follow a project", f"/alerts/follow/{published.slug}/"),
        Page(
            "follow a project with errors",
            f"/alerts/follow/{published.slug}/",
            data={"email": "", "frequency": "daily"},
        ),
        Page("email alert check your email", "/alerts/check-your-email/"),
        Page("email alert confirm", f"/alerts/confirm/{alert_tokens.confirm_token(alert)}/"),
        Page(
            "email alert confirmed",
            f"/alerts/confirm/{alert_tokens.confirm_token(followed)}/",
            data={},
            notes={"succeeds": True},
        ),
        Page("email alert link not valid", "/alerts/confirm/not-a-link/", status=404),
        Page("email alerts of an address", manage),
        Page("email alert change", f"{manage}{alert.pk}/"),
        Page("email alert change with errors", f"{manage}{alert.pk}/", data={"kinds": []}),
        Page("email alert stop", f"/alerts/unsubscribe/{alert_tokens.unsubscribe_token(alert)}/"),
        Page(
            "email alert stopped",
            f"/alerts/unsubscribe/{alert_tokens.unsubscribe_token(followed)}/",
            data={},
            notes={"succeeds": True},
        ),
        Page("email alerts link request", "/alerts/manage/"),
        Page("email alerts link request with errors", "/alerts/manage/", data={"email": "x"}),
        Page("open data", "/open-data/"),
        Page("the register in figures", "/register/figures/"),
        Page(
            "the register in figures with errors",
            "/register/figures/?from=2025-12-31&to=2025-01-01",
        ),
        Page("how the register maps to the UK standard", "/open-data/atrs/"),
        Page("accessibility statement", "/accessibility/"),
        Page("privacy notice", "/privacy/"),
        Page("cookies", "/cookies/"),
        Page("page not found", "/no-such-page/", status=404),
        Page("sign up", "/accounts/signup/"),
        Page("sign up with errors", "/accounts/signup/", data={"email": "not an address"}),
        Page("sign in", "/accounts/login/"),
        Page("sign in with errors", "/accounts/login/", data={"login": "", "password": ""}),
        Page("password reset", "/accounts/password/reset/"),
        Page("password reset with errors", "/accounts/password/reset/", data={"email": "no"}),
        Page("password reset sent", "/accounts/password/reset/done/"),
        Page("new password", "", notes=reset),
        Page(
            "new password with errors",
            "",
            data={"password1": "short", "password2": "other"},
            notes=reset,
        ),
        Page("new password link expired", "/accounts/password/reset/key/1-no-such-key/"),
        Page("confirm email link expired", "/accounts/confirm-email/no-such-key/"),
        Page("invitation", f"/teams/invitations/{team['token']}/"),
        Page("invitation not valid", "/teams/invitations/no-such-invitation/"),
    ]
    signed_in = [
        Page("your projects", "/projects/", member),
        Page("new project", "/projects/new/", member),
        Page("new project with errors", "/projects/new/", member, data={"title": ""}),
        Page("task list", f"/projects/{draft.pk}/", member),
        Page("start from an ATRS record", "/projects/new/from-atrs/", member),
        Page(
            "start from an ATRS record with errors",
            "/projects/new/from-atrs/",
            member,
            data={"organisation": ""},
        ),
        Page("started from an ATRS record", f"/projects/{from_atrs.pk}/from-atrs/", member),
        Page(
            "section 1 started from an ATRS record",
            f"/projects/{from_atrs.pk}/sections/about-your-project/",
            member,
        ),
    ]
    for section in SECTIONS:
        url = f"/projects/{draft.pk}/sections/{section.slug}/"
        signed_in.append(Page(f"section {section.number}", url, member))
        signed_in.append(
            Page(
                f"section {section.number} with errors",
                url,
                member,
                data=section_with_errors(section, draft),
                notes={"section": section.slug},
            )
        )
    signed_in += [
        Page("check answers", f"/projects/{draft.pk}/check/", member),
        Page(
            "check answers with errors",
            f"/projects/{draft.pk}/check/",
            member,
            data={"submit": "1"},
        ),
        Page("still accurate", f"/projects/{published.pk}/review/", member),
        Page("still accurate, asking for a summary", f"/projects/{older.pk}/review/", member),
        Page(
            "still accurate, asking for a summary, with errors",
            f"/projects/{older.pk}/review/",
            member,
            data={"summary": ""},
        ),
        Page(
            "still accurate with errors",
            f"/projects/{published.pk}/review/",
            member,
            data={
                "next_review_due_0": "31",
                "next_review_due_1": "2",
                "next_review_due_2": "2020",
            },
        ),
        *_team_pages(organisation, team),
        Page("moderation queue", "/moderation/", moderator),
        Page("moderation published", "/moderation/published/", moderator),
        Page("moderation review", f"/moderation/projects/{submitted.pk}/", moderator),
        Page(
            "moderation request changes with errors",
            f"/moderation/projects/{submitted.pk}/request-changes/",
            moderator,
            data={"message": ""},
        ),
        Page("moderation organisations", "/moderation/organisations/", moderator),
        Page(
            "moderation organisation",
            f"/moderation/organisations/{unverified.slug}/",
            moderator,
        ),
        Page("moderation teams", "/moderation/teams/", moderator),
        Page("moderation team request", f"/moderation/teams/requests/{team['claim']}/", moderator),
        Page(
            "moderation team request with errors",
            f"/moderation/teams/requests/{team['claim']}/",
            moderator,
            data={"decision": ""},
        ),
        Page(
            "moderation signature",
            f"/moderation/teams/signatures/{team['signature']}/",
            moderator,
        ),
        Page(
            "moderation signature with errors",
            f"/moderation/teams/signatures/{team['signature']}/",
            moderator,
            data={"decision": "decline", "reason": ""},
        ),
        Page("oversight", "/oversight/", moderator),
        Page("oversight with errors", "/oversight/?from=2025-12-31&to=2025-01-01", moderator),
        Page("moderation concerns", "/moderation/concerns/", moderator),
        Page("moderation concern", f"/moderation/concerns/{concern.pk}/", moderator),
        Page(
            "moderation concern with errors",
            f"/moderation/concerns/{concern.pk}/",
            moderator,
            data={"public_response": ""},
        ),
    ]
    return pages + [
        Page(p.name, p.url, p.visitor, p.data, p.status, False, p.notes) for p in signed_in
    ]


def _team_objects(organisation, member, moderator) -> dict:
    """The organisation's team: ``member`` is made its admin, with a colleague, a request to
    join, an invitation, a domain and a signature; and a claim to an organisation with no admin."""
    import datetime

    from organisations import teams
    from organisations.models import Role

    admin = organisation.memberships.get(user=member)
    admin.role = Role.ADMIN
    admin.save()
    colleague = MembershipFactory(organisation=organisation)
    asking = AccountFactory()
    join_request = teams.ask_to_join(user=asking, organisation=organisation, message="Hello")
    _invitation, token = teams.invite(
        organisation=organisation, email="colleague@example.org", role=Role.MEMBER, by=member
    )
    teams.add_domain(organisation=organisation, domain="mersey-example.org.uk", by=member)
    signature = teams.request_signature(
        organisation=organisation,
        by=member,
        signatory_name="Kate Example",
        job_title="Chief Executive",
        signed_on=datetime.date(2026, 3, 2),
    )
    unclaimed = OrganisationFactory(name="Knowsley Example Trust")
    claim = teams.ask_to_join(
        user=AccountFactory(), organisation=unclaimed, message="I run its data team."
    )
    return {
        "admin": member,
        "colleague": colleague.pk,
        "request": join_request.pk,
        "token": token,
        "signature": signature.pk,
        "claim": claim.pk,
    }


def _team_pages(organisation, team) -> list[Page]:
    admin, base = team["admin"], f"/teams/{organisation.slug}/"
    return [
        Page("team", base, admin),
        Page("team request", f"{base}requests/{team['request']}/", admin),
        Page(
            "team request with errors",
            f"{base}requests/{team['request']}/",
            admin,
            data={"decision": ""},
        ),
        Page("team invite", f"{base}invite/", admin),
        Page("team invite with errors", f"{base}invite/", admin, data={"email": "not an address"}),
        Page("team member", f"{base}members/{team['colleague']}/", admin),
        Page(
            "team member with errors",
            f"{base}members/{team['colleague']}/",
            admin,
            data={"role": "owner"},
        ),
        Page("team domains", f"{base}domains/", admin),
        Page("team domains with errors", f"{base}domains/", admin, data={"domain": "gmail.com"}),
        Page("team sign the Charter", f"{base}sign/", admin),
        Page("team sign the Charter with errors", f"{base}sign/", admin, data={"job_title": ""}),
        Page("team history", f"{base}history/", admin),
        Page("team leave", f"{base}leave/", admin),
        Page("team leave with errors", f"{base}leave/", admin, data={"leave": "1"}),
    ]


def fetch(client, page: Page):
    """The page's response, signed in as its visitor (or signed out)."""
    client.logout()
    url = page.url
    if "reset_password_of" in page.notes:
        url = password_reset_form_url(client, page.notes["reset_password_of"])
    if page.visitor is not None:
        client.force_login(page.visitor)
    response = client.get(url) if page.data is None else client.post(url, page.data)
    assert response.status_code == page.status, (
        f"{page.name}: {url} answered {response.status_code}, not {page.status}"
    )
    return response
