"""The shipped instruments: the R4U-based questionnaire and the professional judgement.

Thresholds of r4u-kansrijk v1: none 0-3, potentially vulnerable 4-9, vulnerable 10-24,
urgent 25 and up; highest possible total 65.
"""

import pytest
from django.utils import translation

from kansrijk.signaling.instruments import (
    Driver,
    Threshold,
    get_instrument,
    score,
    t,
    validate_answers,
)
from kansrijk.signaling.levels import Level

R4U_DOMAINS = [
    "gezinssituatie",
    "werk_en_inkomen",
    "communicatie_en_opleiding",
    "leefstijl",
    "vorige_zwangerschappen",
    "huidige_zwangerschap",
    "mentaal_welzijn",
    "hechting_en_ouderschap",
]

NO_RISK = {
    "gs_onveilig_thuis": "no",
    "gs_woonsituatie": "stabiel",
    "gs_steun": "veel",
    "gs_partner_steun": "veel",
    "gs_sterke_kanten": "Haar moeder woont om de hoek en helpt graag.",
    "wi_rondkomen": "makkelijk",
    "wi_schulden": "no",
    "wi_zorgen_werk": "no",
    "wi_partner_zorgen_werk": "no",
    "co_taal": "goed",
    "co_lezen": "no",
    "co_startkwalificatie": "yes",
    "co_partner_taal": "goed",
    "lf_roken": "nee",
    "lf_alcohol_drugs": "no",
    "lf_voeding_beweging": "no",
    "lf_partner_roken": "no",
    "lf_partner_middelen": "no",
    "vz_complicaties": "eerste_zwangerschap",
    "vz_kort_geleden": "no",
    "vz_kinderbescherming": "no",
    "hz_gewenst": "gewenst",
    "hz_late_start": "no",
    "hz_medisch": "no",
    "hz_partner_houding": "gewenst",
    "mw_zelfbeschadiging": "no",
    "mw_stemming": 8,
    "mw_psychische_klachten": "no",
    "mw_partner_klachten": "no",
    "ho_ouderschap": "vertrouwen",
    "ho_eigen_jeugd": "no",
    "ho_band_met_baby": "yes",
    "ho_partner_ouderschap": "vertrouwen",
}

PARTNER_ITEMS = {
    "gs_partner_steun",
    "wi_partner_zorgen_werk",
    "co_partner_taal",
    "lf_partner_roken",
    "lf_partner_middelen",
    "hz_partner_houding",
    "mw_partner_klachten",
    "ho_partner_ouderschap",
}

TWENTY_FOUR = {
    "wi_rondkomen": "niet",
    "wi_schulden": "yes",
    "wi_zorgen_werk": "yes",
    "co_taal": "tolk_nodig",
    "co_lezen": "yes",
    "co_startkwalificatie": "no",
    "lf_roken": "ja",
    "lf_alcohol_drugs": "yes",
    "hz_gewenst": "ongewenst",
    "hz_late_start": "yes",
    "mw_psychische_klachten": "yes",
    "ho_eigen_jeugd": "yes",
}


@pytest.fixture
def r4u():
    return get_instrument("r4u-kansrijk", 1)


@pytest.fixture
def judgement():
    return get_instrument("professioneel-oordeel", 1)


def test_the_default_instrument_follows_the_eight_revised_r4u_domains(r4u):
    assert [domain.key for domain in r4u.domains] == R4U_DOMAINS
    assert all(3 <= len(domain.items) <= 5 for domain in r4u.domains)
    assert {item.key for item in r4u.items if item.respondent == "partner"} == PARTNER_ITEMS
    with_partner = [d for d in r4u.domains if any(i.respondent == "partner" for i in d.items)]
    assert len(with_partner) == 7
    assert not r4u.validated
    assert "niet die van de R4U" in r4u.source
    assert r4u.max_score == 65
    assert r4u.thresholds == (
        Threshold(Level.NONE, 0, 3),
        Threshold(Level.POTENTIALLY_VULNERABLE, 4, 9),
        Threshold(Level.VULNERABLE, 10, 24),
        Threshold(Level.URGENT, 25, None),
    )


def test_it_has_answers_that_are_urgent_on_their_own(r4u):
    urgent = [
        (item.key, option.key)
        for item in r4u.items
        for option in item.options
        if option.sets_level == Level.URGENT
    ]

    assert urgent == [("gs_onveilig_thuis", "yes"), ("mw_zelfbeschadiging", "yes")]


def test_no_risk_answers_give_no_vulnerability(r4u):
    result = score(r4u, NO_RISK)

    assert (result.total, result.level) == (0, Level.NONE)
    assert result.drivers == ()
    assert all(domain.level == Level.NONE for domain in result.domains)
    assert result.domain("gezinssituatie").answered == 5


@pytest.mark.parametrize(
    ("risks", "total", "level"),
    [
        pytest.param({}, 0, Level.NONE, id="nothing"),
        pytest.param(
            {"wi_rondkomen": "net", "lf_voeding_beweging": "yes", "vz_kort_geleden": "yes"},
            3,
            Level.NONE,
            id="3 is the top of none",
        ),
        pytest.param(
            {"lf_partner_middelen": "yes", "mw_partner_klachten": "yes"},
            4,
            Level.POTENTIALLY_VULNERABLE,
            id="4 from the partner's answers alone",
        ),
        pytest.param(
            {
                "wi_rondkomen": "moeilijk",
                "wi_schulden": "yes",
                "co_lezen": "yes",
                "lf_roken": "ja",
                "hz_medisch": "yes",
            },
            9,
            Level.POTENTIALLY_VULNERABLE,
            id="9 is the top of potentially vulnerable",
        ),
        pytest.param(
            {
                "wi_rondkomen": "moeilijk",
                "wi_schulden": "yes",
                "co_lezen": "yes",
                "lf_roken": "ja",
                "hz_medisch": "yes",
                "vz_kort_geleden": "yes",
            },
            10,
            Level.VULNERABLE,
            id="10 is vulnerable",
        ),
        pytest.param(TWENTY_FOUR, 24, Level.VULNERABLE, id="24 is the top of vulnerable"),
        pytest.param(
            {**TWENTY_FOUR, "ho_band_met_baby": "no"}, 25, Level.URGENT, id="25 is urgent"
        ),
        pytest.param(
            {"mw_stemming": "2", "mw_psychische_klachten": "yes"},
            5,
            Level.POTENTIALLY_VULNERABLE,
            id="a low mood score from the self-report counts",
        ),
    ],
)
def test_the_total_falls_in_one_threshold_range(r4u, risks, total, level):
    result = score(r4u, {**NO_RISK, **risks})

    assert (result.total, result.level) == (total, level)


@pytest.mark.parametrize(
    ("risk", "level"),
    [
        pytest.param("gs_onveilig_thuis", Level.URGENT, id="domestic violence"),
        pytest.param("mw_zelfbeschadiging", Level.URGENT, id="thoughts of self-harm"),
        pytest.param("vz_kinderbescherming", Level.VULNERABLE, id="earlier child protection"),
    ],
)
def test_a_single_answer_can_set_the_level_on_its_own(r4u, risk, level):
    result = score(r4u, {**NO_RISK, risk: "yes"})

    assert result.total == 3  # would be "none" by the thresholds alone
    assert result.level == level
    assert result.domain(r4u.item(risk).domain_key).level == level
    assert result.urgent_items == ((risk,) if level == Level.URGENT else ())


def test_domestic_violence_alone_is_urgent_even_with_nothing_else_answered(r4u):
    result = score(r4u, {"gs_onveilig_thuis": "yes"})

    assert result.level == Level.URGENT
    assert result.urgent_items == ("gs_onveilig_thuis",)
    assert result.domain("werk_en_inkomen").answered == 0


def test_drivers_name_the_answers_that_counted(r4u):
    answers = {
        **NO_RISK,
        "co_startkwalificatie": "no",
        "mw_stemming": 5,
        "wi_schulden": "yes",
        "gs_onveilig_thuis": "yes",
    }

    result = score(r4u, answers)

    assert result.drivers == (
        Driver("gs_onveilig_thuis", "gezinssituatie", "yes", 3, Level.URGENT),
        Driver("wi_schulden", "werk_en_inkomen", "yes", 2, None),
        Driver("mw_stemming", "mentaal_welzijn", 5, 2, None),
        Driver("co_startkwalificatie", "communicatie_en_opleiding", "no", 1, None),
    )


@pytest.mark.parametrize(
    ("answers", "level"),
    [
        pytest.param({"mw_stemming": 8}, Level.NONE, id="0 points"),
        pytest.param({"mw_stemming": 5}, Level.POTENTIALLY_VULNERABLE, id="2 points"),
        pytest.param(
            {"mw_stemming": 2, "mw_psychische_klachten": "yes"}, Level.VULNERABLE, id="5 points"
        ),
    ],
)
def test_mental_well_being_uses_its_own_domain_thresholds(r4u, answers, level):
    result = score(r4u, {**NO_RISK, **answers})

    assert result.domain("mentaal_welzijn").level == level


def test_a_domain_without_thresholds_is_potentially_vulnerable_from_one_point(r4u):
    result = score(r4u, {**NO_RISK, "wi_zorgen_werk": "yes"})

    assert result.domain("werk_en_inkomen").level == Level.POTENTIALLY_VULNERABLE
    assert result.domain("leefstijl").level == Level.NONE


def test_complete_answers_require_every_required_client_item(r4u):
    errors = validate_answers(r4u, {}, complete=True, partner_present=False)

    required = {item.key for item in r4u.items if item.required} - PARTNER_ITEMS
    assert set(errors) == required
    assert "gs_sterke_kanten" not in errors
    assert errors["gs_onveilig_thuis"] == "Kies een antwoord."
    assert errors["mw_stemming"] == "Vul een getal van 0 tot en met 10 in."


def test_partner_items_are_required_only_with_a_partner(r4u):
    client_only = {key: value for key, value in NO_RISK.items() if key not in PARTNER_ITEMS}

    assert validate_answers(r4u, client_only, complete=True, partner_present=False) == {}
    errors = validate_answers(r4u, client_only, complete=True, partner_present=True)
    assert set(errors) == PARTNER_ITEMS


def test_a_draft_may_leave_questions_open(r4u):
    draft = {"wi_schulden": "", "mw_stemming": None, "co_taal": "goed"}

    errors = validate_answers(r4u, draft, complete=False, partner_present=True)

    assert errors == {}


@pytest.mark.parametrize(
    ("answers", "errors"),
    [
        pytest.param(
            {"mw_stemming": "11"},
            {"mw_stemming": "Vul een getal van 0 tot en met 10 in."},
            id="scale too high",
        ),
        pytest.param(
            {"mw_stemming": "zes"},
            {"mw_stemming": "Vul een getal van 0 tot en met 10 in."},
            id="scale not a number",
        ),
        pytest.param(
            {"gs_woonsituatie": "kasteel"},
            {"gs_woonsituatie": "Dit antwoord bestaat niet."},
            id="unknown option",
        ),
        pytest.param(
            {"gs_onveilig_thuis": "misschien"},
            {"gs_onveilig_thuis": "Dit antwoord bestaat niet."},
            id="neither yes nor no",
        ),
        pytest.param(
            {"gs_sterke_kanten": 12},
            {"gs_sterke_kanten": "Vul hier tekst in."},
            id="text that is not text",
        ),
        pytest.param(
            {"schoenmaat": "38"},
            {"schoenmaat": "Deze vraag hoort niet bij deze vragenlijst."},
            id="unknown question",
        ),
    ],
)
def test_it_reports_bad_answers_in_dutch(r4u, answers, errors):
    assert validate_answers(r4u, answers, complete=False, partner_present=False) == errors


def test_scoring_refuses_answers_it_cannot_place(r4u):
    with pytest.raises(ValueError, match="schoenmaat"):
        score(r4u, {"schoenmaat": "38"})
    with pytest.raises(ValueError, match="mw_stemming"):
        score(r4u, {"mw_stemming": 11})


@pytest.mark.parametrize("level", list(Level))
def test_the_professional_judgement_gives_exactly_the_chosen_level(judgement, level):
    answers = {"niveau": level.value, "reden": "Wat ik zie in het gesprek."}

    result = score(judgement, answers)

    assert result.level == level
    assert result.total == 0
    assert result.drivers == (Driver("niveau", "oordeel", level.value, 0, level),)
    assert validate_answers(judgement, answers, complete=True, partner_present=False) == {}


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_the_professional_judgement_requires_a_reason(judgement, reason):
    answers = {"niveau": "vulnerable", "reden": reason}

    errors = validate_answers(judgement, answers, complete=True, partner_present=False)

    assert errors == {"reden": "Vul dit veld in."}


def test_the_judgement_is_a_judgement_and_not_validated(judgement):
    assert judgement.is_judgement
    assert not judgement.validated
    assert judgement.thresholds == (Threshold(Level.NONE, 0, None),)


def test_texts_follow_the_active_language(r4u):
    assert t(r4u.domain("werk_en_inkomen").title) == "Werk en inkomen"
    with translation.override("en"):
        assert t(r4u.domain("werk_en_inkomen").title) == "Work and income"
        assert t(r4u.item("gs_onveilig_thuis").options[0].label) == "Yes"
