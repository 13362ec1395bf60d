"""Renders go to their own queue, which every worker started without -Q still consumes;
only a worker that takes nothing but renders (or is told to) raises the collector's
generation-0 threshold."""

from __future__ import annotations

import gc

import pytest

from lscb import celery as celery_module
from lscb.celery import (
    RENDER_QUEUE,
    RENDER_TASK,
    RENDER_TASKS,
    RENDER_WORKER_GC_THRESHOLD,
    app,
    render_worker_gc,
)
from reporting.tasks import render_meeting_pack, render_quarterly_report, render_yearly_report


@pytest.fixture
def thresholds():
    before = gc.get_threshold()
    yield before
    gc.set_threshold(*before)
    celery_module._remember_worker_queues(options={})


def test_every_pdf_render_is_routed_to_the_renders_queue_and_nothing_else_is():
    assert render_quarterly_report.name == RENDER_TASK
    rendering = {render_quarterly_report, render_yearly_report, render_meeting_pack}
    assert {task.name for task in rendering} == set(RENDER_TASKS)
    for task in rendering:
        assert app.amqp.router.route({}, task.name)["queue"].name == RENDER_QUEUE
    other = "reporting.tasks.notify_report_ready"
    assert app.amqp.router.route({}, other)["queue"].name == app.conf.task_default_queue


def test_a_worker_without_q_consumes_both_queues():
    declared = {queue.name for queue in app.conf.task_queues}
    assert declared == {app.conf.task_default_queue, RENDER_QUEUE}


@pytest.mark.parametrize(
    "queues, raised",
    [
        (None, False),  # make worker, the compose `worker` service
        ([], False),
        (["celery", RENDER_QUEUE], False),
        ("celery,renders", False),
        ([RENDER_QUEUE], True),  # the compose `render-worker` service
        ("renders", True),
    ],
)
def test_only_a_render_only_worker_raises_the_threshold(thresholds, monkeypatch, queues, raised):
    monkeypatch.delenv("RENDER_WORKER_GC_THRESHOLD", raising=False)
    celery_module._remember_worker_queues(options={"queues": queues})
    render_worker_gc()
    expected = RENDER_WORKER_GC_THRESHOLD if raised else thresholds[0]
    assert gc.get_threshold() == (expected, *thresholds[1:])


def test_the_environment_sets_the_threshold_for_any_worker(thresholds, monkeypatch):
    monkeypatch.setenv("RENDER_WORKER_GC_THRESHOLD", "20000")
    celery_module._remember_worker_queues(options={"queues": None})
    render_worker_gc()
    assert gc.get_threshold() == (20_000, *thresholds[1:])
