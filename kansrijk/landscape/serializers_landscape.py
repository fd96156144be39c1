"""Serializers of the landscape API (read only): the region's partnerships with their
municipalities and central points, and the comparison within one VSV."""

from rest_framework import serializers


class LandscapeMunicipalitySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    cbs_code = serializers.CharField()
    name = serializers.CharField()
    coalition = serializers.CharField(help_text="Naam van de coalitie van de gemeente.")


class LandscapeOrganisationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class LandscapePartnershipSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField(help_text="vsv, ksv, ros, jgz of other.")
    kind_label = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    website = serializers.CharField()
    version = serializers.IntegerField()
    municipalities = LandscapeMunicipalitySerializer(many=True)
    organisations = LandscapeOrganisationSerializer(many=True)


class LandscapeCentralPointSerializer(serializers.Serializer):
    municipality = LandscapeMunicipalitySerializer()
    name = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()
    website = serializers.CharField()
    for_all_services = serializers.BooleanField(
        help_text="Het meldpunt is de toegang voor al het aanbod van de gemeente."
    )


class LandscapeCoverageSerializer(serializers.Serializer):
    municipality = LandscapeMunicipalitySerializer()
    partnerships = serializers.DictField(
        child=serializers.ListField(child=serializers.IntegerField()),
        help_text="Per soort samenwerkingsverband de id's van de verbanden die de gemeente "
        "dekken; een lege lijst is een gat, meer dan één een overlap.",
    )


class LandscapeSerializer(serializers.Serializer):
    region = serializers.DictField()
    partnerships = LandscapePartnershipSerializer(many=True)
    municipalities = LandscapeCoverageSerializer(many=True)
    central_points = LandscapeCentralPointSerializer(many=True)


class VsvCompareCellSerializer(serializers.Serializer):
    municipality = serializers.IntegerField()
    on_map = serializers.BooleanField()
    available = serializers.BooleanField(allow_null=True)
    route = serializers.CharField()
    route_label = serializers.CharField()
    central_point = serializers.CharField()
    conditions = serializers.CharField()
    waiting_weeks = serializers.IntegerField(allow_null=True)
    financing = serializers.CharField()
    own_costs = serializers.CharField()
    differs = serializers.ListField(child=serializers.CharField())


class VsvCompareRowSerializer(serializers.Serializer):
    name = serializers.CharField()
    provider = serializers.CharField()
    phases = serializers.ListField(child=serializers.CharField())
    differs = serializers.ListField(child=serializers.CharField())
    cells = VsvCompareCellSerializer(many=True)


class VsvCompareGroupSerializer(serializers.Serializer):
    phase = serializers.CharField()
    label = serializers.CharField()
    rows = VsvCompareRowSerializer(many=True)


class VsvComparisonSerializer(serializers.Serializer):
    partnership = serializers.DictField()
    municipalities = LandscapeMunicipalitySerializer(many=True)
    groups = VsvCompareGroupSerializer(many=True)
