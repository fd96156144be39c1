"""Input of the MDO series writes (`api_series.py`): the shape (types, choices); the content
is checked by the pages' forms and the services, with their Dutch messages."""

from rest_framework import serializers

from kansrijk.core.api_fields import NamedChoiceField

from .models import DEFAULT_ACCESS_DAYS, Recurrence


class SeriesWriteSerializer(serializers.Serializer):
    coalition = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="Id van de coalitie; alleen bij opzetten, en nodig als je in meer dan één "
        "coalitie coördinator bent.",
    )
    name = serializers.CharField(max_length=120, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    recurrence = NamedChoiceField(
        Recurrence.choices,
        enum_name="MdoRecurrenceEnum",
        required=False,
        default=Recurrence.MONTHLY,
    )
    default_place = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    default_video_link = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    access_days = serializers.IntegerField(
        required=False,
        default=DEFAULT_ACCESS_DAYS,
        help_text="Zo lang na het overleg kunnen deelnemers dossiers met naam inzien.",
    )
    is_active = serializers.BooleanField(
        required=False, default=True, help_text="Uit: het MDO is gearchiveerd."
    )
    served_coalitions = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        help_text="Ids van andere coalities in de regio waarvan dit MDO ook gezinnen bespreekt.",
    )


class MeetingPlanSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField(help_text="Datum en tijd van het overleg.")
    place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    video_link = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
