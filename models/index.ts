// Importing this module registers every model, so connect() can build all their indexes.
export { Plan, PLAN_STATUSES } from './plan';
export { Aim } from './aim';
export { Priority } from './priority';
export { Target, TARGET_KINDS, UNITS, DIRECTIONS, FREQUENCIES } from './target';
export { Person, ROLES } from './person';
export { Update } from './update';
export { Audit } from './audit';
export { RAGS, CHANNELS } from './rag';
export { Identity } from './identity';
export { Cycle } from './cycle';
export { CycleTarget } from './cycle-target';
export { Job } from './job';
export { Delivery, DeliveryCancel, DeliveryClaim, DELIVERY_STATUSES } from './delivery';
export { Broadcast } from './broadcast';
export { Consultation, ConsultationResponse } from './consultation';
export { Workshop, WorkshopReply, WorkshopSeat } from './workshop';
export { Receipt } from './receipt';
export { LastList } from './last-list';
