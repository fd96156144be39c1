"""API fields shared by every app's serializers."""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_choice_description_list
from rest_framework import serializers


class NamedChoiceField(serializers.ChoiceField):
    """A choice field whose choice set is one named component in the OpenAPI schema.

    drf-spectacular names choice sets after the field, and warns when one field name has
    several choice sets (`status` of a family, an assessment and a handover) or one choice
    set several names (`level` and `sets_level`). Naming the set here avoids both. Blank
    renders as null (a draft has no level yet, a handover no warm contact).
    """

    def __init__(self, choices, *, enum_name: str, **kwargs):
        self.enum_name = enum_name
        super().__init__(choices, **kwargs)

    def to_representation(self, value):
        if value in ("", None):
            return None
        return super().to_representation(value)


class NamedChoiceFieldScheme(OpenApiSerializerFieldExtension):
    target_class = NamedChoiceField
    match_subclasses = True

    def get_name(self) -> str:
        return self.target.enum_name

    def map_serializer_field(self, auto_schema, direction):
        choices = {key: label for key, label in self.target.choices.items() if key != ""}
        kind = "integer" if all(isinstance(key, int) for key in choices) else "string"
        return {
            "type": kind,
            "enum": list(choices),
            "description": build_choice_description_list(choices.items()),
        }
