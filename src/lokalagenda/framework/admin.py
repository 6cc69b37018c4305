"""Django admin for superusers. Texts and targets' relevance are changed through the site's pages, which audit
them and keep their history."""

from django.contrib import admin

from lokalagenda.framework.models import (
    Goal,
    Indicator,
    ServiceArea,
    Target,
    TargetRelevance,
    TargetRelevanceChange,
)
from lokalagenda.persistence.admin import ReadOnlyAdmin


@admin.register(Goal)
class GoalAdmin(ReadOnlyAdmin):
    list_display = ["number", "short_nb", "short_en", "colour"]


@admin.register(Target, Indicator)
class FrameworkItemAdmin(ReadOnlyAdmin):
    list_display = ["code", "title_en", "nb_machine_translated", "title_nb_corrected"]
    list_filter = ["nb_machine_translated"]
    search_fields = ["code", "title_en", "title_nb_source", "title_nb_corrected"]


@admin.register(ServiceArea)
class ServiceAreaAdmin(ReadOnlyAdmin):
    list_display = ["key", "name_nb", "runs", "goals"]
    list_filter = ["runs"]


@admin.register(TargetRelevance)
class TargetRelevanceAdmin(ReadOnlyAdmin):
    list_display = ["target", "kommune", "fylkeskommune", "origin", "changed_at"]
    list_filter = ["kommune", "fylkeskommune", "origin"]
    search_fields = ["target__code", "rationale", "source"]


@admin.register(TargetRelevanceChange)
class TargetRelevanceChangeAdmin(ReadOnlyAdmin):
    list_display = ["at", "relevance", "origin", "user", "comment"]
    list_filter = ["origin"]
