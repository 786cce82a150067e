"""One session per workbook step: the participant's state and actions, with no widgets.

See ``steps._session`` for what every session shares; ``ui/`` binds widgets to these.
"""
