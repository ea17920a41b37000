"""Display for Charter staff's pages."""

from django import template
from django.utils import timezone
from django.utils.timesince import timesince

register = template.Library()


@register.filter
def waited(since, now=None):
    """How long since ``since``, in plain words with one unit: "3 days", "2 hours"."""
    if not since:
        return ""
    now = now or timezone.now()
    if (now - since).total_seconds() < 60:
        return "less than a minute"
    return timesince(since, now, depth=1)
