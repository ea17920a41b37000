from django.contrib import admin

from .models import Principle


@admin.register(Principle)
class PrincipleAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "residents_top_five"]
    readonly_fields = ["number", "name", "text", "residents_top_five"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
