"""Every closed vocabulary of the workshop, each an enum whose members carry their label.

One home per word list: no module compares a raw string ("generic", "on track",
"better_equipped") that another module could spell differently. Stored values are the
enum values (plain lower-case strings), so workbook files written before this module
existed read unchanged. Labels are the plain words a participant sees.
"""

from __future__ import annotations

from enum import StrEnum

# ------------------------------------------------------------------- contacts


class TieStrength(StrEnum):
    """How close a contact is, ordered from closest to most distant.

    The first four follow Dunbar's layers of about 5, 15, 50 and 150 people
    (Dunbar 1993; Zhou, Sornette, Hill & Dunbar 2005; sizes in ``settings.DUNBAR_LAYERS``).
    ``DORMANT`` is a tie that used to matter and has gone quiet: often the most valuable
    one to re-warm.
    """

    CLOSEST = "closest"
    CLOSE = "close"
    REGULAR = "regular"
    KNOWN = "known"
    ACQUAINTANCE = "acquaintance"
    DORMANT = "dormant"

    @property
    def label(self) -> str:
        return _STRENGTH_LABELS[self]

    @property
    def short_label(self) -> str:
        """The name of the ring alone ("Closest"), for buttons, charts, tables and lists."""
        return _STRENGTH_LABELS[self].split(" — ")[0]

    @property
    def askable(self) -> bool:
        """Close enough to ask a favour or an introduction of (closest, close, regular)."""
        return self in ASKABLE

    @property
    def inner(self) -> bool:
        """One of the two innermost layers (closest, close)."""
        return self in INNER


_STRENGTH_LABELS = {
    TieStrength.CLOSEST: "Closest — the handful I would call first",
    TieStrength.CLOSE: "Close — people I trust and talk to often",
    TieStrength.REGULAR: "In regular touch — a good working relationship",
    TieStrength.KNOWN: "Know each other — we would stop and chat",
    TieStrength.ACQUAINTANCE: "Acquaintance — met once or twice, or only online",
    TieStrength.DORMANT: "Dormant — we were in touch once, not lately",
}
INNER: tuple[TieStrength, ...] = (TieStrength.CLOSEST, TieStrength.CLOSE)
# People close enough to ask for a favour or an introduction.
ASKABLE: tuple[TieStrength, ...] = (*INNER, TieStrength.REGULAR)
# Weaker, more distant ties: where new information and openings often come from
# (Granovetter 1973).
WEAK: tuple[TieStrength, ...] = (TieStrength.KNOWN, TieStrength.ACQUAINTANCE)


class Context(StrEnum):
    """Where the participant knows a contact from: a small fixed vocabulary plus ``OTHER``."""

    WORK_INSIDE = "work_inside"
    WORK_OUTSIDE = "work_outside"
    FORMER_COLLEAGUE = "former_colleague"
    ALUMNI = "alumni"
    CLIENT = "client"
    COMMUNITY = "community"
    FAMILY_FRIENDS = "family_friends"
    ONLINE = "online"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _CONTEXT_LABELS[self]


_CONTEXT_LABELS = {
    Context.WORK_INSIDE: "Work, inside my organisation",
    Context.WORK_OUTSIDE: "Work, outside my organisation",
    Context.FORMER_COLLEAGUE: "Former colleague",
    Context.ALUMNI: "School or university",
    Context.CLIENT: "Client or customer",
    Context.COMMUNITY: "Community or volunteering",
    Context.FAMILY_FRIENDS: "Family and friends",
    Context.ONLINE: "Met online",
    Context.OTHER: "Somewhere else",
}


class Trust(StrEnum):
    """How far the participant trusts a contact: a recommendation rests on it."""

    HIGH = "high"
    SOME = "some"
    NOT_YET = "not_yet"

    @property
    def label(self) -> str:
        return _TRUST_LABELS[self]


_TRUST_LABELS = {
    Trust.HIGH: "I trust them fully",
    Trust.SOME: "Some trust",
    Trust.NOT_YET: "Not yet",
}


class Source(StrEnum):
    """Where a contact came from: the file format it was imported from, or how it was added.

    The importer's format names (``importers.detect``) are these values, so a generic
    table's contacts carry ``generic`` wherever they are read.
    """

    LINKEDIN = "linkedin"
    GOOGLE = "google"
    OUTLOOK = "outlook"
    VCARD = "vcard"
    GENERIC = "generic"
    MANUAL = "manual"
    EVENT = "event"
    SAMPLE = "sample"

    @property
    def label(self) -> str:
        return _SOURCE_LABELS[self]

    @classmethod
    def read(cls, value: object) -> Source | None:
        """The source a stored value means, older spellings included ("import" was a
        generic table's source before this module); None for a blank or unknown value."""
        text = str(value).strip().lower() if isinstance(value, str) else ""
        text = OLDER_SOURCES.get(text, text)
        try:
            return cls(text)
        except ValueError:
            return None

    @classmethod
    def label_of(cls, value: object) -> str:
        """The label of a stored source; an older spelling reads as what it meant, and an
        unknown or blank value reads "Somewhere else"."""
        source = cls.read(value)
        return source.label if source is not None else UNKNOWN_SOURCE


_SOURCE_LABELS = {
    Source.LINKEDIN: "LinkedIn",
    Source.GOOGLE: "Google contacts",
    Source.OUTLOOK: "Outlook",
    Source.VCARD: "Phone or address book (vCard)",
    Source.GENERIC: "A spreadsheet",
    Source.MANUAL: "Added by hand",
    Source.EVENT: "Met at an event",
    Source.SAMPLE: "The sample participant",
}
UNKNOWN_SOURCE = "Somewhere else"
# Sources written by older versions, and what they mean now: a generic table's contacts
# were stored with the source "import" (workbook files keep it until they are re-saved).
OLDER_SOURCES: dict[str, Source] = {"import": Source.GENERIC}

# ------------------------------------------------------------------------ goal


class GoalKind(StrEnum):
    """The three reasons people network; the participant picks the main one for now."""

    BETTER_KNOWN = "better_known"
    BETTER_EQUIPPED = "better_equipped"
    BETTER_CONNECTED = "better_connected"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @property
    def meaning(self) -> str:
        """What the goal is for, in one plain sentence."""
        return _KIND_MEANINGS[self]


_KIND_LABELS = {
    GoalKind.BETTER_KNOWN: "Better known",
    GoalKind.BETTER_EQUIPPED: "Better equipped",
    GoalKind.BETTER_CONNECTED: "Better connected",
}
_KIND_MEANINGS = {
    GoalKind.BETTER_KNOWN: "Raise your profile, so the right people in a field, a region or a "
    "community recognise you and what you stand for.",
    GoalKind.BETTER_EQUIPPED: "Learn, get advice and support, and find the know-how you do "
    "not have yet.",
    GoalKind.BETTER_CONNECTED: "Build more and better relationships that lead to referrals "
    "and introductions.",
}

# ------------------------------------------------------------------ follow-ups


class ActionGroup(StrEnum):
    """The five groups a plan's actions are shown in (lists, the timeline, the plan)."""

    GIVE_FIRST = "give"
    KEEP_IN_TOUCH = "keep"
    GOAL = "goal"
    AFTER_EVENT = "event"
    CHECK_IN = "check_in"

    @property
    def label(self) -> str:
        return _GROUP_LABELS[self]


_GROUP_LABELS = {
    ActionGroup.GIVE_FIRST: "Give first",
    ActionGroup.KEEP_IN_TOUCH: "Keep in touch",
    ActionGroup.GOAL: "Your goal",
    ActionGroup.AFTER_EVENT: "After an event",
    ActionGroup.CHECK_IN: "Check-in",
}


class ActionKind(StrEnum):
    """The kind of a follow-up action; each belongs to one :class:`ActionGroup`."""

    INTRODUCE = "introduce"
    REFERRAL = "referral"
    SHARE = "share"
    CATCH_UP = "catch_up"
    KEEP_WARM = "keep_warm"
    VENUE_VISIT = "venue_visit"
    ASK_INTRODUCTION = "ask_introduction"
    PROFILE_TASK = "profile_task"
    EVENT_FOLLOW_UP = "event_follow_up"
    CHECK_IN = "check_in"

    @property
    def label(self) -> str:
        return _ACTION_LABELS[self]

    @property
    def group(self) -> ActionGroup:
        return _ACTION_GROUPS[self]

    @property
    def dated(self) -> bool:
        """Dated kinds keep their dates when the schedule is made; the rest are spread out."""
        return self in (ActionKind.VENUE_VISIT, ActionKind.EVENT_FOLLOW_UP,
                        ActionKind.CHECK_IN)

    @property
    def touch(self) -> bool:
        """A planned touch with one person, which a logged call or coffee with them does."""
        return self in (ActionKind.KEEP_WARM, ActionKind.CATCH_UP, ActionKind.EVENT_FOLLOW_UP)


_ACTION_LABELS = {
    ActionKind.INTRODUCE: "Introduce two people",
    ActionKind.REFERRAL: "Pass on a referral",
    ActionKind.SHARE: "Share something useful",
    ActionKind.CATCH_UP: "Catch up with an old contact",
    ActionKind.KEEP_WARM: "Keep in touch",
    ActionKind.VENUE_VISIT: "Go to a venue",
    ActionKind.ASK_INTRODUCTION: "Ask for an introduction",
    ActionKind.PROFILE_TASK: "Profile or writing",
    ActionKind.EVENT_FOLLOW_UP: "Follow up after an event",
    ActionKind.CHECK_IN: "Check-in on your plan",
}
_ACTION_GROUPS = {
    ActionKind.INTRODUCE: ActionGroup.GIVE_FIRST,
    ActionKind.REFERRAL: ActionGroup.GIVE_FIRST,
    ActionKind.SHARE: ActionGroup.GIVE_FIRST,
    ActionKind.CATCH_UP: ActionGroup.GIVE_FIRST,
    ActionKind.KEEP_WARM: ActionGroup.KEEP_IN_TOUCH,
    ActionKind.VENUE_VISIT: ActionGroup.GOAL,
    ActionKind.ASK_INTRODUCTION: ActionGroup.GOAL,
    ActionKind.PROFILE_TASK: ActionGroup.GOAL,
    ActionKind.EVENT_FOLLOW_UP: ActionGroup.AFTER_EVENT,
    ActionKind.CHECK_IN: ActionGroup.CHECK_IN,
}


class ActionStatus(StrEnum):
    """Where an action stands. ``DROPPED`` is a suggestion planning no longer makes (kept,
    not deleted, so the same suggestion coming back keeps its id); never shown."""

    PLANNED = "planned"
    ACCEPTED = "accepted"
    SKIPPED = "skipped"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def open(self) -> bool:
        """Still to do: suggested or kept."""
        return self in (ActionStatus.PLANNED, ActionStatus.ACCEPTED)

    @property
    def decided(self) -> bool:
        """The participant chose this, so planning again must not undo it."""
        return self in (ActionStatus.ACCEPTED, ActionStatus.SKIPPED, ActionStatus.DONE)


_STATUS_LABELS = {
    ActionStatus.PLANNED: "suggested",
    ActionStatus.ACCEPTED: "kept",
    ActionStatus.SKIPPED: "skipped",
    ActionStatus.DONE: "done",
    ActionStatus.DROPPED: "no longer suggested",
}


class KeepWarmStatus(StrEnum):
    """Whether a contact is within their keep-in-touch rhythm (``followups`` cadences)."""

    ON_TRACK = "on track"
    DUE = "due"
    OVERDUE = "overdue"
    NO_DATE = "no date"

    @property
    def label(self) -> str:
        return _KEEP_WARM_LABELS[self]


_KEEP_WARM_LABELS = {
    KeepWarmStatus.ON_TRACK: "On track",
    KeepWarmStatus.DUE: "Due",
    KeepWarmStatus.OVERDUE: "Overdue",
    KeepWarmStatus.NO_DATE: "No date",
}


class LastInTouch(StrEnum):
    """The participant's rough answer to "when were you last in touch?", asked where no
    last contact is known (step 3's keep-warm section); the days each stands for are in
    ``settings.LAST_IN_TOUCH_DAYS``."""

    THIS_MONTH = "this month"
    THIS_YEAR = "this year"
    LONGER_AGO = "longer ago"
    NEVER = "never really"

    @property
    def label(self) -> str:
        return _LAST_IN_TOUCH_LABELS[self]


_LAST_IN_TOUCH_LABELS = {
    LastInTouch.THIS_MONTH: "This month",
    LastInTouch.THIS_YEAR: "This year",
    LastInTouch.LONGER_AGO: "Longer ago",
    LastInTouch.NEVER: "Never really",
}


# ----------------------------------------------------------------- the workbook file


class BackupReason(StrEnum):
    """Why an automatic backup of the workbook file was made (``store.versions``); the
    value is part of the backup's file name."""

    DAILY = "daily"
    IMPORT = "import"
    RESTORE = "restore"
    COMBINE = "combine"

    @property
    def label(self) -> str:
        return _BACKUP_LABELS[self]


_BACKUP_LABELS = {
    BackupReason.DAILY: "first opened that day",
    BackupReason.IMPORT: "before an import",
    BackupReason.RESTORE: "before going back or restoring",
    BackupReason.COMBINE: "before combining two contacts",
}
