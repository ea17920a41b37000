"""Reads of organisations for Charter staff's screens and the form's directory. The public
organisation pages read through ``register.selectors``."""

from django.http import Http404

from .models import Organisation


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
    """The organisation's memberships with their people, by email address."""
    return organisation.memberships.select_related("user").order_by("user__email")


def directory_names():
    """Every organisation's name, for the form's "choose from the directory" list."""
    return Organisation.objects.order_by("name").values_list("name", flat=True)
