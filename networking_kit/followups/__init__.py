"""Step 3: follow-ups that keep relationships warm and give first, spread over the weeks.

A package of plain functions of data, one concept a module (nothing here knows about
widgets or the workbook file; ``steps.followups`` loads and saves):

- ``cadences``: how often to be in touch with each closeness layer;
- ``keep_warm``: who is on track, due or overdue, kept between clicks row by row;
- ``needs``: what people need and what can be offered, from the participant's words;
- ``introductions``: two contacts who should meet;
- ``suggestions``: give-first, keep-warm and goal actions, and the check-ins;
- ``schedule``: the actions dated over the coming weeks, around the weeks away;
- ``plan``: the saved plan (:class:`Action`) and the rules for changing it;
- ``events``: after an event, the people met and a follow-up with each.
"""

from networking_kit.followups.cadences import (
    CADENCE_PROFILE_KEY,
    DEFAULT_CADENCES,
    Cadence,
    Cadences,
    RoughContact,
    cadence_words,
    last_in_touch_words,
)
from networking_kit.followups.events import (
    EventRecord,
    Met,
    contacts_named,
    follow_up_day,
    last_notes,
    parse_people,
    people_by_name,
    plan_event,
)
from networking_kit.followups.introductions import (
    MAX_INTRODUCTIONS_EACH,
    VOUCHABLE,
    match_introductions,
)
from networking_kit.followups.keep_warm import keep_warm_status
from networking_kit.followups.needs import is_thing, needs_of
from networking_kit.followups.plan import (
    BASE_PRIORITY,
    PLAN_START_KEY,
    Action,
    PlanChanges,
    action_from_row,
    action_id,
    actions_from_rows,
    changed_action,
    changed_fields,
    merge_plan,
    read_plan_start,
    row_fields,
    sort_plan,
)
from networking_kit.followups.schedule import (
    AWAY_PROFILE_KEY,
    plan_schedule,
    plan_weeks,
    read_weeks_away,
    replan,
    schedule_plan,
    week_start,
    weekday,
    weekly_capacity,
    weeks_away_value,
)
from networking_kit.followups.suggestions import suggest_actions

__all__ = [
    "AWAY_PROFILE_KEY", "BASE_PRIORITY", "CADENCE_PROFILE_KEY", "DEFAULT_CADENCES",
    "MAX_INTRODUCTIONS_EACH", "PLAN_START_KEY", "VOUCHABLE", "Action", "Cadence", "Cadences",
    "EventRecord", "Met", "PlanChanges", "RoughContact", "action_from_row", "action_id",
    "actions_from_rows",
    "cadence_words", "changed_action", "changed_fields", "contacts_named", "follow_up_day",
    "is_thing", "keep_warm_status", "last_in_touch_words", "last_notes",
    "match_introductions", "merge_plan",
    "needs_of", "parse_people", "people_by_name", "plan_event", "plan_schedule", "plan_weeks",
    "read_plan_start", "read_weeks_away", "replan", "row_fields", "schedule_plan", "sort_plan",
    "suggest_actions", "week_start", "weekday", "weekly_capacity", "weeks_away_value",
]
