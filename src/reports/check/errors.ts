/** Why a file could not be read as an annual report at all. The message is a Chinese sentence for the user. */

export type ReadErrorCode = 'empty' | 'too-large' | 'binary' | 'encrypted' | 'corrupt' | 'unsupported' | 'timeout' | 'no-text' | 'not-report' | 'io';

export class ReportReadError extends Error {
  constructor(
    readonly code: ReadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ReportReadError';
  }
}
