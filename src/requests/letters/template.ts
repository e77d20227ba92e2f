/** The shape every letter template has: a validator and a builder of the letter's body. */
import type { Block } from '../../platform/documents/model.js';
import type { LetterContext } from './context.js';
import type { Citer, Issues } from './phrases.js';

export interface LetterBody {
  /** 主送. */
  recipient: string;
  blocks: Block[];
  /** 附件说明. */
  attachments?: string[];
  /** The closing line, e.g. 特此告知。 */
  closing: string;
  /** Print the remedies paragraph; replies always do (added by the composer, whatever this says). */
  remedies?: boolean;
  /** The noun of the remedies sentence: 答复 (default) or 决定. */
  remediesNoun?: '答复' | '决定';
}

export interface LetterTemplate {
  /** Kind-specific checks; the composer adds the common ones. */
  validate(ctx: LetterContext, issues: Issues): void;
  /** The body; called only on a context that passed validation. */
  build(ctx: LetterContext, cite: Citer): LetterBody;
}

export const p = (text: string): Block => ({ type: 'paragraph', text });
