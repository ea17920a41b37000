"""What the public register does when the domain changes: its cached pages go stale.

Connected once, from ``RegisterConfig.ready``.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from concerns.models import Concern
from organisations.models import Organisation
from projects.models import ImpactAssessment, Project, ProjectOrganisation, ResponsiblePerson
from projects.signals import register_changed as domain_register_changed

from .caching import register_changed

# Concerns too: the project page shows how many were raised and the published answers.
WATCHED = (Project, ProjectOrganisation, ResponsiblePerson, ImpactAssessment, Organisation, Concern)
for model in WATCHED:
    for signal in (post_save, post_delete):
        signal.connect(
            register_changed, sender=model, dispatch_uid=f"register-{model.__name__}-{signal}"
        )


@receiver(domain_register_changed, dispatch_uid="register-domain-change")
def _domain_changed(sender, **kwargs) -> None:
    """A bulk write (search vectors, an import) changed what the register shows."""
    register_changed()
