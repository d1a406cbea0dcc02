// Progress of a user's long job to that user's tabs on /ws/events (see ProgressMessage).
import type { SessionUser } from "@/lib/auth/session-store";
import { publish } from "./bus";

export interface Progress {
  done: number;
  total: number;
}

/**
 * A reporter for a job of `steps` parts: `reporter(step)(label, progress)` publishes one part's
 * progress. Without a job id (the caller does not follow it) nothing is sent.
 */
export function progressReporter(user: SessionUser, job: string | undefined, steps: number) {
  return (step: number) => (label: string, p: Progress) => {
    if (job) publish({ type: "progress", userId: user.userId, job, step, steps, label, ...p });
  };
}

/** The reporter of a one-part job (a single volume copy) named `label`. */
export function singleProgress(user: SessionUser, job: string | undefined, label: string) {
  const report = progressReporter(user, job, 1)(0);
  return (p: Progress) => report(label, p);
}
