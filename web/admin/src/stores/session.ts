import { defineStore } from 'pinia';
import { api } from '../api.js';
import type { Permission, SessionInfo, SessionUser } from '../types.js';
import { allowed } from '../registry.js';

/** Who is signed in, what they may do, and whether they must change their password first. */
export const useSession = defineStore('session', {
  state: () => ({
    user: null as SessionUser | null,
    permissions: [] as Permission[],
    mustChangePassword: false,
    /** The first GET /api/session has answered. */
    loaded: false,
  }),
  getters: {
    signedIn: (s) => s.user !== null,
  },
  actions: {
    apply(info: SessionInfo | null) {
      this.user = info?.user ?? null;
      this.permissions = info?.permissions ?? [];
      this.mustChangePassword = info?.mustChangePassword ?? false;
      this.loaded = true;
    },
    async load(force = false) {
      if (this.loaded && !force) return;
      this.apply(await api.session.current());
    },
    async signIn(username: string, password: string) {
      this.apply(await api.session.signIn(username, password));
    },
    async signOut() {
      try {
        await api.session.signOut();
      } finally {
        this.clear();
      }
    },
    /** Forget the session locally (after a 401). */
    clear() {
      this.user = null;
      this.permissions = [];
      this.mustChangePassword = false;
      this.loaded = true;
    },
    passwordChanged() {
      this.mustChangePassword = false;
    },
    can(required: Permission | Permission[] | undefined) {
      return allowed(required, this.permissions);
    },
  },
});
