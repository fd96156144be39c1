from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Membership, Professional
from .selectors import memberships_of


class MembershipSerializer(serializers.ModelSerializer):
    coalition = serializers.CharField(source="coalition.name")
    organisation = serializers.CharField(source="organisation.name")
    discipline_display = serializers.CharField(source="get_discipline_display")
    roles = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = Membership
        fields = [
            "id",
            "coalition",
            "coalition_id",
            "organisation",
            "organisation_id",
            "discipline",
            "discipline_display",
            "roles",
            "phone",
            "start_date",
            "end_date",
        ]


class MeSerializer(serializers.ModelSerializer):
    memberships = serializers.SerializerMethodField()

    class Meta:
        model = Professional
        fields = ["id", "username", "first_name", "last_name", "email", "memberships"]

    @extend_schema(responses=MembershipSerializer(many=True))
    def get_memberships(self, professional) -> list[dict]:
        return MembershipSerializer(memberships_of(professional), many=True).data


class MeView(APIView):
    """The authenticated professional with their current memberships."""

    @extend_schema(responses=MeSerializer, summary="Wie ben ik", tags=["account"])
    def get(self, request):
        return Response(MeSerializer(request.user).data)
