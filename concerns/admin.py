from django.contrib import admin

from .models import Concern


@admin.register(Concern)
class ConcernAdmin(admin.ModelAdmin):
    list_display = ["slug", "kind", "created_at", "answered_at", "published"]
    list_filter = ["kind", "published"]
    search_fields = ["slug", "message"]
    readonly_fields = ["project", "slug", "created_at"]
