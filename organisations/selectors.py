"""Reads of organisations for Charter staff's screens and the form's directory. The public
organisation pages read through ``register.selectors``."""

from django.http import Http404

from .models import EmailDomain, JoinRequest, Organisation, SignatureRequest


def unverified_organisations():
    """Organisations Charter staff have not yet checked, the oldest first."""
    return Organisation.objects.unverified().order_by("created_at", "pk")


def all_organisations():
    return Organisation.objects.order_by("name")


def organisation(slug: str) -> Organisation:
    """Any organisation, by its slug. Raises Http404 when there is none."""
    found = Organisation.objects.filter(slug=slug).first()
    if found is None:
        raise Http404("No organisation with that id")
    return found


def members(organisation: Organisation):
    """The organisation's memberships with their people: admins first, then by address."""
    return organisation.memberships.select_related("user").order_by("role", "user__email")


def directory_names(user):
    """The names ``user`` may choose from the directory (``Organisation.objects.visible_to``:
    not those first named in someone else's draft), for the form's list."""
    return Organisation.objects.visible_to(user).order_by("name").values_list("name", flat=True)


def _one(queryset, pk, what: str):
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404(f"No {what} with that number")
    return found


def join_request(pk: int):
    """Any request to join, for Charter staff. Raises Http404 when there is none."""
    return _one(JoinRequest.objects.select_related("user", "organisation"), pk, "request")


def email_domain(pk: int):
    return _one(EmailDomain.objects.select_related("organisation"), pk, "email domain")


def signature_request(pk: int):
    return _one(
        SignatureRequest.objects.select_related("organisation", "requested_by"), pk, "signature"
    )
