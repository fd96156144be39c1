"""Authorization matrix rows of the family portal (placeholder: being built)."""

from kansrijk.testing.matrix import Row, everyone

ROWS = {
    "portal:consent": Row(everyone(501, anonymous=501)),
    "portal:consent_change": Row(
        everyone(501, anonymous=501), kwargs=lambda world: {"purpose": "care_team"}
    ),
    "portal:access_report": Row(everyone(501, anonymous=501)),
    "portal:access_question": Row(everyone(501, anonymous=501), kwargs=lambda world: {"event": 1}),
    "portal:self_report": Row(everyone(501, anonymous=501)),
    "portal:questions": Row(everyone(501, anonymous=501)),
    "portal:question_answer": Row(everyone(501, anonymous=501), kwargs=lambda world: {"pk": 1}),
}
