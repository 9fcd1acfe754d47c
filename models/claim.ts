import { Schema, model } from 'mongoose';

/**
 * A claim: the right of one instance to do one piece of work (`_id` names it, e.g.
 * "<delivery>#<attempt>"). Inserting it is the claim: a unique-key insert is atomic on MongoDB and
 * FerretDB alike, where an update is not (design.md). `at` is when its holder last said it was
 * alive (services/scheduling/leases.ts renews it); `by` names the holder, for the logs.
 */
function claimModel(name: string) {
  const schema = new Schema(
    { _id: { type: String, required: true }, at: { type: Date, required: true }, by: String },
    { versionKey: false },
  );
  return model(name, schema);
}

export type ClaimModel = ReturnType<typeof claimModel>;

/** The right to make one attempt at one delivery: "<delivery>#<attempt>". */
export const DeliveryClaim = claimModel('DeliveryClaim');

/** The right to run one attempt of one scheduled job: "<job>#<attempt>". */
export const JobClaim = claimModel('JobClaim');

/**
 * One block of a platform's send slots, "<platform>|<block>", held by the instance that may send
 * in it (services/delivery/pace.ts): how instances share one app-wide rate limit.
 */
export const SendSlot = claimModel('SendSlot');
