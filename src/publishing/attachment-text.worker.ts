/** The worker task for attachment text (run by the platform's worker pool): extract, with the inflation limits. */

import { extractText } from './attachments.js';

export async function handle(input: { ext: string; data: Uint8Array; name: string }): Promise<{ text: string } | { refused: string }> {
  try {
    return { text: await extractText(input.ext, Buffer.from(input.data.buffer, input.data.byteOffset, input.data.byteLength), input.name) };
  } catch (err) {
    return { refused: (err as Error).message };
  }
}
