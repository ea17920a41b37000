"""What projects do when an organisation changes (``organisations.signals``): the organisations
domain sits below projects and does not know them.

Connected once, from ``ProjectsConfig.ready``.
"""

from django.dispatch import receiver

from organisations.signals import organisation_changed, organisations_merging

from .models import Project, ProjectOrganisation
from .questions import OrganisationRole

# When both organisations are on one project, the merged row keeps the stronger role.
ROLE_STRENGTH = {
    OrganisationRole.LEAD: 4,
    OrganisationRole.PARTNER: 3,
    OrganisationRole.SUPPLIER: 2,
    OrganisationRole.FUNDER: 1,
}


@receiver(organisations_merging, dispatch_uid="projects-move-roles-of-merged-organisation")
def move_roles(sender, *, duplicate, into, **kwargs) -> None:
    """Move ``duplicate``'s roles on project versions to ``into``. Where both are on one
    version, one row stays, with the stronger role and the earlier position."""
    for role in ProjectOrganisation.objects.select_for_update().filter(organisation=duplicate):
        existing = ProjectOrganisation.objects.filter(
            project_id=role.project_id, organisation=into
        ).first()
        if existing is None:
            role.organisation = into
            role.save(update_fields=["organisation"])
            continue
        stronger = max((existing.role, role.role), key=ROLE_STRENGTH.__getitem__)
        position = min(existing.position, role.position)
        role.delete()  # first, so that a lead role can move without two leads on the project
        if (existing.role, existing.position) != (stronger, position):
            existing.role, existing.position = stronger, position
            existing.save(update_fields=["role", "position"])


@receiver(organisation_changed, dispatch_uid="projects-refresh-search-of-organisation")
def refresh_published(sender, *, organisation, **kwargs) -> None:
    """Organisation names are part of the register's search index."""
    Project.objects.published().filter(
        project_organisations__organisation=organisation
    ).refresh_search_vector()
