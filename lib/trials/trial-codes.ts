/**
 * Refusal reasons of the trial use cases that pages word themselves. A module of its own, free of
 * server code, so client components can compare against it.
 */

/** The organisation has or had its one trial (startTrialInPortal). */
export const TRIAL_USED = "trial-used";
