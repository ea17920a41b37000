"""Moderators handle residents' questions and concerns at /moderation/concerns/."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from concerns import selectors
from concerns.services import answer_concern
from projects.permissions import moderator_required

from ..forms import AnswerForm
from .tabs import render_tab


@moderator_required
def concern_list(request):
    return render_tab(
        request,
        "concern_moderation:list",
        "concerns/moderation/list.html",
        {
            "waiting": selectors.concerns_waiting(),
            "answered": selectors.concerns_answered(),
        },
    )


@moderator_required
@require_http_methods(["GET", "POST"])
def concern_detail(request, pk):
    concern = selectors.concern_for_moderation(pk)
    form = AnswerForm(
        request.POST or None,
        consent=concern.consent_to_publish,
        initial={"public_response": concern.public_response, "publish": concern.published},
    )
    if request.method == "POST" and form.is_valid():
        answer_concern(
            concern=concern,
            moderator=request.user,
            public_response=form.cleaned_data["public_response"],
            publish=form.cleaned_data.get("publish", False),
        )
        messages.success(request, "The answer is saved.")
        return redirect("concern_moderation:list")
    return render(request, "concerns/moderation/detail.html", {"concern": concern, "form": form})
