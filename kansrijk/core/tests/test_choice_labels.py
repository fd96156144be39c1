"""A model's `get_FOO_display()` gives the label of the value in the language of the moment,
and the value itself when it is not one of the choices (`KansrijkModel`)."""

from django.utils import translation

from kansrijk.families.models import Person
from kansrijk.families.models.persons import ContactPreference, PersonRole
from kansrijk.organisations.models import Membership


def test_the_label_follows_the_language_of_the_moment():
    person = Person(role=PersonRole.CHILD, preferred_contact=ContactPreference.PHONE)
    with translation.override("nl"):
        assert person.get_role_display() == "Kind"
        assert person.get_preferred_contact_display() == "Telefoon"
    with translation.override("en"):
        assert person.get_role_display() == "Child"
        assert person.get_preferred_contact_display() == "Phone"
    with translation.override("nl"):
        assert person.get_role_display() == "Kind"


def test_every_choice_has_its_own_label_and_an_unknown_value_shows_itself():
    with translation.override("nl"):
        for value, label in PersonRole.choices:
            assert Person(role=value).get_role_display() == str(label)
        assert Person(role="grootouder").get_role_display() == "grootouder"
        assert Person(preferred_contact="").get_preferred_contact_display() == ""


def test_labels_of_another_model_and_field_are_its_own():
    field = Membership._meta.get_field("discipline")
    with translation.override("nl"):
        for value, label in field.flatchoices:
            assert Membership(discipline=value).get_discipline_display() == str(label)
