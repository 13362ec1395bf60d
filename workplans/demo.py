"""Demo workplan: Hartlepool LSCB's 2008/09 plan, its outcomes restated in our own words,
with a quarter of progress on each (and an earlier quarter on some, so RAG changes show)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from boards.models import Person, Theme
from lscb.vocab import RAG
from workplans import services
from workplans.models import Priority, Workplan

START, END = dt.date(2008, 4, 1), dt.date(2009, 3, 31)
TITLE = "LSCB workplan 2008/09"

PPP = "Practice, Policy and Procedure"
QP = "Quality and Performance"
TRAINING = "Training"
SCR = "Serious Case Review Panel"
HEAD = "Colin Strand"  # Head of Safeguarding and Review
OFFICER = "officer"  # the LSCB development officer's login

# title, how, who text, lead subgroups, named leads, themes, Q3 update, optional Q2 update.
# An update is (date, rag, narrative).
OUTCOMES = [
    (
        "Keep the child protection procedures in use and up to date, with practice guidance "
        "issued where it is needed",
        "Revise the procedures in the light of new government guidance, legislation and the "
        "practice points from the audit of serious case reviews.\nPublish a series of short "
        "LSCB practice guidance notes.",
        "Practice, Policy and Procedures Group\nHead of Safeguarding",
        [PPP],
        [HEAD],
        ["policy-procedures", "multi-agency-working"],
        (
            dt.date(2008, 12, 10),
            RAG.ON_TRACK,
            "A new layout for the procedures is being drafted for 2009/10, timed to follow "
            "the expected new edition of Working Together. The board agreed that a revised "
            "procedures and guidance manual should be written alongside, so staff in every "
            "agency work from one set of documents.",
        ),
        (
            dt.date(2008, 9, 18),
            RAG.ON_TRACK,
            "Review of the current procedures started; three guidance notes drafted.",
        ),
    ),
    (
        "Make sure every agency meets its duties when an allegation is made against someone "
        "who works with children",
        "Help each agency write or improve its professional code of conduct and "
        "whistle-blowing policy, and tie them to the standards for handling allegations "
        "against staff and volunteers in Working Together 2006.",
        "Performance and Quality Assurance Group",
        [QP],
        [],
        ["safer-recruitment", "policy-procedures"],
        (
            dt.date(2008, 12, 3),
            RAG.ON_TRACK,
            "The draft procedure went out for consultation in October and November. The final "
            "version takes effect in January 2009, with briefings for agencies planned from "
            "January to March.",
        ),
        None,
    ),
    (
        "Check with partner agencies how well they meet their section 11 duties under the "
        "Children Act 2004",
        "Run the local audit and self-evaluation of section 11 compliance, share what it "
        "finds, and build standards and further self-audit tools from it.",
        "Performance and Quality Assurance Group",
        [QP],
        [],
        ["quality-assurance", "multi-agency-working"],
        (
            dt.date(2008, 11, 20),
            RAG.ON_TRACK,
            "Every agency returned the audit and the results have been collated. They will "
            "shape planning at the board's development day on 14 January 2009.",
        ),
        None,
    ),
    (
        "Make sure safe recruitment practice is in place across partner agencies",
        "Use the section 11 audit returns to see where recruitment practice falls short.",
        "Performance and Quality Assurance",
        [QP],
        [],
        ["safer-recruitment", "quality-assurance"],
        (
            dt.date(2008, 12, 12),
            RAG.AT_RISK,
            "The audit returns are collated, but the safer recruitment work plan has not yet "
            "been drawn up from them: two agencies have still to send their recruitment "
            "records. The subgroup will chase these before the January board.",
        ),
        (
            dt.date(2008, 9, 25),
            RAG.ON_TRACK,
            "Recruitment questions added to the section 11 audit.",
        ),
    ),
    (
        "Agree a local protocol for children who may have been trafficked",
        "Write and put into use a protocol and procedure for Hartlepool, with practice "
        "guidance and training for frontline staff in every agency.",
        "Practice, Policy and Procedures Group\nTraining Group",
        [PPP, TRAINING],
        [],
        ["child-sexual-exploitation", "policy-procedures", "workforce-training"],
        (
            dt.date(2008, 12, 15),
            RAG.NOT_STARTED,
            "Work has not begun; it is scheduled to start once the procedures review is "
            "further on.",
        ),
        None,
    ),
    (
        "Set up joint working for children living with domestic abuse",
        "Adopt supplementary procedures and make sure the agencies involved know their "
        "part.\nMake sure the domestic abuse forum and MARAC report to the board.\nShare "
        "information through a communication strategy.",
        "Practice, Policy and Procedures Group\nLSCB Development Officer\nHead of Safeguarding",
        [PPP],
        [OFFICER, HEAD],
        ["domestic-abuse", "information-sharing"],
        (
            dt.date(2008, 11, 27),
            RAG.ON_TRACK,
            "A scoping exercise is under way and reports to the Practice, Policy and "
            "Procedure group. The first draft of the communication strategy is with that "
            "group for comment.",
        ),
        (
            dt.date(2008, 9, 12),
            RAG.AT_RISK,
            "No route yet for MARAC to report to the board; the MARAC chair has been asked "
            "to propose one.",
        ),
    ),
    (
        "Review how children are kept safe where parents misuse drugs or alcohol",
        "Review each agency's policy.\nWork with the Hidden Harm network on the assessment "
        "tool and how it is used.\nReview the training on offer.",
        "Practice, Policy and Procedures Group\nLSCB Development Officer\nTraining Group",
        [PPP, TRAINING],
        [OFFICER],
        ["neglect", "early-help", "workforce-training"],
        (
            dt.date(2008, 12, 4),
            RAG.ON_TRACK,
            "The Hidden Harm strategy and the updated assessment tool have both been agreed "
            "by the board. Training is booked for January 2009.",
        ),
        None,
    ),
    (
        "Carry out the board's duties when a child dies",
        "Agree arrangements with the other Tees boards, and set up local systems to record "
        "the key information and named contacts.",
        "LSCB Development Officer\nHead of Safeguarding",
        [],
        [OFFICER, HEAD],
        ["child-deaths", "information-sharing"],
        (
            dt.date(2008, 10, 30),
            RAG.COMPLETE,
            "The Tees-wide child death overview panel is running and its manager monitors "
            "every case for Hartlepool.",
        ),
        (
            dt.date(2008, 8, 28),
            RAG.ON_TRACK,
            "Tees-wide panel agreed in principle; local recording set up.",
        ),
    ),
    (
        "Support joined-up work across agencies on keeping children safe online",
        "Run a short-life task group so that e-safety is covered consistently in policies "
        "and procedures, education and training, and technology.",
        "LSCB Development Officer",
        [],
        [OFFICER],
        ["child-sexual-exploitation", "workforce-training"],
        (
            dt.date(2008, 11, 13),
            RAG.ON_TRACK,
            "A strategic e-safety group now meets. It has agreed a vision and is writing the "
            "e-safety strategy.",
        ),
        None,
    ),
    (
        "Put in place a sound process for commissioning and running serious case reviews",
        "Agree a policy and a standard brief for consultants who carry out reviews, and keep "
        "a bank of suitably skilled independent consultants with current checks and "
        "procurement in place.",
        "Head of Safeguarding\nSerious Case Review Panel",
        [SCR],
        [HEAD],
        ["quality-assurance", "policy-procedures"],
        (
            dt.date(2008, 12, 8),
            RAG.ON_TRACK,
            "A multi-agency protocol covering the Tees area has been written and is in use.",
        ),
        None,
    ),
    (
        "Make sure recommendations from serious case reviews are carried out and their "
        "lessons learned",
        "Evaluate the action plan that answered the audit of serious case reviews. Have the "
        "board chair sign off each case's action plan, brief agencies on every review and "
        "produce case studies and training material from it.",
        "Head of Safeguarding\nPerformance and Quality Assurance Group\nTraining Group",
        [QP, TRAINING],
        [HEAD],
        ["workforce-training", "quality-assurance"],
        (
            dt.date(2008, 12, 17),
            RAG.AT_RISK,
            "The action plan from the audit is in place and the board's executive group "
            "monitors it. National changes to serious case reviews are expected, so how "
            "reviews are run and learned from may have to change before the plan is finished.",
        ),
        (
            dt.date(2008, 9, 30),
            RAG.ON_TRACK,
            "Audit action plan agreed by the executive group.",
        ),
    ),
    (
        "Use statistics better to steer the board's work",
        "Use the multi-agency dataset to spot concerns, act on them and track progress. "
        "Draw out key messages for frontline staff so that they and the board are more "
        "closely linked.",
        "Performance and Quality Assurance Group",
        [QP],
        [],
        ["quality-assurance", "information-sharing"],
        (
            dt.date(2008, 11, 24),
            RAG.ON_TRACK,
            "The dataset is being filled in and partner agencies now send their figures.",
        ),
        None,
    ),
    (
        "Make good multi-agency safeguarding and child protection training available to "
        "everyone who works with children and young people",
        "Analyse training needs and write a training strategy. Work more closely with the "
        "other subgroups to find and meet the training needs their work shows up.",
        "Training Group",
        [TRAINING],
        [],
        ["workforce-training"],
        (
            dt.date(2008, 12, 2),
            RAG.ON_TRACK,
            "A training task group is taking this forward and the annual training plan is "
            "being delivered.",
        ),
        None,
    ),
]

PRIORITIES = [
    (
        "Living safely",
        "Children and young people are safe from maltreatment, neglect, violence and "
        "exploitation, and live in safe homes and communities.",
    ),
    (
        "Working together",
        "Agencies share information and work as one around the child.",
    ),
]


def load(context: dict) -> None:
    board = context["board"]
    users = context["users"]
    officer, chair = users["officer"], users["chair"]
    priorities = [
        Priority.objects.get_or_create(board=board, title=t, defaults={"description": d})[0]
        for t, d in PRIORITIES
    ]
    workplan = Workplan.objects.filter(board=board, start=START, end=END, title=TITLE).first()
    if workplan is None:
        workplan = _create(board, officer, chair, priorities, context)
    context["workplan"] = workplan


def _create(board, officer, chair, priorities, context) -> Workplan:
    subgroups = context["subgroups"]
    people = {HEAD: Person.objects.get(name=HEAD), OFFICER: context["people"][OFFICER]}
    themes = {t.slug: t for t in Theme.objects.all()}
    workplan = services.workplan_create(board=board, by=officer, title=TITLE, start=START, end=END)
    workplan.priorities.set(priorities)
    for order, (title, how, who, groups, leads, slugs, q3, q2) in enumerate(OUTCOMES, start=1):
        outcome = services.outcome_create(
            workplan=workplan,
            by=officer,
            title=title,
            how=how,
            who=who,
            order=order,
            due_date=END,
            lead_subgroups=[subgroups[g] for g in groups],
            leads=[people[p] for p in leads],
            themes=[themes[s] for s in slugs],
        )
        outcome.workplan = workplan
        for update in (q2, q3):
            if update:
                date, rag, narrative = update
                services.outcome_record_progress(
                    outcome=outcome, by=officer, rag=rag, narrative=narrative, date=date
                )
    services.workplan_approve(workplan=workplan, by=chair)
    # The plan was approved at the start of its year; the demo dates it so.
    approved_at = timezone.make_aware(dt.datetime(2008, 4, 16, 11, 0))
    Workplan.objects.filter(pk=workplan.pk).update(approved_at=approved_at)
    workplan.approved_at = approved_at
    return workplan
