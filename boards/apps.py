from django.apps import AppConfig


class BoardsConfig(AppConfig):
    name = "boards"
    verbose_name = "Boards and membership"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model

        from boards import meeting_records
        from boards import models as m
        from boards.meeting_selectors import minutes_to_approve
        from lscb import approvals, freshness

        meeting_records.connect()

        approvals.register("minutes", minutes_to_approve, order=30)

        for model in (m.Subgroup, m.Membership, m.Constitution):
            freshness.watch(model, "board", "boards")
        freshness.watch(m.RoleRule, "constitution__board", "boards")
        freshness.watch(m.EligibilityExclusion, "constitution__board", "boards")
        freshness.watch(m.SupersededQuorum, "constitution__board", "boards")
        # A meeting and what hangs on it: recording attendance or minutes leaves the board's
        # members, constitution check and dashboard panels cached.
        freshness.watch(m.Meeting, "board", "meetings")
        for model in (m.AgendaItem, m.Attendance, m.Declaration, m.MinutesReopening):
            freshness.watch(model, "meeting__board", "meetings")
        for model in (m.AgendaPaper, m.Minute):
            freshness.watch(model, "item__meeting__board", "meetings")
        # People, agencies, jobs and themes appear on any board that uses them.
        for model in (m.Person, m.Agency, m.Employment, m.Theme):
            freshness.watch_shared(model)
        # Names of logins appear as authors and approvers; signing in writes last_login only.
        freshness.watch_shared(get_user_model(), ignore_fields={"last_login"})
