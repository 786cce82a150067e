"""The second sample: a consultant who brings a LinkedIn export and nothing else.

What a real participant brings is not the first sample's tidy map. Dana Whitfield
(made up) is a consultant whose goal names pharma and health tech. Her export has 612
people and only what LinkedIn gives: first and last name, organisation, job title and the
day they connected. About 60 of them work at pharma or health-tech organisations (real
company names as organisations, every person made up), most at organisations whose name
says nothing of the field. She has sorted about 50 people by closeness, two of them
Closest, and marked some as clients; nothing else is typed: no field, no last contact,
no notes, no offers.

Steps 2 and 3 must read well on this map without a field typed per person; the tests in
``tests/test_samples_consultant.py`` hold them to it. Fixed seed: the same table every time.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pandas as pd

from networking_kit.contacts import normalise_contacts
from networking_kit.goal_style import Style, TieStyle
from networking_kit.goals import Goal, GoalKind
from networking_kit.venues import Commitment, load_venue_catalogue
from networking_kit.vocab import Context, TieStrength

CONSULTANT_SEED = 20261130
CONSULTANT_PARTICIPANT = "Dana Whitfield (sample)"
CONSULTANT_SIZE = 612
CONSULTANT_TARGETS = ("pharma", "health tech")

_FIRST = (
    "Sabine", "Ahmed", "Lukas", "Mireille", "Tobias", "Annika", "Raphael", "Chiara",
    "Jannik", "Nadia", "Florian", "Leonie", "Matthias", "Svenja", "Olivier", "Camille",
    "Dario", "Franziska", "Henrik", "Ilse", "Kaspar", "Lorena", "Moritz", "Noemi",
    "Patrick", "Regula", "Simon", "Tanja", "Urs", "Valérie", "Wolfgang", "Yvonne",
    "Adrian", "Bettina", "Cédric", "Doris", "Emre", "Fatma", "Gianluca", "Hannah",
    "Ivo", "Julia", "Karim", "Laila", "Marco", "Nina", "Oliver", "Petra",
)
_LAST = (
    "Krüger", "Karimi", "Ammann", "Baumgartner", "Charpentier", "Dietrich", "Egli",
    "Fontaine", "Gerber", "Hofstetter", "Imhof", "Jäggi", "Keller", "Lüthi", "Marti",
    "Nussbaum", "Oberholzer", "Pfister", "Quadri", "Rochat", "Schenk", "Tanner", "Vogt",
    "Wyss", "Zbinden", "Aebischer", "Brunner", "Casagrande", "Dubois", "Eberle", "Frei",
    "Graf", "Hürlimann", "Iseli", "Jost", "Kälin", "Lehmann", "Meier-Otto", "Nef", "Pool",
)
# The field's organisations (real companies; every person at them made up) and how many
# of the 612 work there: 60 in all, most at names that do not say "pharma".
_FIELD_ORGANISATIONS = (
    ("Novartis", 16), ("Roche", 13), ("Sanofi", 9), ("Bayer", 8),
    ("Siemens Healthineers", 8), ("Helix Pharma GmbH", 3), ("Medisana Digital Health", 3),
)
_FIELD_TITLES = (
    "Head of Market Access", "Director Medical Affairs", "Brand Manager Oncology",
    "Clinical Operations Lead", "Regulatory Affairs Manager", "Product Owner Imaging",
    "Head of Digital Health", "Global Pricing Lead", "Key Account Manager", "Data Scientist",
)
# Everyone else: the consultant's world of consultancies, banks, insurers, software, public
# bodies, retail; fictional names.
_OTHER_ORGANISATIONS = (
    "Brightfield Partners", "Alder & Moss Consulting", "Kestrel Advisory", "Lakeside Bank",
    "Juraversicherung", "Tessin Software AG", "Rhine Logistics", "Kanton Basel-Stadt",
    "Stadtwerke Aarau", "Mosaic Retail", "Helvetic Insurance", "Orbit Telecom",
    "Quarry Lane Ventures", "Bernina Foods", "Summit Data Labs", "Fjord Energy",
    "University of Lakeview", "Cobalt Engineering", "Meridian Media", "Northgate Capital",
)
_OTHER_TITLES = (
    "Senior Consultant", "Partner", "Project Manager", "CFO", "Head of Strategy",
    "Business Analyst", "Sales Director", "Software Engineer", "HR Business Partner",
    "Operations Manager", "Procurement Lead", "Marketing Manager", "Founder & CEO",
    "Researcher", "Programme Director", "Finance Manager", "Associate", "Board Member",
)
# Who she has sorted: (closeness, how many, how many of them in the field, clients).
_SORTED = (
    (TieStrength.CLOSEST, 2, 1, 0), (TieStrength.CLOSE, 8, 3, 3),
    (TieStrength.REGULAR, 15, 5, 6), (TieStrength.KNOWN, 25, 6, 8),
)


def consultant_contacts(today: date | None = None, seed: int = CONSULTANT_SEED) -> pd.DataFrame:
    """The consultant's 612 people as the canonical table, connected-on dates before
    ``today`` (default: the real today). Columns filled: the name, company, position,
    connected_on, url; strength and context for the ~50 sorted; the rest blank."""
    today = today or date.today()
    rng = random.Random(seed)
    names = [f"{f} {last}" for f in _FIRST for last in _LAST]
    rng.shuffle(names)
    field_people = [(org, rng.choice(_FIELD_TITLES))
                    for org, count in _FIELD_ORGANISATIONS for _ in range(count)]
    other_people = [(rng.choice(_OTHER_ORGANISATIONS), rng.choice(_OTHER_TITLES))
                    for _ in range(CONSULTANT_SIZE - len(field_people))]
    rng.shuffle(field_people)
    rng.shuffle(other_people)
    rows: list[dict[str, object]] = []
    for strength, count, in_field, clients in _SORTED:
        for number in range(count):
            org, title = field_people.pop() if number < in_field else other_people.pop()
            context = Context.CLIENT if number < clients else rng.choice(
                (Context.FORMER_COLLEAGUE, Context.WORK_OUTSIDE, Context.ALUMNI))
            rows.append(_row(rng, names, org, title, today, strength, context))
    for org, title in field_people + other_people:
        rows.append(_row(rng, names, org, title, today, None, None))
    return normalise_contacts(pd.DataFrame(rows), source="sample")


def _row(rng: random.Random, names: list[str], org: str, title: str, today: date,
         strength: TieStrength | None, context: Context | None) -> dict[str, object]:
    first, last = names.pop().split(" ", 1)
    slug = f"{first}-{last}".casefold().replace(" ", "-")
    return {
        "first_name": first, "last_name": last, "company": org, "position": title,
        "connected_on": today - timedelta(days=rng.randint(20, 14 * 365)),
        "url": f"https://www.linkedin.com/in/{slug}-{rng.randint(1000, 9999)}",
        "strength": strength.value if strength else None,
        "context": context.value if context else None,
    }


def consultant_goal(today: date | None = None) -> Goal:
    """Her goal: better connected with decision makers in pharma and health tech."""
    today = today or date.today()
    catalogue = {venue.id: venue for venue in load_venue_catalogue()}
    goal = Goal(
        kind=GoalKind.BETTER_CONNECTED,
        who="decision makers in pharma and health tech",
        where="",
        how_many=8,
        by_when=today + timedelta(weeks=12),
        targets=list(CONSULTANT_TARGETS),
        venues=["industry_meetup", "former_colleagues"],
        review_date=today + timedelta(weeks=12),
        answers={"year_ahead": "connected", "stuck": "no_one", "change": "few_people"},
        style=Style(ties=TieStyle.CONNECTOR, hours_per_week=2.0),
    )
    goal.commitments = [Commitment.plan(catalogue[v], today + timedelta(days=7 + 3 * i),
                                        goal.kind) for i, v in enumerate(goal.venues)]
    return goal
