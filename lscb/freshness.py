"""Which boards' pages a write changes: every write moves the board's versions on.

A board has one version per area of its work (AREAS) and `data_version` for all of them.
Cached page fragments (lscb.templatetags.fragments) are keyed on the versions of the areas
they show, so a write makes them unreachable in the same transaction that changes the
data: a reader who sees the new data also sees the new version, and nothing has to be
deleted from the cache. A workplan update leaves a cached review list alone.

Each app declares its models here from its AppConfig.ready():

- `watch(Model, "path__to__board", areas)` for rows that belong to one board; saves,
  deletes and many-to-many changes move that board's areas (and `data_version`) on;
- `watch_shared(Model)` for rows several boards show (people, agencies, themes): a change
  moves every area of every board on, which is cheap because such edits are rare admin
  work.

Queryset `.update()` and `bulk_create()` send no signals, so every watched model's default
manager is a `WatchedManager`: its `update()` moves the boards of the rows it changes in
the same transaction (`.touching("workplans")` narrows the areas when a write changes less,
as recording progress does), and `bulk_create()` and `bulk_update()` those of the rows
written. Services write as they like and never touch a board by hand.
`tests/lscb/test_freshness.py` fails when a model that leads to a board is neither watched
nor declared exempt, or is watched without a `WatchedManager`;
`tests/lscb/test_every_write_refreshes.py` fails when a service's write does not show.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.db import models, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_save, pre_delete

# Areas of a board's work, each with its own version column on Board ("<area>_version").
# "boards" is the board itself: its subgroups, members and constitutions; "meetings" its
# meetings, their agendas, attendance and minutes; "training" the training programme.
# "workplans" moves on with every workplan write, progress included; "plans" only with
# what the plans say (plans, outcomes and their wording, leads, themes, priorities,
# approval), not with progress. A part that shows no progress (a workplan's heading, its
# filter form) names "plans", so recording progress, the commonest write, leaves it cached.
AREAS = ("boards", "meetings", "training", "workplans", "plans", "reviews", "reporting")

_watched: dict[type[models.Model], str | None] = {}
_areas: dict[type[models.Model], str | None] = {}
_exempt: set[type[models.Model]] = set()


def _boards():
    # Looked up by label, not imported: lscb is the bottom layer and boards builds on it
    # (Board.save calls touch_board), so importing boards here would close a circle.
    return apps.get_model("boards", "Board").objects


def _moves(area: str | None) -> dict:
    """The UPDATE's assignments: the areas named in `area`, space-separated (None: all of
    them), and the overall version."""
    chosen = AREAS if area is None else tuple(area.split())
    unknown = [a for a in chosen if a not in AREAS]
    if unknown or not chosen:
        raise ValueError(f"Unknown area {area!r}; areas are {', '.join(AREAS)}.")
    names = ["data_version", *(f"{a}_version" for a in chosen)]
    return {name: F(name) + 1 for name in names}


def touch_board(*board_ids: int | None, area: str | None = None) -> None:
    """Move these boards' versions of `area` (space-separated areas; None: every area) on,
    in one UPDATE."""
    ids = {i for i in board_ids if i is not None}
    if ids:
        _boards().filter(pk__in=ids).update(**_moves(area))


def touch_all_boards() -> None:
    _boards().update(**_moves(None))


def touch_boards_of(
    model: type[models.Model], pks: Iterable[int], *, area: str | None = None
) -> None:
    """Move on the boards that rows `pks` of a watched model belong to (one UPDATE): the
    areas the model was watched with, or only `area` when a write changed less."""
    path = _watched[model]
    if path is None:
        touch_all_boards()
        return
    pks = list(pks)
    if not pks:
        return
    board_ids = model._default_manager.filter(pk__in=pks).values(path)
    _boards().filter(pk__in=board_ids).update(**_moves(area or _areas[model]))


def _touch_instance(model: type[models.Model], instance: models.Model) -> None:
    path = _watched[model]
    if path == "board":
        touch_board(instance.board_id, area=_areas[model])
    else:
        touch_boards_of(model, [instance.pk])


def _on_save(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    if raw:  # fixtures load rows as they are
        return
    _touch_instance(sender, instance)


def _on_delete(sender, instance, **kwargs) -> None:
    # Before the row goes, while its path to the board still exists.
    _touch_instance(sender, instance)


def _on_m2m(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    if action not in {"post_add", "post_remove", "post_clear", "pre_clear"}:
        return
    if action == "pre_clear" and not reverse:
        return
    owner = type(instance)
    if not reverse and owner in _watched:
        _touch_instance(owner, instance)
    elif reverse and model in _watched:
        if pk_set:
            touch_boards_of(model, pk_set)
        elif action == "pre_clear":
            touch_all_boards()
    elif owner in _watched:
        _touch_instance(owner, instance)


def watch(model: type[models.Model], board_path: str, area: str, *, deletes: bool = True) -> None:
    """Rows of `model` belong to the board reached by `board_path` (e.g. "outcome__workplan
    __board") and to the areas of its work named in `area`, space-separated (e.g.
    "workplans plans"). `deletes=False` for append-only history rows
    that go only with their parent (whose own delete moves the board on); it keeps their
    cascade deletes fast."""
    _moves(area)  # refuse an unknown area at start-up
    _watched[model] = board_path
    _areas[model] = area
    uid = f"freshness:{model._meta.label}"
    post_save.connect(_on_save, sender=model, dispatch_uid=uid)
    if deletes:
        pre_delete.connect(_on_delete, sender=model, dispatch_uid=uid)
    for field in model._meta.local_many_to_many:
        m2m_changed.connect(_on_m2m, sender=field.remote_field.through, dispatch_uid=uid)


def _on_shared_save(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    if raw:
        return
    ignored = _ignored_fields.get(sender, frozenset())
    if update_fields is not None and set(update_fields) <= ignored:
        return
    touch_all_boards()


def _on_shared_delete(sender, instance, **kwargs) -> None:
    touch_all_boards()


_ignored_fields: dict[type[models.Model], frozenset[str]] = {}


def watch_shared(model: type[models.Model], *, ignore_fields: Iterable[str] = ()) -> None:
    """Rows any board may show. Saves that only write `ignore_fields` (such as a login's
    last_login) change nothing on a page and move nothing."""
    _watched[model] = None
    _areas[model] = None
    _ignored_fields[model] = frozenset(ignore_fields)
    uid = f"freshness:{model._meta.label}"
    post_save.connect(_on_shared_save, sender=model, dispatch_uid=uid)
    pre_delete.connect(_on_shared_delete, sender=model, dispatch_uid=uid)


def exempt(model: type[models.Model]) -> None:
    """A model that leads to a board but is never shown on a cached page (the audit log)."""
    _exempt.add(model)


def watched_models() -> dict[type[models.Model], str | None]:
    return dict(_watched)


def watched_areas() -> dict[type[models.Model], str | None]:
    """Each watched model's areas, space-separated; None for rows every board may show."""
    return dict(_areas)


def exempt_models() -> set[type[models.Model]]:
    return set(_exempt)


class WatchedQuerySet(models.QuerySet):
    """A watched model's queryset: writes that send no signals move the boards on too.

    `update()` moves the boards of the rows it changes, `bulk_create()` (and
    `bulk_update()`, which runs through `update()`) those of the rows written, and
    `delete()` those of rows whose model has no delete receiver, so a service cannot
    forget. `.touching("workplans")` narrows the areas moved when a write changes less
    than the model's watched areas (recording progress leaves "plans" cached).
    """

    _touch_area: str | None = None

    def _clone(self):
        clone = super()._clone()
        clone._touch_area = self._touch_area
        return clone

    def touching(self, area: str) -> WatchedQuerySet:
        """Move only `area` (space-separated areas) when this queryset writes."""
        _moves(area)
        clone = self._chain()
        clone._touch_area = area
        return clone

    def _area(self) -> str | None:
        return self._touch_area or _areas.get(self.model)

    def _matching_boards(self) -> list[int]:
        """The boards the rows this queryset selects belong to, read without locking."""
        rows = self._chain()
        rows.query.select_for_update = False
        rows.query.clear_ordering(force=True)
        return list(rows.values_list(_watched[self.model], flat=True).distinct())

    def update(self, **kwargs) -> int:
        if self.model not in _watched:
            return super().update(**kwargs)
        with transaction.atomic(using=self.db, savepoint=False):
            if _watched[self.model] is None:
                changed = super().update(**kwargs)
                if changed:
                    touch_all_boards()
                return changed
            # The boards are read before the rows change, since the UPDATE may change what
            # the filter selects (status=DRAFT → APPROVED), and moved after, so this locks
            # rows then boards in the order save() and its receivers do: two writers never
            # wait on each other's locks. One transaction: readers see both together.
            boards = self._matching_boards()
            changed = super().update(**kwargs)
            if changed:
                touch_board(*boards, area=self._area())
            return changed

    update.alters_data = True

    def delete(self):
        # Watched models' delete receivers already fire for every row; those watched with
        # deletes=False (history rows) have none, so a direct delete moves the boards here.
        if self.model not in _watched or pre_delete.has_listeners(self.model):
            return super().delete()
        with transaction.atomic(using=self.db, savepoint=False):
            if _watched[self.model] is None:
                deleted = super().delete()
                touch_all_boards()
                return deleted
            boards = self._matching_boards()
            deleted = super().delete()
            touch_board(*boards, area=self._area())
            return deleted

    delete.alters_data = True
    delete.queryset_only = True

    def bulk_create(self, objs, *args, **kwargs):
        with transaction.atomic(using=self.db, savepoint=False):
            created = super().bulk_create(objs, *args, **kwargs)
            self._touch_objects(created)
        return created

    def _touch_objects(self, objs) -> None:
        """Move the boards of these rows, read from their first foreign key on the path,
        so rows written without a primary key back (ignore_conflicts) are covered too."""
        if not objs or self.model not in _watched:
            return
        path = _watched[self.model]
        if path is None:
            touch_all_boards()
            return
        first, _, rest = path.partition("__")
        field = self.model._meta.get_field(first)
        ids = {getattr(o, field.attname) for o in objs} - {None}
        if not rest:
            touch_board(*ids, area=self._area())
        elif ids:
            board_ids = field.related_model._base_manager.filter(pk__in=ids).values(rest)
            _boards().filter(pk__in=board_ids).update(**_moves(self._area()))


WatchedManager = models.Manager.from_queryset(WatchedQuerySet)
