"""The forms participants fill in, one module per workbook step.

Each form is a thin view: it reads and writes through the domain modules and the
workbook file, and knows nothing about how goals, contacts or plans are worked out.
"""

from networking_kit.ui.goal import GoalWorkbook, goal_workbook
from networking_kit.ui.start_here import StartHereForm, start_here

__all__ = ["GoalWorkbook", "StartHereForm", "goal_workbook", "start_here"]
