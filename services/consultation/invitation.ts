import { Consultation } from '../../models';
import type { ConsultationDoc } from '../../models/consultation';
import type { ConsultationView } from '../answers/views';
import { consultationView } from './view';

/** What every recipient of a consultation is sent. */
export async function consultationInvitation(id: string): Promise<ConsultationView | undefined> {
  const c = (await Consultation.findById(id).lean()) as ConsultationDoc | null;
  return c ? consultationView(c, { header: 'Consultation from the policy team' }) : undefined;
}
