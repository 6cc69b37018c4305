"""Django admin for superusers. Texts are corrected through the site's correction pages, which audit them."""

from django.contrib import admin

from lokalagenda.framework.models import Goal, Indicator, Target
from lokalagenda.persistence.admin import ReadOnlyAdmin


@admin.register(Goal)
class GoalAdmin(ReadOnlyAdmin):
    list_display = ["number", "short_nb", "short_en", "colour"]


@admin.register(Target, Indicator)
class FrameworkItemAdmin(ReadOnlyAdmin):
    list_display = ["code", "title_en", "nb_machine_translated", "title_nb_corrected"]
    list_filter = ["nb_machine_translated"]
    search_fields = ["code", "title_en", "title_nb_source", "title_nb_corrected"]
