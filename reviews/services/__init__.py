"""Writes for reviews and their action plans. Each runs in one transaction and is audited.

A signed-off action plan is locked: its recommendations and the definitions of their actions
cannot be added, changed or deleted until the chair reopens it with a recorded reason.
Progress on actions can always be recorded, signed off or not.

One module per kind of write: review_records for a review and its findings, sign_off for the
chair's sign-off and the lock, action_plan for recommendations and actions, progress for
progress on actions, plan_import for importing a whole plan. Import from those modules
directly.
"""
