import { type Static, Type } from '@fastify/type-provider-typebox';

/** The portal shell's request schemas (its pages are HTML; the schemas type what the handlers read). */

/** `/a/:code/`: an agency's disclosure column by its code (an unknown code is a 404 page). */
export const AgencyCodeParams = Type.Object({ code: Type.String() });
export type AgencyCodeParams = Static<typeof AgencyCodeParams>;

/** `/mode?set=elder` turns large-print mode on; any other value (or none) turns it off. */
export const ModeQuery = Type.Object({ set: Type.Optional(Type.String()) });
export type ModeQuery = Static<typeof ModeQuery>;
