"""The workshop's defaults, in one documented place.

Every tunable number the method rests on lives here once, with what it means and where it
comes from; modules import it rather than repeat it (like Voila's ``configuration.py``).
Units are in the names or the comments: days, weeks, people, rows.
"""

from __future__ import annotations

from networking_kit.vocab import LastInTouch, TieStrength

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

# "Roughly when were you last in touch?" (step 3, where no last contact is known): the
# days ago each answer stands for, counted from the day it was given. The middle of each
# span: this month ~ half a month, this year ~ half a year, longer ago ~ two years;
# "never really" counts as three years, the line past which Levin, Walter & Murnighan
# (Organization Science 2011) call a tie dormant, so those people come first to re-warm.
# A workshop choice (no study measures these answers), not a research number.
LAST_IN_TOUCH_DAYS: dict[LastInTouch, int] = {
    LastInTouch.THIS_MONTH: 15,
    LastInTouch.THIS_YEAR: 180,
    LastInTouch.LONGER_AGO: 730,
    LastInTouch.NEVER: 1095,
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
# Rows of a long list (step 2's sorting list, step 3's suggestions and weeks) made while
# its page is built; the rest are made once the page is ready. The lists sit below the
# fold as a page opens, and a row is about a dozen widget models, each 1-2 ms in a kernel:
# at 30,000 contacts step 3's 27 rows were about 0.3 s of its Run All, step 2's ten first
# rows about 0.1 s (benchmarks/run_all.py).
ROWS_BEFORE_PAGE = 3

# ----------------------------------------------------------------- the workbook file

# Automatic backups kept per workbook (before every import and restore, and at the first
# open of each day): ten cover a workshop day's imports and a week of daily copies, and
# at a few MB each stay small beside the workbook.
BACKUPS_KEPT = 10

# ---------------------------------------------------------- the app (`networking-kit app`)

# Pages of the app one server keeps running at once. Each page holds a kernel of about
# 190 MB (measured in issue 13), and the five steps plus the facilitator's page are six; a
# participant who opens more is asked to close one. A facilitator serving a room from one
# server raises it with `networking-kit app --max-pages N`.
APP_MAX_PAGES = 8
# A page whose tab was closed without saying so (a crash, a phone putting it to sleep) keeps
# its kernel this long with no activity, then it ends (minutes; `--idle-minutes`). Pages
# still open and connected are never ended: the participant may be reading or thinking.
APP_IDLE_MINUTES = 5
# `networking-kit doctor` asks for this much free space beside the workbook file (MB): the
# workbook, its automatic backups and the exports of a large network (30,000 contacts make
# a workbook of about 30 MB; each backup is a copy) fit with room to spare.
DOCTOR_MIN_FREE_MB = 500

# ------------------------------------------------ evidence behind the suggestions (step 3)

# Re-warming dormant ties: people who reconnected with contacts they had not spoken to
# for at least three years got advice as useful as from their current ties, and more
# novel (Levin, Walter & Murnighan 2011, "Dormant ties: the value of reconnecting",
# Organization Science 22(4)). A tie quiet this long scores higher as one to re-warm.
DORMANT_VALUE_DAYS = 3 * 365
# Left to themselves, people reconnect with the ties they feel most comfortable with,
# though the more senior, higher-status ones gave more valuable knowledge (Walter, Levin &
# Murnighan 2015, "Reconnection choices: selecting the most valuable (vs. most
# preferred) dormant ties", Organization Science 26(5)). So re-warming is ranked by
# expected value: seniority read from the job title adds this much per level (0 to 2).
SENIORITY_WEIGHT = 1.0
# Looking for work: in a LinkedIn experiment over 20 million people, moderately weak ties
# (some mutual contacts, not the closest) led to the most job moves (Rajkumar, Saint-
# Jacques, Bojinov, Brynjolfsson & Aral 2022, "A causal test of the strength of weak
# ties", Science 377). Keep-warm touches with "known" people get this boost then.
JOB_SEEKING_BOOST = 14

# ------------------------------------------------------------- the facilitator's report

# Fewer shared summaries than this and the report shows the count only: with a very small
# group even counts can point to one person. Five is the facilitator guide's "below five
# or so people" and the usual small-cell threshold of official statistics' disclosure
# control (counts under 5 suppressed; e.g. the UK Office for National Statistics' and
# NHS England's small-number rules).
COHORT_MIN_GROUP = 5
