/** Templates of the procedural letters: receipt, correction, extension, consultations, fee notice, Art. 35. */
import type { StepKind } from './kinds.js';
import { correctionNotice, extensionNotice, receipt } from './steps-clock.js';
import { agencyConsultation, thirdPartyConsultation, thirdPartyDisclosureNotice } from './steps-consult.js';
import { deferralNotice, feeNotice, reasonsRequest } from './steps-volume.js';
import type { LetterTemplate } from './template.js';

export const STEP_TEMPLATES: Record<StepKind, LetterTemplate> = {
  receipt,
  correction_notice: correctionNotice,
  extension_notice: extensionNotice,
  third_party_consultation: thirdPartyConsultation,
  agency_consultation: agencyConsultation,
  third_party_disclosure_notice: thirdPartyDisclosureNotice,
  fee_notice: feeNotice,
  reasons_request: reasonsRequest,
  deferral_notice: deferralNotice,
};
