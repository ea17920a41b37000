from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from concerns.forms import ConcernForm
from concerns.services import raise_concern
from register.selectors import public_record

RATE = "5/h"


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=RATE, method="POST", block=False, group="concerns")
def ask(request, slug):
    project = public_record(slug)
    if not project.is_published:
        return render(request, "concerns/closed.html", {"project": project}, status=404)
    form = ConcernForm(request.POST or None)
    limited = getattr(request, "limited", False)
    if request.method == "POST" and limited:
        form.is_valid()
        form.add_error(
            None,
            "You have sent several messages in the last hour. Please wait an hour and try "
            "again, or email cdc.info@liverpool.ac.uk.",
        )
        return render(request, "concerns/ask.html", {"project": project, "form": form}, status=429)
    if request.method == "POST" and form.is_valid():
        if not form.is_spam():
            raise_concern(
                project=project,
                kind=form.cleaned_data["kind"],
                message=form.cleaned_data["message"],
                email=form.cleaned_data["email"],
                consent_to_publish=form.cleaned_data["consent_to_publish"],
            )
        return redirect(reverse("concerns:sent", kwargs={"slug": slug}))
    return render(request, "concerns/ask.html", {"project": project, "form": form})


def sent(request, slug):
    project = public_record(slug)
    return render(request, "concerns/sent.html", {"project": project})
