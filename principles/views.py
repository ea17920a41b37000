from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView

from projects.caching import register_page
from projects.selectors import projects_evidencing

from .models import Principle


@method_decorator(register_page, name="dispatch")
class PrincipleListView(ListView):
    model = Principle
    template_name = "principles/principle_list.html"
    context_object_name = "principles"


@method_decorator(register_page, name="dispatch")
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
        context["page"] = projects_evidencing(self.object.number, self.request.GET)
        return context
