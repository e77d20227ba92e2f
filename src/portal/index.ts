import type { Capability } from '../platform/capability.js';
import { renderErrorPage } from '../platform/web/layout.js';
import { portalRoutes } from './portal.routes.js';

/** The public portal's shell: home page, sign-in page, agency pages, the HTML error page. */
export const portal: Capability = {
  name: 'portal',
  publicPages: portalRoutes,
  errorPage: renderErrorPage,
};
