"""The workshop's defaults, in one documented place.

Every tunable number the method rests on lives here once, with what it means and where it
comes from; modules import it rather than repeat it (like Voila's ``configuration.py``).
Units are in the names or the comments: days, weeks, people, rows.
"""

from __future__ import annotations

from networking_kit.vocab import TieStrength

# ------------------------------------------------------------------- the map (step 2)

# Dunbar's layers: the usual number of people at each closeness, cumulative
# (Dunbar 1993; Zhou, Sornette, Hill & Dunbar 2005, "Discrete hierarchical organization of
# social group sizes").
DUNBAR_LAYERS: dict[TieStrength, int] = {
    TieStrength.CLOSEST: 5,
    TieStrength.CLOSE: 15,
    TieStrength.REGULAR: 50,
    TieStrength.KNOWN: 150,
}
# Step 2 counts as done once this many people (or half of a smaller map) have a closeness.
MAP_SORTED_ENOUGH = 20
# Rows on one page of the sorting form: one screen of rows, never 30,000 widgets.
TRIAGE_PAGE_SIZE = 25
# The who-knows-whom census: pairs grow as n², and 12 people are 66 pairs, about as many as
# anyone will tick; the picker offers this many candidates to choose the 12 from.
CENSUS_MAX = 12
CENSUS_CANDIDATES = 36
# A tie with no contact for this long counts as gone cold (days).
COLD_AFTER_DAYS = 365

# ---------------------------------------------------------------- the goal (step 1)

VENUE_VISITS = 3  # try a venue at least three times before judging it (CONTENT.md)
GOAL_MAX_DAYS_AHEAD = 366  # a goal you can check within a year

# ------------------------------------------------------------ follow-ups (step 3)

PLAN_WEEKS = 12  # the plan covers the coming 12 weeks
CHECK_IN_DAYS: tuple[int, ...] = (30, 60, 90)  # check-ins on the plan, days after it starts
FOLLOW_UP_WITHIN_DAYS = 2  # after an event: connect while the talk is fresh in both minds
# Actions a week: one per half hour the participant said they have, within these bounds;
# the default when they did not say.
ACTIONS_PER_WEEK_MIN = 2
ACTIONS_PER_WEEK_MAX = 6
ACTIONS_PER_WEEK_DEFAULT = 3

# The keep-warm rhythms, (ideal days, maximum days) per closeness: be in touch every ideal
# days; after the maximum the tie starts to go cold. Closest people every two to four weeks,
# down to acquaintances about twice a year; a dormant tie once a year keeps the door open.
# The inner layers follow how often people see each layer in Dunbar's studies (Sutcliffe,
# Dunbar et al. 2012, "Relationships and the social brain"): weekly-to-monthly for the
# closest few, about monthly for the next layer, a few times a year further out.
DEFAULT_CADENCE_DAYS: dict[TieStrength, tuple[int, int]] = {
    TieStrength.CLOSEST: (14, 28),
    TieStrength.CLOSE: (30, 60),
    TieStrength.REGULAR: (60, 120),
    TieStrength.KNOWN: (91, 182),
    TieStrength.ACQUAINTANCE: (182, 365),
    TieStrength.DORMANT: (365, 730),
}

# ------------------------------------------------------------------ page sizes (ui)

PLAN_WEEKS_PER_PAGE = 4  # weeks shown at once in step 3's schedule
SUGGESTIONS_PER_PAGE = 12
KEEP_WARM_ROWS = 20  # people listed under one keep-warm status before "and N more"
PICKER_MATCHES = 20  # a search box shows this many names, never a 30,000-item list

# ---------------------------------------------------------------- responsiveness (ui)

# Heavy pictures (the map, the charts) redraw this long after the last change, so a burst
# of sorting clicks costs one redraw, not one per click (milliseconds).
REDRAW_DEBOUNCE_MS = 400

# ------------------------------------------------------------- the facilitator's report

# Fewer shared summaries than this and the report shows the count only: with a very small
# group even counts can point to one person. Five is the facilitator guide's "below five
# or so people" and the usual small-cell threshold of official statistics' disclosure
# control (counts under 5 suppressed; e.g. the UK Office for National Statistics' and
# NHS England's small-number rules).
COHORT_MIN_GROUP = 5
