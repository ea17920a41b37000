from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from .models import Principle


class PrincipleListView(ListView):
    model = Principle
    template_name = "principles/principle_list.html"
    context_object_name = "principles"


class PrincipleDetailView(DetailView):
    model = Principle
    template_name = "principles/principle_detail.html"
    context_object_name = "principle"

    def get_object(self, queryset=None):
        return get_object_or_404(Principle, number=self.kwargs["number"])

    def get_context_data(self, **kwargs):
        from projects.questions import QUESTIONS

        context = super().get_context_data(**kwargs)
        context["evidence_questions"] = [QUESTIONS[key] for key in self.object.evidence_keys]
        return context
