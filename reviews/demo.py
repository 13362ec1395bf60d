"""Demo reviews for the Hartlepool board, in our own words with the seeds' figures.

The adoption service inspection of October 2008 and its action plan (seven statutory
requirements, five good-practice recommendations), a serious case review whose plan the chair
signed off, a near-miss review, a rapid review whose clock is running now, a joint targeted
area inspection of the response to neglect, and the September 2008 peer review. Safe to run
twice: a review that exists by title is left as it is.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from boards.models import Theme
from lscb.vocab import RAG, is_working_day
from reviews.models import (
    FindingKind,
    Judgement,
    RecommendationKind,
    Review,
    ReviewKind,
    ReviewStatus,
)
from reviews.services.action_plan import action_add, recommendation_add
from reviews.services.progress import action_record_progress
from reviews.services.review_records import finding_add, review_create
from reviews.services.sign_off import review_sign_off

REQ = RecommendationKind.STATUTORY_REQUIREMENT
REC = RecommendationKind.RECOMMENDATION
AFI = RecommendationKind.AREA_FOR_IMPROVEMENT
HOBU = "Head of Business Unit"
PTM = "Placement Team Manager"
# The action plan was reviewed in mid-December, so the 2008Q3 report shows its progress.
PLAN_REVIEWED = dt.date(2008, 12, 15)

ADOPTION_TITLE = "Inspection of the adoption service (Ofsted, October 2008)"
SCR_TITLE = "Serious case review: Child B"
NEAR_MISS_TITLE = "Near-miss review: Child C"
RAPID_TITLE = "Rapid review: Child D"
JTAI_TITLE = "Joint targeted area inspection: children living with neglect"
PEER_TITLE = "Safeguarding peer review (September 2008)"


def _evidence(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/plain")


def _plan(review: Review, by, themes: dict, items: list) -> None:
    """items: (kind, number, standard, regulation, text, theme slugs, actions) where each action
    is (what, responsible, timescale, is_month, progress or None) and progress is
    (date, rag, narrative, evidence name or None)."""
    for kind, number, standard, regulation, text, slugs, actions in items:
        rec = recommendation_add(
            review=review,
            by=by,
            number=number,
            kind=kind,
            text=text,
            standard_reference=standard,
            regulation_reference=regulation,
            themes=[themes[s] for s in slugs],
        )
        for what, responsible, timescale, is_month, progress in actions:
            action = action_add(
                recommendation=rec,
                by=by,
                what=what,
                responsible=responsible,
                timescale=timescale,
                timescale_is_month=is_month,
            )
            if progress:
                date, rag, narrative, evidence = progress
                action_record_progress(
                    action=action,
                    by=by,
                    date=date,
                    rag=rag,
                    narrative=narrative,
                    evidence=_evidence(evidence, narrative) if evidence else None,
                )


def _findings(review: Review, by, themes: dict, items: list) -> None:
    for area, kind, judgement, summary, slugs in items:
        finding_add(
            review=review,
            by=by,
            area=area,
            kind=kind,
            judgement=judgement,
            summary=summary,
            themes=[themes[s] for s in slugs],
        )


def load(context: dict) -> None:
    board = context["board"]
    officer = context["users"]["officer"]
    chair = context["users"]["chair"]
    themes = {t.slug: t for t in Theme.objects.all()}
    existing = set(Review.objects.filter(board=board).values_list("title", flat=True))
    builders = [
        (ADOPTION_TITLE, _adoption_inspection),
        (SCR_TITLE, _serious_case_review),
        (NEAR_MISS_TITLE, _near_miss),
        (RAPID_TITLE, _rapid_review),
        (JTAI_TITLE, _jtai),
        (PEER_TITLE, _peer_review),
    ]
    for title, build in builders:
        if title not in existing:
            build(board, officer, chair, themes)
    context["reviews"] = {r.title: r for r in Review.objects.filter(board=board)}


def _adoption_inspection(board, officer, chair, themes) -> None:
    review = review_create(
        board=board,
        by=officer,
        kind=ReviewKind.SINGLE_AGENCY_INSPECTION,
        title=ADOPTION_TITLE,
        inspectorate="Ofsted",
        lead_reviewer="Ofsted social care inspector",
        summary=(
            "Ofsted inspected the council's adoption service in October 2008 and rated its "
            "overall quality satisfactory. Inspectors saw skilled, thorough and committed core "
            "work and a considered, inclusive approach to supporting everyone affected by "
            "adoption. Some improvements had been made since the last inspection, but the panel "
            "was not always quorate, the children's guide fell short and staff training lacked "
            "a strategic plan."
        ),
        status=ReviewStatus.ACTION_PLAN,
        start_date=dt.date(2008, 10, 6),
        report_date=dt.date(2008, 11, 14),
        action_statement_date=dt.date(2009, 1, 20),
    )
    _findings(
        review,
        officer,
        themes,
        [
            (
                "Helping children to be safe from harm or neglect",
                FindingKind.JUDGEMENT,
                Judgement.SATISFACTORY,
                "Child permanence reports varied in quality and seldom said anything about the "
                "birth parents' health. The panel needed more members, and it had two councillors "
                "where the 2005 regulations allow one. The team had been without a permanent "
                "manager for several months.",
                ["adoption-permanence", "safer-recruitment"],
            ),
            (
                "Helping children to enjoy and achieve",
                FindingKind.JUDGEMENT,
                Judgement.GOOD,
                "Adoptive placements are well supported, and the panel, agency, adopters and "
                "children all have access to very strong medical advice. No issues were raised.",
                ["adoption-permanence"],
            ),
            (
                "Helping children to make a positive contribution",
                FindingKind.JUDGEMENT,
                Judgement.GOOD,
                "Children's histories are carefully kept, and every birth parent is offered "
                "support and actively encouraged to use it. No issues were raised.",
                ["voice-of-the-child"],
            ),
            (
                "Organisation",
                FindingKind.JUDGEMENT,
                Judgement.SATISFACTORY,
                "Core work is well managed, with fair allocation and good supervision, but the "
                "gap in management limited strategic planning. Training is offered but there is "
                "no strategic training plan, and case files, though orderly, are not audited "
                "routinely.",
                ["workforce-training", "quality-assurance"],
            ),
        ],
    )
    dec = dt.date(2008, 12, 1)
    _plan(
        review,
        officer,
        themes,
        [
            (
                REQ,
                1,
                "NMS 5",
                "Regulation 16(2)",
                "Gather, as far as practicable, information about the health of the child's "
                "birth parents.",
                ["adoption-permanence", "information-sharing"],
                [
                    (
                        "Revise the practice guidance so it stresses collecting information about "
                        "birth parents, their health included.",
                        f"{HOBU}\n{PTM}",
                        dec,
                        False,
                        (
                            PLAN_REVIEWED,
                            RAG.ON_TRACK,
                            "Guidance revised; it moves onto the web-based procedures system in "
                            "February 2009.",
                            None,
                        ),
                    )
                ],
            ),
            (
                REQ,
                2,
                "NMS 11",
                "Regulation 3",
                "Recruit enough people to the adoption panel to give it the constitution the "
                "regulations require.",
                ["adoption-permanence", "safer-recruitment"],
                [
                    (
                        "Advertise locally for candidates to choose new panel members from.",
                        PTM,
                        dec,
                        False,
                        (
                            PLAN_REVIEWED,
                            RAG.AT_RISK,
                            "Two new members appointed, subject to clear CRB checks. A second "
                            "advert runs in mid-January for the last independent member, so "
                            "the panel is not yet at full strength.",
                            None,
                        ),
                    ),
                    (
                        "Report to the Portfolio Holder recommending that only one councillor "
                        "sits on the panel, as the regulations require.",
                        HOBU,
                        dec,
                        False,
                        (
                            PLAN_REVIEWED,
                            RAG.ON_TRACK,
                            "Report goes to the Portfolio Holder with this action plan.",
                            None,
                        ),
                    ),
                ],
            ),
            (
                REQ,
                3,
                "NMS 1",
                "Regulations 2 & 4",
                "Keep a Statement of Purpose holding all the required information, review it, "
                "and tell Ofsted about every revision.",
                ["policy-procedures"],
                [
                    (
                        "Finish revising the Statement of Purpose and send Ofsted a copy.",
                        PTM,
                        dec,
                        False,
                        (
                            PLAN_REVIEWED,
                            RAG.ON_TRACK,
                            "Revision finished. The copy goes to Ofsted once the Portfolio "
                            "Holder has agreed this plan.",
                            None,
                        ),
                    )
                ],
            ),
            (
                REQ,
                4,
                "NMS 1",
                "Regulation 3",
                "Produce a children's guide to adoption holding all the required information.",
                ["voice-of-the-child", "adoption-permanence"],
                [
                    (
                        "Issue an interim supplementary sheet until the published guide is "
                        "fully rewritten.",
                        PTM,
                        dec,
                        False,
                        (
                            PLAN_REVIEWED,
                            RAG.ON_TRACK,
                            "Supplementary sheet issued; the full rewrite is under way.",
                            None,
                        ),
                    )
                ],
            ),
            (
                REQ,
                5,
                "NMS 17",
                "Regulation 9",
                "Have a child protection policy and procedure covering children placed for "
                "adoption and children receiving adoption support.",
                ["policy-procedures", "adoption-permanence"],
                [
                    (
                        "Draft the policy and procedure for the board's procedures subgroup to "
                        "consider, adopt and publish with the multi-agency procedures.",
                        "Safeguarding and Review Manager",
                        dec,
                        False,
                        (
                            PLAN_REVIEWED,
                            RAG.ON_TRACK,
                            "Draft written and ready to go to the subgroup.",
                            None,
                        ),
                    )
                ],
            ),
            (
                REQ,
                6,
                "NMS 23",
                "Regulation 12",
                "Put in place a training programme that meets the service's development needs.",
                ["workforce-training"],
                [
                    (
                        "Work with workforce development staff so the adoption team's needs are "
                        "in the departmental training plan.",
                        f"{PTM}\nWorkforce Development Officer",
                        dec,
                        False,
                        (
                            dt.date(2009, 1, 7),
                            RAG.COMPLETE,
                            "Training needs identified and written into the departmental "
                            "training plan published on 7 January 2009.",
                            "training-plan-extract.txt",
                        ),
                    )
                ],
            ),
            (
                REQ,
                7,
                "NMS 28",
                "Regulation 15",
                "Hold all the required information on adoption panel members' records.",
                ["safer-recruitment", "adoption-permanence"],
                [
                    (
                        "Collect the missing information and copies of documents and add them to "
                        "the existing records.",
                        PTM,
                        dec,
                        False,
                        (
                            PLAN_REVIEWED,
                            RAG.COMPLETE,
                            "Information collected and filed on each member's record.",
                            "panel-records-check.txt",
                        ),
                    )
                ],
            ),
            (
                REC,
                1,
                "NMS 5",
                "",
                "Write child permanence reports consistently, so adopters get all the "
                "information they need about a child being considered for a match.",
                ["adoption-permanence", "quality-assurance"],
                [
                    (
                        "Write and issue guidance; line managers check each report; the "
                        "Placement Team Manager audits them.",
                        f"{PTM}\nField Team Managers",
                        dt.date(2009, 2, 28),
                        True,
                        (
                            PLAN_REVIEWED,
                            RAG.ON_TRACK,
                            "Guidance in draft. Manager checks started, and the audit tool is "
                            "built and in use.",
                            None,
                        ),
                    )
                ],
            ),
            (
                REC,
                2,
                "NMS 12",
                "",
                "Run the panel's administration so members receive every report in good time.",
                ["adoption-permanence"],
                [
                    (
                        "Move the placement team so more administrative help is on hand at "
                        "busy times.",
                        HOBU,
                        dt.date(2008, 12, 31),
                        True,
                        (
                            PLAN_REVIEWED,
                            RAG.COMPLETE,
                            "Team moved; extra administrative support now covers the peaks.",
                            "team-relocation-note.txt",
                        ),
                    )
                ],
            ),
            (
                REC,
                3,
                "NMS 17",
                "",
                "Report to the executive on the service's activity twice a year.",
                ["quality-assurance"],
                [
                    (
                        "Prepare reports for the Portfolio Holder every March and September.",
                        HOBU,
                        dt.date(2009, 1, 31),
                        True,
                        (
                            PLAN_REVIEWED,
                            RAG.ON_TRACK,
                            "The Portfolio Holder is asked to agree this when accepting the "
                            "action plan in January 2009.",
                            None,
                        ),
                    )
                ],
            ),
            (
                REC,
                4,
                "NMS 25",
                "",
                "Record on adopters' case files the decisions reached in supervision.",
                ["quality-assurance"],
                [
                    (
                        "Use the existing case supervision forms to record decisions about "
                        "adopters.",
                        PTM,
                        dt.date(2009, 1, 31),
                        True,
                        (
                            PLAN_REVIEWED,
                            RAG.COMPLETE,
                            "Used in every supervision session since December 2008.",
                            "supervision-record-sample.txt",
                        ),
                    )
                ],
            ),
            (
                REC,
                5,
                "NMS 27",
                "",
                "Set up a system for auditing case files.",
                ["quality-assurance"],
                [
                    (
                        "Build a case audit tool for the whole division that covers specialist "
                        "files too.",
                        "Divisional Management Team",
                        dt.date(2009, 2, 28),
                        True,
                        (
                            PLAN_REVIEWED,
                            RAG.AT_RISK,
                            "Only preliminary work has started, so the February timescale is "
                            "at risk.",
                            None,
                        ),
                    )
                ],
            ),
        ],
    )


def _serious_case_review(board, officer, chair, themes) -> None:
    review = review_create(
        board=board,
        by=officer,
        kind=ReviewKind.SERIOUS_CASE_REVIEW,
        title=SCR_TITLE,
        subject_reference="Child B",
        guidance="wt2006",
        criteria_met=["wt2006-serious-harm"],
        lead_reviewer="Independent overview report author",
        summary=(
            "A toddler suffered serious injuries at home. Police had attended several domestic "
            "incidents at the address, but health visitors did not hear of them, and the "
            "child's own experience was rarely recorded by anyone."
        ),
        status=ReviewStatus.ACTION_PLAN,
        incident_known_date=dt.date(2008, 6, 2),
        notification_date=dt.date(2008, 6, 5),
        start_date=dt.date(2008, 7, 1),
        published_date=dt.date(2009, 1, 15),
    )
    _findings(
        review,
        officer,
        themes,
        [
            (
                "Sharing information about domestic abuse",
                FindingKind.AREA_FOR_IMPROVEMENT,
                "",
                "Police notifications of domestic incidents did not reach the health visitor.",
                ["domestic-abuse", "information-sharing"],
            ),
            (
                "Recognising neglect",
                FindingKind.AREA_FOR_IMPROVEMENT,
                "",
                "Signs of cumulative neglect were seen by several agencies but never put together.",
                ["neglect", "multi-agency-working"],
            ),
        ],
    )
    _plan(
        review,
        officer,
        themes,
        [
            (
                REC,
                1,
                "",
                "",
                "Police and health agree how domestic incident notifications involving children "
                "reach health visitors and school nurses within one working day.",
                ["domestic-abuse", "information-sharing"],
                [
                    (
                        "Agree and publish a notification protocol between police and the PCT.",
                        "Head of Public Protection\nDesignated Nurse",
                        dt.date(2009, 3, 31),
                        True,
                        (
                            dt.date(2009, 2, 20),
                            RAG.ON_TRACK,
                            "Protocol drafted and agreed in principle by both agencies.",
                            None,
                        ),
                    )
                ],
            ),
            (
                REC,
                2,
                "",
                "",
                "Multi-agency training on neglect covers how small concerns add up to "
                "significant harm.",
                ["neglect", "workforce-training"],
                [
                    (
                        "Add a cumulative-harm module to the multi-agency neglect course.",
                        "Chair of the Training Subgroup",
                        dt.date(2009, 6, 30),
                        True,
                        None,
                    )
                ],
            ),
            (
                REC,
                3,
                "",
                "",
                "Practitioners record the child's own views and daily experience at every core "
                "group meeting.",
                ["voice-of-the-child"],
                [
                    (
                        "Change the core group record to include a section for the child's view.",
                        "Safeguarding and Review Manager",
                        dt.date(2009, 3, 31),
                        False,
                        None,
                    )
                ],
            ),
            (
                REC,
                4,
                "",
                "",
                "The board audits how well these recommendations have been put into practice "
                "a year after publication.",
                ["quality-assurance", "multi-agency-working"],
                [
                    (
                        "Run a multi-agency case audit and report the results to the board.",
                        "Chair of the Quality and Performance Subgroup",
                        dt.date(2010, 1, 31),
                        True,
                        None,
                    )
                ],
            ),
        ],
    )
    review_sign_off(review=review, by=chair)


def _near_miss(board, officer, chair, themes) -> None:
    review = review_create(
        board=board,
        by=officer,
        kind=ReviewKind.NEAR_MISS,
        title=NEAR_MISS_TITLE,
        subject_reference="Child C",
        lead_reviewer="Safeguarding and Review Manager",
        summary=(
            "No serious harm came to the child, but a referral made out of hours waited two "
            "days for a strategy discussion. The board reviewed the case to learn from it, as "
            "its near-miss process allows."
        ),
        status=ReviewStatus.IN_PROGRESS,
        start_date=dt.date(2009, 2, 2),
    )
    _findings(
        review,
        officer,
        themes,
        [
            (
                "Handover from the out-of-hours team",
                FindingKind.AREA_FOR_IMPROVEMENT,
                "",
                "The referral sat in the out-of-hours log and the day team did not see it.",
                ["information-sharing", "multi-agency-working"],
            )
        ],
    )
    _plan(
        review,
        officer,
        themes,
        [
            (
                REC,
                1,
                "",
                "",
                "The out-of-hours team passes every safeguarding referral to the day team by 9am "
                "on the next working day.",
                ["information-sharing"],
                [
                    (
                        "Add a morning handover check to the duty procedures.",
                        "Duty Team Manager",
                        dt.date(2009, 4, 30),
                        True,
                        None,
                    )
                ],
            )
        ],
    )


def _recent_working_day(back: int) -> dt.date:
    """The working day `back` working days before today, so the demo clock is live."""
    day = dt.date.today()
    while back:
        day -= dt.timedelta(days=1)
        if is_working_day(day):
            back -= 1
    return day


def _rapid_review(board, officer, chair, themes) -> None:
    # Notified 13 working days ago: two working days of a 15-day clock left, so it shows amber.
    notified = _recent_working_day(13)
    known = _recent_working_day(16)
    review_create(
        board=board,
        by=officer,
        kind=ReviewKind.RAPID_REVIEW,
        title=RAPID_TITLE,
        subject_reference="Child D",
        guidance="wt2018",
        criteria_met=["wt2018-known-suspected", "wt2018-seriously-harmed"],
        lead_reviewer="Designated Doctor for Safeguarding",
        summary="A baby was admitted to hospital with injuries that raised concern.",
        status=ReviewStatus.IN_PROGRESS,
        incident_known_date=known,
        notification_date=notified,
        start_date=notified,
    )


def _jtai(board, officer, chair, themes) -> None:
    review = review_create(
        board=board,
        by=officer,
        kind=ReviewKind.JTAI,
        title=JTAI_TITLE,
        inspectorate="Ofsted, the Care Quality Commission, HM Inspectorate of Probation and "
        "HM Inspectorate of Constabulary and Fire and Rescue Services",
        lead_reviewer="Ofsted lead inspector",
        summary=(
            "A joint look at how agencies respond to abuse and neglect, with a deep dive into "
            "children living with neglect. Inspectors found partners strongly committed to "
            "tackling neglect together. The director of children's services must send a "
            "written statement of the action proposed in response."
        ),
        status=ReviewStatus.ACTION_PLAN,
        start_date=dt.date(2017, 11, 13),
        report_date=dt.date(2018, 1, 15),
    )
    _findings(
        review,
        officer,
        themes,
        [
            (
                "Shared commitment",
                FindingKind.STRENGTH,
                "",
                "Partners share a strong commitment to tackling neglect.",
                ["neglect", "multi-agency-working"],
            ),
            (
                "Front door",
                FindingKind.STRENGTH,
                "",
                "The children's hub works well as the single front door for referrals about "
                "children at risk.",
                ["multi-agency-working"],
            ),
            (
                "Early help",
                FindingKind.STRENGTH,
                "",
                "Families can draw on a comprehensive early help offer.",
                ["early-help"],
            ),
            (
                "Police response to neglect",
                FindingKind.AREA_FOR_IMPROVEMENT,
                "",
                "Frontline safeguarding decisions by police vary in quality, neglect included, "
                "and the force is struggling with demand linked to vulnerability.",
                ["neglect", "workforce-training"],
            ),
        ],
    )
    _plan(
        review,
        officer,
        themes,
        [
            (
                AFI,
                1,
                "",
                "",
                "Help more children attend their child protection conferences: between April "
                "and September 2017 only 8 of the 222 children who could have attended did so.",
                ["voice-of-the-child"],
                [
                    (
                        "Offer every child aged ten or over an advocate and a pre-meeting before "
                        "their conference.",
                        "Safeguarding and Review Manager",
                        dt.date(2018, 9, 30),
                        True,
                        (
                            dt.date(2018, 6, 30),
                            RAG.ON_TRACK,
                            "Advocacy contract extended; attendance is counted every month.",
                            None,
                        ),
                    )
                ],
            ),
            (
                AFI,
                2,
                "",
                "",
                "Bring the joint strategic needs analysis up to date: much of it dates from "
                "2013-14 or earlier, and it lacks information on risk to children in key areas.",
                ["quality-assurance"],
                [
                    (
                        "Refresh the children's chapters of the needs analysis with current data.",
                        "Director of Public Health",
                        dt.date(2018, 12, 31),
                        True,
                        None,
                    )
                ],
            ),
            (
                AFI,
                3,
                "",
                "",
                "Add analysis to the children's services performance framework, not only figures.",
                ["quality-assurance"],
                [
                    (
                        "Write a commentary on every measure in the quarterly performance report.",
                        "Head of Performance",
                        dt.date(2018, 6, 30),
                        True,
                        None,
                    )
                ],
            ),
            (
                AFI,
                4,
                "",
                "",
                "Make police frontline safeguarding decisions consistent, including where "
                "children are neglected, and keep demand linked to vulnerability under close "
                "review.",
                ["neglect", "workforce-training"],
                [
                    (
                        "Train response officers in recognising neglect and audit a sample of "
                        "their decisions each quarter.",
                        "Head of Public Protection",
                        dt.date(2018, 12, 31),
                        True,
                        None,
                    )
                ],
            ),
            (
                AFI,
                5,
                "",
                "",
                "Tell partners when children may be living with neglect, and share information "
                "when a child becomes a child in need, so health leads know every such child.",
                ["information-sharing", "neglect"],
                [
                    (
                        "Send police notifications about possible neglect to health and schools, "
                        "and copy child in need plans to the named nurse.",
                        "Head of Public Protection\nNamed Nurse for Safeguarding",
                        dt.date(2018, 9, 30),
                        True,
                        None,
                    )
                ],
            ),
        ],
    )


def _peer_review(board, officer, chair, themes) -> None:
    review = review_create(
        board=board,
        by=officer,
        kind=ReviewKind.PEER_REVIEW,
        title=PEER_TITLE,
        lead_reviewer="A director of children's services from another council, with a "
        "national team of specialists",
        summary=(
            "The council asked for this five-day peer review, which began on 10 September "
            "2008. It was a learning exercise with critical friends, not an inspection. It "
            "looked at the quality of practice and care planning, the effect of early "
            "intervention and the remodelling of services, partnership working and how well "
            "services are commissioned.\n\nFeedback letter, in summary: partners work "
            "together well and gathered their evidence jointly through a multi-agency group "
            "of the council, the PCT, the hospital trust and the police. Care plans vary and "
            "too few say what should change for the child. Early intervention is being "
            "remodelled, but no one yet measures whether it makes a difference. The letter "
            "is not published nationally; officers will put it before the Portfolio Holder."
        ),
        status=ReviewStatus.ACTION_PLAN,
        start_date=dt.date(2008, 9, 10),
    )
    _findings(
        review,
        officer,
        themes,
        [
            (
                "Partnership working",
                FindingKind.STRENGTH,
                "",
                "Partners prepared for the review together through a multi-agency group.",
                ["multi-agency-working"],
            ),
            (
                "Care planning",
                FindingKind.AREA_FOR_IMPROVEMENT,
                "",
                "Care plans vary in quality and too few set out what should change for the child.",
                ["voice-of-the-child", "quality-assurance"],
            ),
            (
                "Early intervention",
                FindingKind.AREA_FOR_IMPROVEMENT,
                "",
                "The impact of remodelled early intervention services is not yet measured.",
                ["early-help"],
            ),
        ],
    )
    _plan(
        review,
        officer,
        themes,
        [
            (
                AFI,
                1,
                "",
                "",
                "Measure whether the remodelled early intervention services make a difference "
                "for children.",
                ["early-help", "quality-assurance"],
                [
                    (
                        "Agree three outcome measures for early intervention and report them to "
                        "the board each quarter.",
                        "Head of Prevention Services",
                        dt.date(2009, 3, 31),
                        True,
                        (
                            dt.date(2009, 1, 14),
                            RAG.ON_TRACK,
                            "Measures drafted for the board's development day.",
                            None,
                        ),
                    )
                ],
            ),
            (
                AFI,
                2,
                "",
                "",
                "Make every care plan say what should change for the child and by when.",
                ["voice-of-the-child"],
                [
                    (
                        "Revise the care plan template and audit twenty plans after three months.",
                        "Principal Social Worker",
                        dt.date(2009, 4, 30),
                        True,
                        None,
                    )
                ],
            ),
        ],
    )
