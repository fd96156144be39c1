"""Serializers of the klantroute's API (read only): the same grid as the page.

Counts are sent as text, so that a count under 10 can be "<10" and a count hidden so that a
small one cannot be derived "x" (as the monitoring API does).
"""

from rest_framework import serializers

from kansrijk.care.needs import Need
from kansrijk.landscape.klantroute import GAP_KINDS
from kansrijk.socialmap.vocabulary import AccessRoute, Evidence, Phase


class KlantrouteCodeLabelSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


class KlantrouteMunicipalitySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class KlantrouteOfferSerializer(serializers.Serializer):
    municipality = KlantrouteMunicipalitySerializer()
    available = serializers.BooleanField(help_text="Bereikbaar vanuit deze gemeente.")
    route = serializers.CharField(
        allow_blank=True,
        help_text=f"Toegang ({', '.join(AccessRoute.values)}); leeg als de sociale kaart niets "
        "over deze gemeente zegt.",
    )
    route_label = serializers.CharField(
        help_text='Toegang in woorden, of "via het centrale meldpunt ..." waar dat de toegang '
        "is voor al het aanbod van de gemeente."
    )
    waiting_weeks = serializers.IntegerField(allow_null=True, help_text="Wachttijd in weken.")
    conditions = serializers.CharField(allow_blank=True, help_text="Voorwaarden.")
    central_point = serializers.CharField(
        allow_blank=True, help_text="Het centrale meldpunt dat de toegang vervangt (of leeg)."
    )


class KlantrouteServiceSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    provider = serializers.CharField(help_text="Aanbieder.")
    evidence = serializers.ChoiceField(choices=Evidence.values, help_text="Bewijskracht.")
    evidence_label = serializers.CharField()
    evidence_rated = serializers.BooleanField(help_text="Een erkende interventie.")
    payers = serializers.ListField(child=serializers.CharField(), help_text="Wie betaalt.")
    own_costs = serializers.ListField(child=serializers.CharField(), help_text="Eigen kosten.")
    has_own_costs = serializers.BooleanField(help_text="Het gezin betaalt zelf mee.")
    offers = KlantrouteOfferSerializer(many=True, help_text="Toegang per gemeente.")


class KlantrouteGapSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=list(GAP_KINDS),
        help_text="no_service: geen aanbod; not_available: niet beschikbaar in de gemeente; "
        "only_barriers: alleen met wachtlijst of eigen kosten; no_evidence: geen erkende "
        "interventie.",
    )
    label = serializers.CharField()
    municipality = KlantrouteMunicipalitySerializer(
        allow_null=True, help_text="De gemeente; leeg bij geen aanbod (in alle gemeenten)."
    )


class KlantrouteUsageSerializer(serializers.Serializer):
    referred = serializers.CharField(
        help_text='Verwijzingen in de laatste 12 maanden naar het aanbod in de cel; "<10" of "x" '
        "als het aantal verborgen is."
    )
    completed = serializers.CharField(help_text='Daarvan afgerond; "<10" of "x" als verborgen.')
    suppressed = serializers.BooleanField()


class KlantrouteAgreementSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    what = serializers.CharField(help_text="Wat spreken we af.")
    who = serializers.CharField(help_text="Wie.")
    due_date = serializers.DateField(help_text="Wanneer klaar.")
    status = serializers.CharField()
    municipality = KlantrouteMunicipalitySerializer(allow_null=True)
    overdue = serializers.BooleanField(help_text="De datum is voorbij.")


class KlantrouteCellSerializer(serializers.Serializer):
    phase = serializers.ChoiceField(choices=Phase.values)
    need = serializers.ChoiceField(choices=Need.values)
    services = KlantrouteServiceSerializer(many=True)
    gaps = KlantrouteGapSerializer(many=True)
    usage = KlantrouteUsageSerializer()
    agreements = KlantrouteAgreementSerializer(many=True, help_text="Open verbeterafspraken.")


class KlantrouteSerializer(serializers.Serializer):
    coalition = KlantrouteMunicipalitySerializer(help_text="De coalitie (id en naam).")
    target_group = KlantrouteCodeLabelSerializer()
    municipality = KlantrouteMunicipalitySerializer(
        allow_null=True, help_text="Het filter, of leeg."
    )
    municipalities = KlantrouteMunicipalitySerializer(many=True, help_text="De getoonde gemeenten.")
    referrals_since = serializers.DateField(help_text="Verwijzingen vanaf deze dag tellen mee.")
    phases = KlantrouteCodeLabelSerializer(many=True, help_text="De kolommen, in volgorde.")
    needs = KlantrouteCodeLabelSerializer(many=True, help_text="De rijen, in volgorde.")
    cells = KlantrouteCellSerializer(many=True, help_text="Elke combinatie van behoefte en fase.")
