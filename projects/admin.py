from django.contrib import admin

from .models import ModerationEvent, Project, ProjectOrganisation, ResponsiblePerson


class ProjectOrganisationInline(admin.TabularInline):
    model = ProjectOrganisation
    extra = 0
    autocomplete_fields = ["organisation"]


class ResponsiblePersonInline(admin.StackedInline):
    model = ResponsiblePerson
    extra = 0


class ModerationEventInline(admin.TabularInline):
    model = ModerationEvent
    extra = 0
    can_delete = False
    readonly_fields = ["actor", "from_state", "to_state", "message", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "version", "publication_state", "status", "uses_ai"]
    list_filter = ["publication_state", "status", "uses_ai"]
    search_fields = ["title", "slug", "purpose"]
    readonly_fields = ["search_vector", "created_at", "updated_at"]
    inlines = [ProjectOrganisationInline, ResponsiblePersonInline, ModerationEventInline]


@admin.register(ModerationEvent)
class ModerationEventAdmin(admin.ModelAdmin):
    list_display = ["project", "from_state", "to_state", "actor", "created_at"]
    list_filter = ["to_state"]
    readonly_fields = ["project", "actor", "from_state", "to_state", "message", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
