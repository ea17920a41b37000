from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView

from principles.selectors import all_principles, principle
from projects.questions import PRINCIPLE_EVIDENCE, QUESTIONS

from ..caching import register_page
from ..selectors import projects_evidencing


@method_decorator(register_page, name="dispatch")
class PrincipleListView(ListView):
    template_name = "principles/principle_list.html"
    context_object_name = "principles"

    def get_queryset(self):
        return all_principles()


@method_decorator(register_page, name="dispatch")
class PrincipleDetailView(DetailView):
    template_name = "principles/principle_detail.html"
    context_object_name = "principle"

    def get_object(self, queryset=None):
        return principle(self.kwargs["number"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["evidence_questions"] = [
            QUESTIONS[key] for key in PRINCIPLE_EVIDENCE[self.object.number]
        ]
        context["page"] = projects_evidencing(self.object.number, self.request.GET)
        return context
