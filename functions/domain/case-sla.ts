/**
 * Which promised clock a case shows, read from what the case record already holds (its timeline and supplement
 * rounds), so nothing extra is written to keep it: the stage a person is working on (pre-review, manual review),
 * otherwise the whole case from its submission. Waiting for the citizen's correction pauses both.
 * Pure: the caller passes today and the policy.
 */
import type { CaseStatus, TimelineEntry } from '../../schemas/case.ts';
import type { Policy, SlaStage } from './policy.ts';
import { completion, type Pause, type Sla, type SlaClock, slaOn } from './sla.ts';

export type CaseClockInput = {
  status: CaseStatus;
  timeline: readonly TimelineEntry[];
  supplements?: readonly { requestedAt: string; receivedAt?: string }[];
};

const chinaDate = (instant: string) => new Date(Date.parse(instant) + 8 * 3600 * 1000).toISOString().slice(0, 10);

/** The whole case's clock, and the clock of the stage a person works on now (when one does). */
export function caseClocks(c: CaseClockInput, policy: Policy, today: string): { stage?: SlaClock; case?: SlaClock; completedOn?: string } {
  const submitted = c.timeline.find((e) => e.status === 'SUBMITTED');
  if (!submitted) return {};
  const pauses = pausesOf(c, today);
  const clock = (stage: SlaStage, startedAt: string): SlaClock => ({
    stage,
    startedOn: chinaDate(startedAt),
    workingDaysAllowed: policy.sla.promisedWorkingDays[stage],
    pauses: pauses.filter((p) => (p.to ?? today) >= chinaDate(startedAt)),
  });
  const completed = c.timeline.find((e) => e.status === 'COMPLETED');
  const whole = clock('case', submitted.at);
  if (completed) return { case: whole, completedOn: chinaDate(completed.at) };
  const stageStart =
    c.status === 'PRE_REVIEW' || c.status === 'SUPPLEMENT_REQUESTED'
      ? // The pre-review a person does: from when the automatic check first handed the case to staff (had it
        // passed, the case would have moved on); supplement rounds pause it rather than restart it.
        c.timeline.find((e) => e.status === 'PRE_REVIEW')
      : c.status === 'MANUAL_REVIEW'
        ? c.timeline.findLast((e) => e.status === 'MANUAL_REVIEW' && e.actor === 'system')
        : undefined;
  const stage = stageStart ? clock(c.status === 'MANUAL_REVIEW' ? 'manual' : 'pre-review', stageStart.at) : undefined;
  return { case: whole, ...(stage ? { stage } : {}) };
}

/** The `sla` of the case view: the stage's clock while a person works on it, else the whole case's; none before the form. */
export function caseSla(c: CaseClockInput, policy: Policy, today: string): (Sla & { caseDueDate: string }) | undefined {
  const clocks = caseClocks(c, policy, today);
  if (!clocks.case) return undefined;
  const dueSoon = policy.sla.dueSoonWorkingDays;
  if (clocks.completedOn) {
    const done = completion(clocks.case, clocks.completedOn);
    const { startedOn, stage, workingDaysAllowed } = clocks.case;
    return {
      stage,
      startedOn,
      dueDate: done.dueDate,
      caseDueDate: done.dueDate,
      workingDaysAllowed,
      workingDaysLeft: workingDaysAllowed - done.workingDaysTaken,
      state: done.onTime ? 'ON_TIME' : 'OVERDUE',
    };
  }
  // Ended otherwise (withdrawn, expired): no promise is running.
  if (['WITHDRAWN', 'EXPIRED', 'BOOKED'].includes(c.status)) return undefined;
  const whole = slaOn(clocks.case, today, dueSoon);
  const shown = clocks.stage ? slaOn(clocks.stage, today, dueSoon) : whole;
  return { ...shown, caseDueDate: whole.dueDate };
}

/** Each supplement round stops the clocks from the day it was asked until the corrected form came (or today). */
function pausesOf(c: CaseClockInput, today: string): Pause[] {
  return (c.supplements ?? []).map((s) => {
    // A pinned clock may stand before a recorded instant (demos move CLOCK_TODAY): never start a pause after today.
    const from = [chinaDate(s.requestedAt), today].sort()[0]!;
    const end = s.receivedAt ?? endOfRound(c, s.requestedAt);
    return end ? { from, to: [chinaDate(end), from].sort()[1]! } : { from };
  });
}

/** A round refused by staff (no correction came) ends at the first timeline entry after it in another status. */
function endOfRound(c: CaseClockInput, requestedAt: string): string | undefined {
  if (c.status === 'SUPPLEMENT_REQUESTED') return undefined;
  return c.timeline.find((e) => e.at > requestedAt && e.status !== 'SUPPLEMENT_REQUESTED')?.at;
}
