"""Test data of the landscape app's agreements and landscape parts: agreements,
partnerships, central points, and the form data their pages take."""

from datetime import date, timedelta

from kansrijk.landscape.models import Agreement, CentralPoint, Partnership, PartnershipKind
from kansrijk.organisations.models import Coalition, Municipality
from kansrijk.testing.matrix import World


def make_agreement(coalition: Coalition, **fields) -> Agreement:
    values = {
        "target_group": "zwangeren_kwetsbaar",
        "phase": "gap",
        "need": "parenting",
        "what": "Extra huisbezoek van de JGZ tussen dag 8 en week 5.",
        "who": "JGZ Eerstedorp",
        "due_date": date.today() + timedelta(days=30),
        **fields,
    }
    return Agreement.objects.create(coalition=coalition, **values)


def make_partnership(
    region, *, kind=PartnershipKind.VSV, name: str = "VSV Testregio", municipalities=(), **fields
) -> Partnership:
    partnership = Partnership.objects.create(region=region, kind=kind, name=name, **fields)
    partnership.municipalities.set(municipalities)
    return partnership


def make_central_point(municipality: Municipality, **fields) -> CentralPoint:
    values = {"name": f"Meldpunt {municipality.name}", "phone": "0301 000 000", **fields}
    return CentralPoint.objects.create(municipality=municipality, **values)


def agreement_form_data(municipality=None, **overrides) -> dict:
    data = {
        "target_group": "zwangeren_kwetsbaar",
        "phase": "gap",
        "need": "parenting",
        "municipality": str(municipality.pk) if municipality else "",
        "what": "Kraamzorg en JGZ spreken een warme overdracht af.",
        "who": "JGZ Eerstedorp",
        "due_date": (date.today() + timedelta(days=30)).isoformat(),
        "status": "open",
        "version": "0",
    }
    data.update(overrides)
    return data


def partnership_form_data(municipalities=(), **overrides) -> dict:
    data = {
        "kind": "vsv",
        "name": "VSV Nieuw",
        "description": "",
        "website": "",
        "municipalities": [str(m.pk) for m in municipalities],
        "version": "0",
    }
    data.update(overrides)
    return data


def central_point_form_data(**overrides) -> dict:
    data = {
        "name": "Meldpunt Kansrijke Start",
        "phone": "0301 111 111",
        "email": "",
        "website": "",
        "for_all_services": "on",
        "version": "0",
    }
    data.update(overrides)
    return data


def region_municipalities(world_or_cast) -> list[Municipality]:
    cast = getattr(world_or_cast, "cast", world_or_cast)
    return list(
        Municipality.objects.filter(coalition__region=cast.coalition.region).order_by("name")
    )


# --- Matrix kwargs ---------------------------------------------------------------------------


def agreement_kwargs(world: World) -> dict:
    return {"pk": make_agreement(world.cast.coalition).pk}


def partnership_kwargs(world: World) -> dict:
    region = world.cast.coalition.region
    return {"pk": make_partnership(region, municipalities=region_municipalities(world)).pk}


def vsv_kwargs(world: World) -> dict:
    return partnership_kwargs(world)


def municipality_kwargs(world: World) -> dict:
    return {"municipality_pk": Municipality.objects.get(coalition=world.cast.coalition).pk}
