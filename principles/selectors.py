"""Reads of the Charter's 11 principles."""

from django.http import Http404

from .models import Principle


def all_principles():
    return Principle.objects.order_by("number")


def principle(number: int) -> Principle:
    """One principle by its number. Raises Http404 for a number that is not one of the 11."""
    found = Principle.objects.filter(number=number).first()
    if found is None:
        raise Http404("The Charter has 11 principles")
    return found
