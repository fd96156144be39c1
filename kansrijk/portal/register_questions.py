"""Registration of the questions page (see apps.py): "Vragen van gezinnen" in the main menu
for coordinators of the active coalition."""

from django.utils.translation import gettext_lazy as _


def register() -> None:
    from kansrijk.core.navigation import register_area

    from .views_access import may_answer_questions

    register_area(
        label=_("Vragen van gezinnen"),
        url_name="portal:questions",
        order=86,
        visible=may_answer_questions,
    )
