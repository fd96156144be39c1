"""Request and answer shapes of the HSDS import through the API (`api_hsds_transfer.py`).

They only describe and parse: the import itself is `hsds.importer.import_hsds`."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class HsdsImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text=_(
            "Het HSDS 3.0-bestand: een JSON-document (.json, zoals de export met "
            "`?format=json`) of het tabulaire datapackage als zip (.zip, zoals de export met "
            "`?format=zip`)."
        )
    )


class HsdsChangeSerializer(serializers.Serializer):
    table = serializers.CharField(help_text=_("De HSDS-tabel, bijvoorbeeld `service`."))
    id = serializers.UUIDField(help_text=_("Het HSDS-id van het record."))
    field = serializers.CharField(
        allow_blank=True, help_text=_("Het gewijzigde HSDS-veld; leeg bij een nieuw record.")
    )
    previous_value = serializers.CharField(allow_blank=True)
    new_value = serializers.CharField(allow_blank=True)


class HsdsImportResultSerializer(serializers.Serializer):
    dry_run = serializers.BooleanField(
        help_text=_("Waar bij een proefimport: dan is niets opgeslagen.")
    )
    coalition = serializers.IntegerField(help_text=_("Id van de coalitie van de kaart."))
    file = serializers.CharField(help_text=_("Naam van het geüploade bestand."))
    summary = serializers.CharField(help_text=_("De aantallen per tabel, in woorden."))
    created = serializers.DictField(
        child=serializers.IntegerField(), help_text=_("Aantal nieuwe records per tabel.")
    )
    updated = serializers.DictField(
        child=serializers.IntegerField(), help_text=_("Aantal bijgewerkte records per tabel.")
    )
    unchanged = serializers.DictField(
        child=serializers.IntegerField(), help_text=_("Aantal ongewijzigde records per tabel.")
    )
    changes = HsdsChangeSerializer(
        many=True,
        help_text=_(
            "Wat de import verandert (of bij een proefimport zou veranderen): per nieuw "
            "record één regel zonder veld, per gewijzigd veld de oude en nieuwe waarde."
        ),
    )
    changes_truncated = serializers.BooleanField(
        help_text=_("Waar als er meer wijzigingen zijn dan in `changes` staan.")
    )
