"""The family's own Positive Health scores: a whole number from 0 to 10 on each of the six
dimensions, chosen with radio buttons (big enough to tap, usable with the arrow keys)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kansrijk.care.models import HealthDimension
from kansrijk.care.models.plan import SCORE_MAX, SCORE_MIN
from kansrijk.core.forms import Form

# One line in plain words per dimension (B1), under its name.
EXPLANATIONS = {
    HealthDimension.BODILY_FUNCTIONS: _(
        "Hoe gaat het met je lichaam? Denk aan slapen, eten en fit zijn."
    ),
    HealthDimension.MENTAL_WELLBEING: _("Hoe voel je je? Kun je omgaan met zorgen en stress?"),
    HealthDimension.MEANINGFULNESS: _("Heb je een doel in je leven? Waar word je blij van?"),
    HealthDimension.QUALITY_OF_LIFE: _("Geniet je van je leven? Voel je je veilig en goed?"),
    HealthDimension.PARTICIPATION: _(
        "Heb je contact met anderen? Doe je mee, bijvoorbeeld met werk of in de buurt?"
    ),
    HealthDimension.DAILY_FUNCTIONING: _(
        "Lukt het om elke dag voor jezelf, je kind en je huis te zorgen?"
    ),
}
CHOICES = [(value, str(value)) for value in range(SCORE_MIN, SCORE_MAX + 1)]


class OwnHealthScoreForm(Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for dimension in HealthDimension:
            message = _("Kies een cijfer van 0 tot en met 10 voor %(dimension)s.") % {
                "dimension": dimension.label
            }
            self.fields[dimension.value] = forms.TypedChoiceField(
                label=dimension.label,
                help_text=EXPLANATIONS[dimension],
                choices=CHOICES,
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "kr-portal-score__option"}),
                error_messages={"required": message, "invalid_choice": message},
            )

    def scores(self) -> dict[str, int]:
        return {name: self.cleaned_data[name] for name in HealthDimension.values}
